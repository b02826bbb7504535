#!/usr/bin/env bash
# Tests the Windows and arm64 builds of scripts/package.sh under emulation, on this x86_64 Debian:
#
#   scripts/cross-test.sh windows
#     - the core's tests (`cargo test -p qungong --lib --tests`) built for Windows and run under
#       Wine (cargo's target runner), in a Wine prefix with a Chinese font in C:\windows\Fonts;
#     - qungong.exe under Wine: the demo, a 花名册 printed and read back with pdftotext, `serve`
#       answering the page, sign-in and 工作台 fetched from here with curl, 退出;
#     - 群工台-安装.exe run silently (/S) into the prefix: the files, Start-menu entries and the
#       uninstall entry are there and the installed qungong.exe starts and makes its database in
#       %APPDATA%\qungong; installing over it (an upgrade) keeps the data; while it runs
#       (`serve`), the installer does not overwrite it (silent: cancels); the silent uninstall
#       removes the program and leaves the data; installing again finds the data.
#   scripts/cross-test.sh installer
#     - only the installer part of `windows`
#   scripts/cross-test.sh nsis
#     - only that the installer script compiles, with placeholder files (./test.sh runs this)
#   scripts/cross-test.sh arm64
#     - the core's tests built for aarch64 and run under qemu-user (binfmt_misc, so the tests'
#       own child processes of the arm64 `qungong` run too);
#     - the arm64 qungong under qemu-user: the same demo, 花名册 and `serve` check.
#
# Under Wine the tests read PDFs back with Debian's poppler-utils: .tools/wine-unix holds a copy of
# scripts/wine-unix-shim per tool, named like a Windows program (pdftotext.exe …), which runs the
# tool through scripts/wine-unix-tool (the shim's source says why it takes two halves).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
source scripts/cross.sh
source scripts/serve-check.sh

WHAT="${1:-}"
DIST=target/dist
LOGS=target/cross-test
mkdir -p "$LOGS"

# "test result: ok. 12 passed; …" lines of a cargo test log → "N 项测试通过（M 组），K 项忽略"
summarise_tests() {
  awk '/^test result: ok\./ { groups++; passed += $4; ignored += $8 }
       /^test result: FAILED/ { failed++ }
       END { printf "%d 项测试通过（%d 组测试程序），%d 项标为忽略%s\n", passed, groups, ignored,
             failed ? "，" failed " 组失败" : "" }' "$1"
}

make_unix_tools_for_wine() {
  local dir="$PWD/.tools/wine-unix"
  (
    windows_env
    cd scripts/wine-unix-shim
    "${WIN_CARGO[@]}" build --release --target "$WIN_TARGET" --quiet
  )
  mkdir -p "$dir"
  local tool
  for tool in pdftotext pdftoppm pdfinfo pdffonts pdfimages; do
    cp "$CROSS_DIR/$WIN_TARGET/release/wine-unix-shim.exe" "$dir/$tool.exe"
  done
  # Wine's PATH: the Windows one plus this folder (as Z:\…); the shim's Unix half.
  export WINEPATH="Z:${dir//\//\\}"
  export QUNGONG_WINE_UNIX_TOOL="Z:${PWD//\//\\}\\scripts\\wine-unix-tool"
}

test_windows() {
  ensure_cross
  wine_env
  make_unix_tools_for_wine
  (
    windows_env
    export CARGO_TARGET_X86_64_WIN7_WINDOWS_GNU_RUNNER=wine
    echo "== Windows：核心测试在 Wine 中运行（${WIN_TARGET}）"
    "${WIN_CARGO[@]}" test --target "$WIN_TARGET" -p qungong --lib --tests 2>&1 | tee "$LOGS/windows-tests.log"
  )
  echo "Windows（Wine $(wine --version)）：$(summarise_tests "$LOGS/windows-tests.log")"

  local exe="$DIST/qungong.exe"
  [ -f "$exe" ] || exe="$CROSS_DIR/$WIN_TARGET/debug/qungong.exe"
  [ -f "$exe" ] || (windows_env && "${WIN_CARGO[@]}" build --target "$WIN_TARGET" --bin qungong)
  local work
  work="$(mktemp -d)"
  PDF_HOST="$work/roster.pdf" serve_check "Windows（Wine，$(basename "$exe")）" "$work/check.db" "$work/roster.pdf" -- wine "$exe"
  rm -rf "$work"

  test_windows_installer
}

