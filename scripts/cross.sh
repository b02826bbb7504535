#!/usr/bin/env bash
# Sourced by package.sh and cross-test.sh: building for Windows x64 and Linux arm64 on this
# Debian 12 (x86_64) machine, where rustup cannot download other targets' standard libraries.
#
# The compiler for both is Debian's own Rust (rustc-web / cargo-web, 1.96, in /usr/bin), not the
# rustup toolchain, because Debian ships what the other targets need for it:
# - arm64: the ready-made standard library (libstd-rust-web-dev:arm64, multiarch), linked through
#   zig (cargo-zigbuild, as the portable amd64 build) against glibc 2.28's symbols.
# - Windows: the standard library's source (rust-web-src), built with the program
#   (-Zbuild-std; a stable compiler accepts it with RUSTC_BOOTSTRAP=1), linked by MinGW-w64's gcc.
#   The target is x86_64-win7-windows-gnu, which runs on Windows 7 to 11: the plain
#   x86_64-pc-windows-gnu standard library takes its random numbers from bcryptprimitives.dll
#   (ProcessPrng, Windows 10+), which Wine 8 lacks, so that build could not be tested here.
# Its builds go to target/cross, apart from the rustup builds in target/ (another compiler).

WIN_TARGET=x86_64-win7-windows-gnu
# The Tauri window needs the plain Windows target: tauri-utils runs code at load time through the
# `ctor` crate, which refuses a target whose vendor is not "pc" ("#[ctor]/#[dtor] is not supported
# on the current target"). That build needs Windows 10 or later and cannot start under Wine 8
# (bcryptprimitives.dll; nor could Wine show WebView2).
WIN_DESKTOP_TARGET=x86_64-pc-windows-gnu
ARM_TARGET=aarch64-unknown-linux-gnu
CROSS_DIR=target/cross
CROSS_GLIBC=2.28

CROSS_PACKAGES=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
  gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu nsis wine wine64 qemu-user-static curl
  poppler-utils xvfb xdotool)
ARM64_PACKAGES=(libstd-rust-web-dev:arm64 libc6:arm64)

ensure_cross() {
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    if [ "$(id -u)" = 0 ]; then
      dpkg --add-architecture arm64
      apt-get update -qq
    else
      echo "需要 arm64 多架构：sudo dpkg --add-architecture arm64 && sudo apt-get update" >&2
      exit 1
    fi
  fi
  ensure_packages "${CROSS_PACKAGES[@]}" "${ARM64_PACKAGES[@]}"
  ensure_zigbuild
  [ -f ui/dist/index.html ] || (cd ui && npm run build)
}

# Debian's cargo and rustc first on PATH (zig's python before /usr/bin: cargo-zigbuild runs
# `python3 -m ziglang`).
debian_rust() {
  export PATH="$PWD/.tools/zigvenv/bin:/usr/bin:$PWD/.tools/bin:$PATH"
  export CARGO_TARGET_DIR="$PWD/$CROSS_DIR"
  if ! cargo --version | grep -q '^cargo 1\.9[6-9]\|^cargo 1\.[1-9][0-9][0-9]'; then
    echo "没有用上 Debian 的 cargo-web（1.96 或更新）：$(command -v cargo)" >&2
    exit 1
  fi
  # bindgen (SQLite's pre-update hook) under cross flags: clang's own headers by name.
  export BINDGEN_EXTRA_CLANG_ARGS="-isystem $(clang -print-resource-dir)/include"
}

windows_env() {
  debian_rust
  export RUSTC_BOOTSTRAP=1
  local t
  for t in x86_64_win7_windows_gnu x86_64_pc_windows_gnu; do
    local upper="${t^^}"
    export "CARGO_TARGET_${upper}_LINKER=x86_64-w64-mingw32-gcc"
    export "CC_${t}=x86_64-w64-mingw32-gcc"
    export "CXX_${t}=x86_64-w64-mingw32-g++"
    export "AR_${t}=x86_64-w64-mingw32-ar"
    export "WINDRES_${t}=x86_64-w64-mingw32-windres"
    export "BINDGEN_EXTRA_CLANG_ARGS_${t}=-isystem $(clang -print-resource-dir)/include -isystem /usr/x86_64-w64-mingw32/include"
  done
  WIN_CARGO=(cargo --locked -Zbuild-std=std,panic_unwind)
}

# The Wine prefix of the tests, under .tools: made once, with a Chinese font where Windows keeps
# its fonts (C:\windows\Fonts), as on a Chinese Windows PC (there: 宋体 / 微软雅黑 / 黑体).
wine_env() {
  export WINEPREFIX="$PWD/.tools/wine"
  export WINEDEBUG=-all
  # No Mono / Gecko installers (no network; nothing here uses .NET or the HTML engine).
  export WINEDLLOVERRIDES="mscoree,mshtml="
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "== 建立 Wine 环境：$WINEPREFIX"
    wineboot -i > /dev/null 2>&1 || true
    wineserver -w
  fi
  [ -f "$WINEPREFIX/system.reg" ] || { echo "Wine 环境没能建立：$WINEPREFIX" >&2; exit 1; }
  local fonts="$WINEPREFIX/drive_c/windows/Fonts"
  if [ ! -f "$fonts/NotoSansCJK-Regular.ttc" ]; then
    local src
    src="$(ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc 2>/dev/null || true)"
    [ -n "$src" ] || { echo "没有 fonts-noto-cjk：sudo apt-get install fonts-noto-cjk" >&2; exit 1; }
    cp "$src" "$fonts/"
  fi
}

# Runs arm64 programs directly: binfmt_misc with qemu-aarch64-static (the F flag opens the
# emulator once, so it works in chroots too). Needed because the tests start the `qungong`
# binary as a child process, which a cargo runner alone does not cover.
ensure_aarch64_binfmt() {
  local dir=/proc/sys/fs/binfmt_misc
  [ -e "$dir/qemu-aarch64" ] && return 0
  if [ ! -e "$dir/register" ]; then
    mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null || true
  fi
  [ -e "$dir/qemu-aarch64" ] && return 0
  if [ -w "$dir/register" ]; then
    printf '%s' ':qemu-aarch64:M::\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64-static:F' > "$dir/register"
  fi
  [ -e "$dir/qemu-aarch64" ] || {
    echo "无法登记 qemu-aarch64 到 binfmt_misc（需要 root 与 /proc/sys/fs/binfmt_misc）" >&2
    exit 1
  }
}

# human SIZE_IN_BYTES → "12.3 MB"
human_size() {
  awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.1f MB", b / 1048576; else printf "%.0f KB", b / 1024 }'
}
