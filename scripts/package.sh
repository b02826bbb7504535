#!/usr/bin/env bash
# Every installer of 群工台, built on this Debian 12 (x86_64) machine, into one folder: target/dist.
#
#   scripts/package.sh linux      the desktop .deb (window, WebKitGTK 4.1) and the portable
#                                 browser-mode .deb for amd64 (glibc 2.28)
#   scripts/package.sh windows    qungong.exe (command line + browser mode) and 群工台-安装.exe
#   scripts/package.sh arm64      the browser-mode .deb for arm64 (glibc 2.28; Kylin / UOS on
#                                 Phytium / Kunpeng)
#   scripts/package.sh all        all of the above
#   QUNGONG_NO_WINDOWS_DESKTOP=1  windows without trying the Tauri window (about 15 minutes less)
#   … --test                      then test what was built under emulation (scripts/cross-test.sh):
#                                 the core's tests under Wine / qemu-user, `serve` and a printed
#                                 花名册, and the installer run silently in Wine
#
# Release builds, from nothing, on 2 cores: about 8 minutes each for linux's two, 5 for arm64, and
# 15 to 30 for qungong.exe and as much again for the window (each builds its standard library).
# The Windows and arm64 builds use Debian's Rust (scripts/cross.sh says why and how). At the end
# every file in target/dist is listed with its size and the PC it is for.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
source scripts/portable-lib.sh
source scripts/cross.sh

WHAT="${1:-}"
TEST=0
[ "${2:-}" = "--test" ] && TEST=1
case "$WHAT" in
  linux | windows | arm64 | all) ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

DIST=target/dist
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
mkdir -p "$DIST"
ensure_tools
ensure_ui_packages
echo "== 构建界面（嵌入到程序中）"
(cd ui && npm run build > /dev/null)

