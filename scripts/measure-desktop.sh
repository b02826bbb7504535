#!/usr/bin/env bash
# Measures the desktop app at city scale (issue 12): the time from launch to the 工作台 showing
# its data, and the resident memory of all the app's processes after a minute idle on the 工作台
# and after visiting every screen (and once more after another idle minute back on the 工作台).
# Targets: ≤ 1.5 s, ≤ 200 MB. Prints a Markdown table.
#
#   scripts/measure-desktop.sh              5 launches, 60 s idle
#   scripts/measure-desktop.sh 3 30         3 launches, 30 s idle
#   QUNGONG_MEASURE_NO_BUILD=1 scripts/…    use the app already built in target/release
#
# It builds the release app (the UI, then qungong-desktop and the qungong command line), makes a
# city-scale demo database (about 10 000 staff) in a temporary directory, and runs the measuring
# program (tests/e2e/examples/measure_desktop.rs) under a virtual display (Xvfb) with its own
# D-Bus session, as the end-to-end tests run. Needs what ./test.sh needs (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

LAUNCHES="${1:-5}"
IDLE="${2:-60}"

ensure_tools
ensure_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_ui_packages
ensure_tauri_driver
export PATH="$PWD/.tools/bin:$PATH"

if [ -z "${QUNGONG_MEASURE_NO_BUILD:-}" ]; then
  echo "== 构建界面与发行版桌面应用（cargo build --release）"
  (cd ui && npm run build)
  cargo build --release --locked -p qungong-desktop -p qungong
fi
echo "== 构建测量程序（端到端测试包的 example）"
cargo build --locked -p qungong-e2e --example measure_desktop

T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
echo "== 生成地市公司规模的演示数据库（约 1 万人）"
export QUNGONG_USER=admin QUNGONG_PASSWORD=measure-2026
target/release/qungong --db "$T/city.db" account setup >/dev/null
target/release/qungong --db "$T/city.db" demo --scale city >/dev/null
ls -lh "$T/city.db" | awk '{print "数据库大小：" $5}'

echo "== 测量（Xvfb，${LAUNCHES} 次启动，工作台空闲 ${IDLE} 秒）"
echo "机器：$(nproc) 核，$(uptime | sed 's/.*load average/load average/')"
export QUNGONG_APP="$PWD/target/release/qungong-desktop"
# One measurement at a time, and not while the end-to-end tests drive their own app windows.
flock /tmp/e2e.lock \
  xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-launch --exit-with-session \
  target/debug/examples/measure_desktop "$T/city.db" "$LAUNCHES" "$IDLE"
echo "测量结束时：$(uptime | sed 's/.*load average/load average/')"
