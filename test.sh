#!/usr/bin/env bash
# Runs every test of 群工台 — core, UI components, and the real desktop app end to end under a
# virtual display. This is what CI runs, from a fresh clone. On a fresh Debian-family machine it
# installs what is missing (as root), or prints the exact apt-get line.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/deps.sh

ensure_tools
ensure_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_ui_packages

echo "== 格式检查"
cargo fmt --all -- --check

echo "== 界面单元测试（Vitest）与界面构建"
(cd ui && npm test && npm run build)

echo "== 核心与桌面外壳测试（含基准测试的短模式）"
# One build for the app the end-to-end tests drive, the tests and the core benchmark: the same
# package and target selection resolves the same features, so `cargo test` reuses every artifact.
# (A plain `cargo build -p …` resolves chrono, rustix and qungong's `ts` differently, and a
# separate `cargo test --bench core` resolves qungong without the desktop's features: each of
# those compiled the whole tree a second time, and the second copy once filled CI's disk.)
# The benchmarks' short mode runs the branch-scale demo once per query (and a 100-row 花名册): it checks that every
# query runs and that the statistics use their indexes, not how fast they are.
TARGETS=(--locked --workspace --exclude qungong-e2e --lib --bins --tests --bench core --bench pdf)
cargo build "${TARGETS[@]}"
QUNGONG_BENCH_SHORT=1 cargo test "${TARGETS[@]}"
cargo test --locked --workspace --exclude qungong-e2e --doc

echo "== 可移植版（浏览器版，glibc 2.28）：构建并检查所需的 glibc 版本"
scripts/package-portable.sh --check
echo "== 可移植版在较旧的 Debian（11，glibc 2.31）中运行浏览器版"
scripts/check-old-debian.sh

echo "== Windows 安装程序脚本能编译（makensis；Windows 与 arm64 的构建和模拟测试见 scripts/package.sh all --test）"
scripts/cross-test.sh nsis

echo "== 端到端测试（真实应用窗口，Xvfb + tauri-driver）"
ensure_tauri_driver
cargo test --locked -p qungong-e2e --no-run
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-launch --exit-with-session \
  cargo test --locked -p qungong-e2e -- --test-threads=1
