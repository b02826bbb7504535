#!/usr/bin/env bash
# Sourced by run.sh and test.sh: makes sure the system packages, the UI's npm packages and
# (for tests) tauri-driver are there. On Debian / Ubuntu / UOS / Kylin it installs what is
# missing when run as root (or with sudo), otherwise it prints the exact command and stops.

# What building and running the desktop app needs (Tauri 2 on WebKitGTK 4.1), plus the CJK font,
# and clang: the audit trail reads each write's old and new values through SQLite's pre-update
# hook, whose Rust binding (rusqlite `preupdate_hook`) is generated with bindgen at build time.
APP_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libsoup-3.0-dev libxdo-dev fonts-noto-cjk clang)
# What the tests need on top: a virtual display and the WebKit WebDriver (end to end), Chromium
# and its WebDriver (browser mode end to end), pdftotext / pdftoppm to read printed documents back,
# and nsis (makensis: the Windows installer script must compile).
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver dbus-x11 poppler-utils xdotool chromium chromium-driver nsis)

ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "缺少系统软件包：${missing[*]}（本机没有 apt-get，请用系统的包管理器安装）" >&2
    exit 1
  fi
  if [ -n "$sudo" ] && ! sudo -n true 2>/dev/null; then
    echo "缺少系统软件包，请先执行：" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "安装系统软件包：${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_tools() {
  command -v cargo >/dev/null 2>&1 || { echo "未找到 cargo：请先安装 Rust（https://rustup.rs）" >&2; exit 1; }
  command -v npm >/dev/null 2>&1 || { echo "未找到 npm：请先安装 Node.js 20 或更新版本" >&2; exit 1; }
}

# npm ci when node_modules is missing or older than the lock file.
ensure_ui_packages() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm ci --no-audit --no-fund)
  fi
}

ensure_tauri_driver() {
  if [ ! -x .tools/bin/tauri-driver ]; then
    cargo install --locked --root .tools tauri-driver --version '^2'
  fi
}

# The portable build (browser mode for glibc 2.28, scripts/package-portable.sh): zig from PyPI
# (the `ziglang` package) in a virtual environment under .tools, and cargo-zigbuild, which links
# against an older glibc's symbols through it. Needs python3-venv.
PORTABLE_PACKAGES=(python3-venv binutils)

ensure_zigbuild() {
  ensure_packages "${PORTABLE_PACKAGES[@]}"
  if [ ! -x .tools/zigvenv/bin/python ] || ! .tools/zigvenv/bin/python -m ziglang version >/dev/null 2>&1; then
    python3 -m venv .tools/zigvenv
    .tools/zigvenv/bin/pip install -q 'ziglang==0.17.1'
  fi
  if [ ! -x .tools/bin/cargo-zigbuild ]; then
    cargo install --locked --root .tools cargo-zigbuild --version '^0.24'
  fi
  # cargo-zigbuild runs `python3 -m ziglang` when no `zig` is on PATH.
  export PATH="$PWD/.tools/zigvenv/bin:$PWD/.tools/bin:$PATH"
}
