#!/usr/bin/env bash
# Builds 群工台 and starts it. Until the desktop window lands, the app is the `qungong` command
# line: this builds it (release), fills a demo database on first use, and shows what is in it.
#   ./run.sh                 build, then show the demo database
#   ./run.sh unit list       build, then run any qungong command (on your own database)
set -euo pipefail
cd "$(dirname "$0")"

command -v cc >/dev/null 2>&1 || {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends build-essential pkg-config
  else
    echo "缺少 C 编译器，请先执行：sudo apt-get install -y build-essential pkg-config" >&2; exit 1
  fi
}
cargo build --release --locked --bin qungong
bin=target/release/qungong

if [ $# -gt 0 ]; then
  exec "$bin" "$@"
fi

demo_db="${QUNGONG_DB:-target/demo/qungong.db}"
if [ ! -s "$demo_db" ]; then
  "$bin" --db "$demo_db" demo --scale branch
fi
echo
"$bin" --db "$demo_db" unit list
"$bin" --db "$demo_db" activity list --page-size 10
cat <<EOT

演示数据库：$demo_db
试试：  $bin --db $demo_db person list --search zs
        $bin --db $demo_db attendance rates --by unit --from 2025-01-01 --to 2025-12-31
        $bin --help
EOT
