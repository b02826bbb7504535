#!/usr/bin/env bash
# Builds 群工台 (the UI and the desktop app) and opens its window.
#   ./run.sh            build and launch the desktop app (your data: see README, 数据存放位置)
#   ./run.sh --demo     launch it on a demo database (a county company of about 300 staff)
#   ./run.sh cli ARGS   build and run the qungong command line instead
set -euo pipefail
cd "$(dirname "$0")"
source scripts/deps.sh

ensure_tools
if [ "${1:-}" = cli ]; then
  shift
  cargo build --release --locked --bin qungong
  exec target/release/qungong "$@"
fi
ensure_packages "${APP_PACKAGES[@]}"
ensure_ui_packages
(cd ui && npm run build)
cargo build --locked -p qungong-desktop -p qungong

if [ "${1:-}" = --demo ]; then
  export QUNGONG_DB="$PWD/target/demo/qungong.db"
  if [ ! -s "$QUNGONG_DB" ]; then
    # The demo database's administrator (a real database asks for one on its first start).
    QUNGONG_USER=admin QUNGONG_PASSWORD=demo-2026 target/debug/qungong --db "$QUNGONG_DB" account setup
    QUNGONG_USER=admin QUNGONG_PASSWORD=demo-2026 target/debug/qungong --db "$QUNGONG_DB" demo --scale branch
  fi
  echo "演示数据库：$QUNGONG_DB（管理员账号 admin，密码 demo-2026）"
fi
exec target/debug/qungong-desktop
