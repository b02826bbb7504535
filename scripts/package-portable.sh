#!/usr/bin/env bash
# The portable Linux package: the `qungong` binary (command line + browser mode, no GTK/WebKit)
# linked against glibc 2.28's symbols, so it runs on UOS V20 (Debian 10 base), Kylin V10 and
# anything newer, packaged as a .deb with the menu entry 群工台（浏览器版）.
#
#   scripts/package-portable.sh            build, check, package → target/portable/qungong-browser_<ver>_amd64.deb
#   scripts/package-portable.sh --check    a debug build, checked only (what ./test.sh runs: the
#                                          same linking, a few minutes less than the release build)
#
# The check: the highest GLIBC_x.y symbol version the binary needs (objdump -T) is at most 2.28,
# and the only libraries it needs are glibc's and libgcc's (readelf -d).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
source scripts/portable-lib.sh

MODE="${1:-package}"
TARGET=x86_64-unknown-linux-gnu
GLIBC=2.28

ensure_tools
ensure_ui_packages
ensure_zigbuild

if [ ! -f ui/dist/index.html ]; then
  echo "== 构建界面（嵌入到程序中）"
  (cd ui && npm run build)
fi

if [ "$MODE" = "--check" ]; then
  PROFILE=debug
  PROFILE_ARGS=()
else
  PROFILE=release
  PROFILE_ARGS=(--release)
fi
echo "== 构建可移植的 qungong（glibc ${GLIBC}，cargo zigbuild，${PROFILE}）"
# SQLite's pre-update hook (the audit trail) is bound with bindgen; under zig's cross flags
# clang no longer finds its own headers (stdarg.h): name them.
if command -v clang >/dev/null 2>&1; then
  export BINDGEN_EXTRA_CLANG_ARGS="${BINDGEN_EXTRA_CLANG_ARGS:-} -isystem $(clang -print-resource-dir)/include"
fi
cargo zigbuild --locked "${PROFILE_ARGS[@]}" --target "${TARGET}.${GLIBC}" --bin qungong
BIN="target/${TARGET}/${PROFILE}/qungong"

check_portable "$BIN" "$GLIBC" objdump readelf
[ "$MODE" = "--check" ] && exit 0

make_browser_deb "$BIN" amd64 "$GLIBC" target/portable
