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

echo "== 检查所需的 glibc 版本与动态库"
NEEDED_GLIBC="$(objdump -T "$BIN" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)"
echo "需要的最高 glibc 符号版本：${NEEDED_GLIBC}"
if [ "$(printf '%s\n%s\n' "$NEEDED_GLIBC" "$GLIBC" | sort -V | tail -1)" != "$GLIBC" ]; then
  echo "错误：${BIN} 需要 glibc ${NEEDED_GLIBC}，高于 ${GLIBC}" >&2
  exit 1
fi
LIBS="$(readelf -d "$BIN" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort | tr '\n' ' ')"
echo "需要的动态库：${LIBS}"
for lib in $LIBS; do
  case "$lib" in
    libc.so.6 | libm.so.6 | libpthread.so.0 | libdl.so.2 | librt.so.1 | libgcc_s.so.1 | ld-linux-x86-64.so.2) ;;
    *) echo "错误：${BIN} 需要 ${lib}，Debian 10 的基本系统里不一定有" >&2; exit 1 ;;
  esac
done
if readelf -d "$BIN" | grep -qE 'gtk|webkit'; then
  echo "错误：可移植版不应依赖 GTK / WebKit" >&2
  exit 1
fi
echo "检查通过：只需要 glibc ${NEEDED_GLIBC}（≤ ${GLIBC}）"
[ "$MODE" = "--check" ] && exit 0

VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
OUT=target/portable
PKG="$OUT/qungong-browser_${VERSION}_amd64"
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/128x128/apps" "$PKG/usr/share/doc/qungong-browser"
install -m 0755 "$BIN" "$PKG/usr/bin/qungong"
install -m 0644 src-tauri/icons/128x128.png "$PKG/usr/share/icons/hicolor/128x128/apps/qungong.png"
cat > "$PKG/usr/share/applications/qungong-browser.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=群工台（浏览器版）
Comment=群众工作与队伍结构管理，在本机浏览器中使用
Exec=qungong serve
Icon=qungong
Terminal=false
Categories=Office;
DESKTOP
cat > "$PKG/usr/share/doc/qungong-browser/README" <<DOC
群工台（浏览器版）：菜单中的“群工台（浏览器版）”或终端命令 qungong serve 启动，用默认浏览器打开。
只有本机能访问；页面右上角“退出”停止，所有页面关闭 5 分钟后自动停止。
数据文件：~/.local/share/qungong/qungong.db（与桌面版相同）。
DOC
# Only glibc is linked (checked above). The Chinese font for
# printing is found at run time (Noto CJK, WenQuanYi, or the one chosen in 设置).
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: qungong-browser
Version: ${VERSION}
Section: office
Priority: optional
Architecture: amd64
Maintainer: 群工台 <qungong@localhost>
Depends: libc6 (>= ${GLIBC}), xdg-utils
Recommends: fonts-noto-cjk | fonts-wqy-zenhei | fonts-wqy-microhei
Description: 群工台（浏览器版）
 供电企业基层单位群众工作与队伍结构管理。在本机浏览器中使用，
 不需要 WebKitGTK；适用于 UOS V20、麒麟 V10 等较旧的系统。
CONTROL
dpkg-deb --root-owner-group --build "$PKG" >/dev/null
echo "已生成：${PKG}.deb"