# install_and_find_the_data WHEN: the installer once more, silently (into the registered folder),
# then the unit made after the first install must still be listed by the installed program.
# Uses test_windows_installer's $setup and $installed.
install_and_find_the_data() {
  wine "$setup" /S
  wineserver -w
  grep -q 安装检查供电所 <<< "$(QUNGONG_USER=admin QUNGONG_PASSWORD=check-setup-1 wine "$installed" unit list)" ||
    { echo "$1后没有看到原来的数据" >&2; exit 1; }
  echo "$1后看到了原来的单位“安装检查供电所”"
}

# wait_up_to SECONDS CMD…: runs CMD every 0.1 s until it succeeds; fails if it never did.
wait_up_to() {
  local tries=$(($1 * 10))
  shift
  for _ in $(seq "$tries"); do "$@" && return 0; sleep 0.1; done
  return 1
}

stopped() { ! kill -0 "$1" 2> /dev/null; }

# check_desktop_without_webview2 EXE: Wine has no WebView2, as an old or locked-down Windows PC
# may not: the window's exe starts (every DLL it imports is found), sees that, and says so in a
# Chinese message box (and on stderr) instead of ending silently; OK closes it, exit code 1.
# While it is open, the installer run silently cancels (a running program is not overwritten).
# Wine 8 lacks bcryptprimitives.dll, which the x86_64-pc-windows-gnu std imports: a test-only
# stand-in (scripts/wine-bcryptprimitives) goes into the prefix's system32 meanwhile.
check_desktop_without_webview2() {
  local exe="$1"
  echo "== 桌面版在没有 WebView2 的电脑上（Wine 里没有）：中文提示框"
  local sys32="$WINEPREFIX/drive_c/windows/system32"
  x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/bcryptprimitives.dll" \
    scripts/wine-bcryptprimitives/bcryptprimitives.c -ladvapi32
  local work
  work="$(mktemp -d)"
  Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3> "$work/display" 2> /dev/null &
  local xvfb=$!
  wait_up_to 60 test -s "$work/display" || true
  local display=":$(cat "$work/display")"
  DISPLAY="$display" wine "$exe" > "$work/out" 2>&1 &
  local app=$! window=""
  for _ in $(seq 1200); do
    window="$(DISPLAY="$display" xdotool search --name '^群工台$' 2> /dev/null | head -1 || true)"
    [ -n "$window" ] && break
    kill -0 "$app" 2> /dev/null || break
    sleep 0.1
  done
  # While it runs (its box is open), the installer must not overwrite it either.
  local setup_rc=0
  if [ -n "$window" ]; then
    wine "$setup" /S || setup_rc=$?
    # 确定 (no window manager on this display: focus it directly, then Enter).
    DISPLAY="$display" xdotool windowfocus --sync "$window" key Return || true
  fi
  # It ends once the box is closed; stop it if it has not within a minute (the check then fails).
  wait_up_to 60 stopped "$app" || true
  kill "$app" 2> /dev/null || true
  local rc=0
  wait "$app" || rc=$?
  kill "$xvfb"
  wait "$xvfb" 2> /dev/null || true
  rm -f "$sys32/bcryptprimitives.dll"
  if [ -z "$window" ] || [ "$rc" -ne 1 ] || ! grep -q 'WebView2 运行时' "$work/out"; then
    cat "$work/out" >&2
    echo "桌面版没有用提示框说明缺 WebView2（窗口：${window:-无}，退出码 ${rc}）" >&2
    exit 1
  fi
  [ "$setup_rc" -ne 0 ] || { echo "桌面版运行时安装程序没有取消（退出码 0）" >&2; exit 1; }
  echo "桌面版：提示框“群工台”说明缺 WebView2 运行时、改用浏览器版，按确定后退出（退出码 1）；"
  echo "它开着时安装程序不覆盖它（静默安装时取消，退出码 ${setup_rc}）"
  rm -rf "$work"
}

