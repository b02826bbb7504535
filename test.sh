#!/usr/bin/env bash
# Runs the whole test suite of 群工台: what CI runs, from a fresh clone.
# On a fresh Debian / Ubuntu / UOS machine it installs the C compiler SQLite is built with.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装缺少的系统软件包：${need_apt[*]}"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
  else
    echo "缺少系统软件包，请先执行：sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi
command -v cargo >/dev/null 2>&1 || { echo "未找到 cargo：请先安装 Rust（https://rustup.rs）" >&2; exit 1; }

cargo fmt --all -- --check
cargo test --locked --workspace
