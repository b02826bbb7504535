#!/usr/bin/env bash
# Runs the portable `qungong` (scripts/package-portable.sh) on an older Debian than this one:
# a minimal Debian 11 "bullseye" (glibc 2.31, the level of Kylin V10) made with debootstrap from
# the Debian mirror, kept in .tools/bullseye. Inside it (chroot): the demo database, a printed
# 花名册, then `qungong serve`; from outside: the page and the 工作台 with the token, then 退出
# (scripts/serve-check.sh, the same check as for the Windows and arm64 builds).
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
rm -f "$ROOT"/root/check.db* "$ROOT"/root/roster.pdf
# The Chinese font a user installs with the program (fonts-noto-cjk), for the printed 花名册.
mkdir -p "$ROOT/usr/share/fonts/opentype/noto"
cp -u /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc "$ROOT/usr/share/fonts/opentype/noto/"
source scripts/serve-check.sh
PDF_HOST="$ROOT/root/roster.pdf" serve_check "Debian 11" /root/check.db /root/roster.pdf -- chroot "$ROOT" /usr/local/bin/qungong