test_windows_installer() {
  local setup="$DIST/群工台-安装.exe"
  [ -f "$setup" ] || { echo "没有 $setup：先运行 scripts/package.sh windows" >&2; exit 1; }
  echo "== Windows 安装程序：静默安装（/S）到 Wine 环境"
  local c="$WINEPREFIX/drive_c"
  local dir="$c/Program Files/群工台"
  local menu="$c/ProgramData/Microsoft/Windows/Start Menu/Programs/群工台"
  local data="$c/users/$(id -un)/AppData/Roaming/qungong"
  local key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\qungong'
  rm -rf "$data" "$dir" "$menu"
  wine "$setup" /S
  wineserver -w
  local f
  for f in "$dir/qungong.exe" "$dir/qungong.ico" "$dir/说明.txt" "$dir/卸载群工台.exe" \
    "$menu/群工台.lnk" "$menu/使用说明.lnk" "$menu/卸载群工台.lnk"; do
    [ -f "$f" ] || { echo "安装后缺少：$f" >&2; exit 1; }
  done
  # The installer carries the window when package.sh staged it (it does unless it failed to build).
  if [ -f "$DIST/windows/qungong-desktop.exe" ]; then
    for f in "$dir/qungong-desktop.exe" "$dir/WebView2Loader.dll" "$menu/群工台（桌面版）.lnk"; do
      [ -f "$f" ] || { echo "安装后缺少桌面版的：$f" >&2; exit 1; }
    done
    check_desktop_without_webview2 "$dir/qungong-desktop.exe"
  fi
  # reg.exe prints Chinese in the console's code page (as ???): the version is read through it,
  # the name from the prefix's registry file, where Wine writes 群工台 as \x7fa4\x5de5\x53f0.
  wine reg query "$key" /v DisplayVersion | grep -q "$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)" ||
    { echo "没有卸载登记项：$key" >&2; exit 1; }
  grep -qF '"DisplayName"="\x7fa4\x5de5\x53f0"' "$WINEPREFIX/system.reg" ||
    { echo "卸载登记项的名称不是“群工台”" >&2; exit 1; }
  local installed='C:\Program Files\群工台\qungong.exe'
  echo "安装后的程序：$(wine "$installed" --version)"
  # The default database: %APPDATA%\qungong\qungong.db, as a user's first start makes it.
  QUNGONG_USER=admin QUNGONG_PASSWORD=check-setup-1 wine "$installed" account setup > /dev/null
  QUNGONG_USER=admin QUNGONG_PASSWORD=check-setup-1 wine "$installed" unit add 安装检查供电所 > /dev/null
  [ -f "$data/qungong.db" ] || { echo "数据库不在 %APPDATA%\\qungong：$data" >&2; exit 1; }
  echo "数据库在 %APPDATA%\\qungong\\qungong.db（$(human_size "$(stat -c %s "$data/qungong.db")")）"

  echo "== 升级：在已安装的上面再装一次，数据还在"
  install_and_find_the_data 升级安装

  echo "== 群工台在运行时，安装程序不覆盖它（静默安装时取消）"
  local out
  out="$(mktemp)"
  wine "$installed" serve --no-browser > "$out" 2>&1 &
  local server=$! url=""
  for _ in $(seq 1200); do
    url="$(grep -ao 'http://127.0.0.1:[0-9]*/?t=[0-9a-f]*' "$out" | head -1 || true)"
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$out" >&2; echo "安装后的 qungong.exe serve 没有启动" >&2; exit 1; }
  local rc=0
  wine "$setup" /S || rc=$?
  curl -sf -X POST -H "X-Qungong-Token: ${url##*t=}" "${url%%/?t=*}/api/quit" > /dev/null
  wait "$server" || true
  rm -f "$out"
  [ "$rc" -ne 0 ] || { echo "群工台运行时安装程序没有取消（退出码 0）" >&2; exit 1; }
  echo "运行中的群工台没有被覆盖：安装程序取消（退出码 ${rc}）"

  echo "== 静默卸载：程序删除，数据保留"
  wine "$dir/卸载群工台.exe" /S
  wineserver -w
  # The uninstaller runs from a copy in %TEMP% and returns at once: wait for it to finish.
  wait_up_to 60 test ! -e "$dir/qungong.exe" || true
  [ ! -e "$dir/qungong.exe" ] && [ ! -e "$menu/群工台.lnk" ] || { echo "卸载后程序或开始菜单项还在" >&2; exit 1; }
  if wine reg query "$key" > /dev/null 2>&1; then echo "卸载后登记项还在：$key" >&2; exit 1; fi
  [ -f "$data/qungong.db" ] || { echo "卸载删掉了数据：$data/qungong.db" >&2; exit 1; }
  echo "卸载后数据库仍在"

  echo "== 重新安装：数据还在"
  install_and_find_the_data 重新安装
  echo "Windows 安装程序检查通过：$(basename "$setup")（$(human_size "$(stat -c %s "$setup")")）"
}