build_linux() {
  echo "== Linux amd64：可移植的浏览器版（glibc ${CROSS_GLIBC}）"
  scripts/package-portable.sh
  cp "target/portable/qungong-browser_${VERSION}_amd64.deb" "$DIST/"
  echo "== Linux amd64：桌面版（WebKitGTK 4.1）"
  ensure_packages "${APP_PACKAGES[@]}"
  ui/node_modules/.bin/tauri build --bundles deb
  cp target/release/bundle/deb/*_amd64.deb "$DIST/"
}

build_arm64() {
  ensure_cross
  (
    debian_rust
    echo "== Linux arm64：浏览器版（glibc ${CROSS_GLIBC}，Debian 的 Rust + cargo zigbuild，release）"
    cargo-zigbuild zigbuild --locked --release --target "${ARM_TARGET}.${CROSS_GLIBC}" --bin qungong
  )
  local bin="$CROSS_DIR/$ARM_TARGET/release/qungong"
  check_portable "$bin" "$CROSS_GLIBC" aarch64-linux-gnu-objdump aarch64-linux-gnu-readelf
  make_browser_deb "$bin" arm64 "$CROSS_GLIBC" "$DIST"
  rm -rf "$DIST/qungong-browser_${VERSION}_arm64"
}

build_windows() {
  ensure_cross
  (
    windows_env
    echo "== Windows x64：qungong.exe（命令行 + 浏览器版，${WIN_TARGET}，release）"
    "${WIN_CARGO[@]}" build --release --target "$WIN_TARGET" --bin qungong
  )
  local stage="$DIST/windows"
  rm -rf "$stage"
  mkdir -p "$stage"
  cp "$CROSS_DIR/$WIN_TARGET/release/qungong.exe" "$stage/"
  x86_64-w64-mingw32-strip "$stage/qungong.exe"
  cp src-tauri/icons/icon.ico "$stage/qungong.ico"
  # Notepad opens UTF-8 with its BOM; Windows line ends.
  { printf '\xef\xbb\xbf'; sed 's/$/\r/' packaging/windows/说明.txt; } > "$stage/说明.txt"
  local desktop=()
  if [ -n "${QUNGONG_NO_WINDOWS_DESKTOP:-}" ]; then
    echo "== Windows 桌面版：按 QUNGONG_NO_WINDOWS_DESKTOP 跳过，安装程序只含浏览器版"
  elif build_windows_desktop "$stage"; then
    desktop=(-DDESKTOP)
  fi
  echo "== Windows 安装程序（makensis）"
  makensis -V2 -WX -DVERSION="$VERSION" -DSRC="$PWD/$stage" -DOUTFILE="$PWD/$DIST/群工台-安装.exe" \
    "${desktop[@]}" packaging/windows/qungong.nsi
  cp "$stage/qungong.exe" "$DIST/qungong.exe"
}

# The Tauri window for Windows, if it cross-builds (for x86_64-pc-windows-gnu: cross.sh says why):
# qungong-desktop.exe and the WebView2Loader.dll it needs beside it (the GNU target links WebView2
# through that DLL). When the build fails the error goes to target/dist/windows-desktop.log and
# the installer carries browser mode only.
build_windows_desktop() {
  local stage="$1"
  echo "== Windows x64：桌面版（Tauri 窗口，WebView2）"
  # A target folder of its own: the desktop's many crates for another target, built apart so a
  # failure there leaves the browser-mode build alone.
  local dir="$PWD/$CROSS_DIR-desktop"
  if ! (windows_env && export CARGO_TARGET_DIR="$dir" &&
    "${WIN_CARGO[@]}" build --release --target "$WIN_DESKTOP_TARGET" -p qungong-desktop) \
    > "$DIST/windows-desktop.log" 2>&1; then
    echo "注意：Windows 桌面版没能交叉编译，安装程序只含浏览器版；错误见 $DIST/windows-desktop.log：" >&2
    grep -E '^error' -A3 "$DIST/windows-desktop.log" | head -20 >&2
    return 1
  fi
  local loader
  loader="$(find "$dir/$WIN_DESKTOP_TARGET/release/build" -path '*x64/WebView2Loader.dll' | head -1)"
  if [ -z "$loader" ]; then
    echo "注意：没有找到 WebView2Loader.dll，安装程序只含浏览器版" >&2
    return 1
  fi
  cp "$dir/$WIN_DESKTOP_TARGET/release/qungong-desktop.exe" "$stage/"
  x86_64-w64-mingw32-strip "$stage/qungong-desktop.exe"
  cp "$loader" "$stage/WebView2Loader.dll"
  rm -f "$DIST/windows-desktop.log"
}

case "$WHAT" in
  linux) build_linux ;;
  arm64) build_arm64 ;;
  windows) build_windows ;;
  all) build_linux; build_arm64; build_windows ;;
esac

if [ "$TEST" = 1 ]; then
  case "$WHAT" in
    linux) ;;
    all) scripts/cross-test.sh windows; scripts/cross-test.sh arm64 ;;
    *) scripts/cross-test.sh "$WHAT" ;;
  esac
fi

echo
echo "== ${DIST} 中的安装包"
for f in "$DIST"/*; do
  [ -f "$f" ] || continue
  name="$(basename "$f")"
  case "$name" in
    群工台-安装.exe) for="Windows 10 / 11（64 位）：安装程序，开始菜单“群工台”在浏览器中打开" ;;
    qungong.exe) for="Windows 10 / 11（64 位）：免安装的同一程序（命令行；qungong.exe serve 为浏览器版）" ;;
    qungong-browser_*_amd64.deb) for="UOS V20、麒麟 V10 等 x86 旧系统（glibc 2.28 起）：浏览器版" ;;
    qungong-browser_*_arm64.deb) for="飞腾 / 鲲鹏上的麒麟、UOS（arm64，glibc 2.28 起）：浏览器版" ;;
    qungong*_amd64.deb) for="Debian 12、Ubuntu 22.04 起、带 WebKitGTK 4.1 的 UOS / 麒麟（x86）：桌面版" ;;
    *.log) for="（构建记录）" ;;
    *) for="" ;;
  esac
  # Size first: a Chinese file name is wider than printf counts it.
  printf '%10s  %s  %s\n' "$(human_size "$(stat -c %s "$f")")" "$name" "$for"
done
