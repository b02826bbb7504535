#!/usr/bin/env bash
# Runs the portable `qungong` (scripts/package-portable.sh) on an older Debian than this one:
# a minimal Debian 11 "bullseye" (glibc 2.31, the level of Kylin V10) made with debootstrap from
# the Debian mirror, kept in .tools/bullseye. Inside it (chroot): the demo database, then
# `qungong serve`; from outside: the page and one API call with the token, then 退出 (`quit`).
#
#   scripts/check-old-debian.sh [BINARY]     default: the debug build of --check
#
# Debian 10 "buster" (glibc 2.28, the level of UOS V20) would be the closer test, but its
# packages have moved to archive.debian.org, which this machine cannot reach; bullseye is the
# oldest release the mirror still serves. Needs root (debootstrap, chroot). If the mirror cannot
# be reached it says so and ends without failing (there is then no older system to run in);
# anything that goes wrong once the system is there fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

BIN="${1:-target/x86_64-unknown-linux-gnu/debug/qungong}"
ROOT=.tools/bullseye
MIRROR=http://deb.debian.org/debian
PORT=48231

[ -x "$BIN" ] || { echo "未找到 $BIN：请先运行 scripts/package-portable.sh --check" >&2; exit 1; }
ensure_packages debootstrap curl

if [ ! -x "$ROOT/usr/bin/ldd" ]; then
  echo "== 用 debootstrap 建立 Debian 11（bullseye）最小系统：$ROOT"
  rm -rf "$ROOT"
  if ! debootstrap --variant=minbase bullseye "$ROOT" "$MIRROR" > .tools/debootstrap.log 2>&1; then
    # The check is "if an older Debian can be fetched here": without the mirror there is
    # nothing to run it in. Said plainly, and the rest of the tests go on.
    echo "注意：无法从 $MIRROR 取得 Debian 11（bullseye），本次未在旧系统中运行（见 .tools/debootstrap.log）" >&2
    rm -rf "$ROOT"
    exit 0
  fi
fi
echo "旧系统的 glibc：$(chroot "$ROOT" /usr/bin/ldd --version | head -1)"

install -m 0755 "$BIN" "$ROOT/usr/local/bin/qungong"
rm -f "$ROOT"/root/check.db*
# The administrator first (every command but init / serve acts as an account), then the demo.

chroot "$ROOT" /usr/bin/env QUNGONG_USER=admin QUNGONG_PASSWORD=check-old-1 \
  /usr/local/bin/qungong --db /root/check.db account setup
chroot "$ROOT" /usr/bin/env QUNGONG_USER=admin QUNGONG_PASSWORD=check-old-1 \
  /usr/local/bin/qungong --db /root/check.db demo | tail -1

OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
chroot "$ROOT" /usr/local/bin/qungong --db /root/check.db serve --no-browser --port "$PORT" > "$OUT" 2>&1 &
SERVER=$!
URL=""
for _ in $(seq 600); do
  URL="$(grep -o 'http://[^ ]*' "$OUT" | head -1 || true)"
  [ -n "$URL" ] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$OUT" >&2; echo "旧系统中的 qungong serve 没能启动" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { cat "$OUT" >&2; echo "旧系统中的 qungong serve 没有给出地址" >&2; kill "$SERVER"; exit 1; }
TOKEN="${URL##*t=}"
PAGE="$(curl -sf "http://127.0.0.1:$PORT/")"
case "$PAGE" in *'<div id="app">'*) ;; *) echo "页面不对：$PAGE" >&2; kill "$SERVER"; exit 1 ;; esac
# The page's token proves where the request comes from; the account signs in for the session.
SESSION="$(curl -sf -X POST -H "X-Qungong-Token: $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"admin","password":"check-old-1"}' "http://127.0.0.1:$PORT/api/auth_sign_in" \
  | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4 || true)"
STAFF="$(curl -sf -X POST -H "X-Qungong-Token: $TOKEN" -H "X-Qungong-Session: $SESSION" "http://127.0.0.1:$PORT/api/dashboard" | grep -o '"staff_count":[0-9]*' | head -1 || true)"
curl -sf -X POST -H "X-Qungong-Token: $TOKEN" "http://127.0.0.1:$PORT/api/quit" > /dev/null
wait "$SERVER"
[ -n "$STAFF" ] || { echo "工作台的数据没有取到" >&2; exit 1; }
echo "检查通过：Debian 11 中 qungong serve 给出了页面和工作台数据（${STAFF}），并按“退出”停止"