test_arm64() {
  ensure_cross
  ensure_aarch64_binfmt
  (
    debian_rust
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER=qemu-aarch64-static
    echo "== arm64：核心测试在 qemu-user 中运行"
    cargo-zigbuild test --locked --target "${ARM_TARGET}.${CROSS_GLIBC}" -p qungong --lib --tests 2>&1 |
      tee "$LOGS/arm64-tests.log"
  )
  echo "arm64（$(qemu-aarch64-static --version | head -1)）：$(summarise_tests "$LOGS/arm64-tests.log")"

  local bin="$CROSS_DIR/$ARM_TARGET/release/qungong"
  [ -f "$bin" ] || bin="$CROSS_DIR/$ARM_TARGET/debug/qungong"
  local work
  work="$(mktemp -d)"
  serve_check "arm64（qemu-user，$(file -b "$bin" | cut -d, -f1-2)）" "$work/check.db" "$work/roster.pdf" -- qemu-aarch64-static "$bin"
  rm -rf "$work"
}

# The installer script compiles (makensis, with placeholder files): what ./test.sh runs, in a
# second, so the script cannot rot between releases.
test_nsis() {
  ensure_packages nsis
  local work
  work="$(mktemp -d)"
  local f
  for f in qungong.exe qungong-desktop.exe WebView2Loader.dll; do echo placeholder > "$work/$f"; done
  cp src-tauri/icons/icon.ico "$work/qungong.ico"
  cp packaging/windows/说明.txt "$work/说明.txt"
  local version
  version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
  makensis -V2 -WX -DVERSION="$version" -DSRC="$work" -DOUTFILE="$work/qg-browser.exe" packaging/windows/qungong.nsi
  makensis -V2 -WX -DVERSION="$version" -DSRC="$work" -DOUTFILE="$work/qg-desktop.exe" -DDESKTOP packaging/windows/qungong.nsi
  file "$work/qg-browser.exe" | grep -q 'PE32+ executable' || { echo "makensis 没有生成 64 位安装程序" >&2; exit 1; }
  echo "安装程序脚本编译通过（浏览器版 $(human_size "$(stat -c %s "$work/qg-browser.exe")")，含桌面版的一种也通过）"
  rm -rf "$work"
}

case "$WHAT" in
  nsis) test_nsis ;;
  installer) ensure_cross; wine_env; test_windows_installer ;;
  windows) test_windows ;;
  arm64) test_arm64 ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
