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

echo "== 核心与桌面外壳测试"
# One build for both the app the end-to-end tests drive and the tests: the same package selection
# with dev-dependencies resolves the same features, so `cargo test` reuses every artifact (a plain
# `cargo build -p …` resolves chrono, rustix and qungong's `ts` differently and compiles twice).
cargo build --locked --workspace --exclude qungong-e2e --lib --bins --tests
cargo test --locked --workspace --exclude qungong-e2e

echo "== 基准测试（短模式：演示小数据、每项一次；只查能跑通、统计查询走索引，不计快慢）"
QUNGONG_BENCH_SHORT=1 cargo test --locked --workspace --exclude qungong-e2e --bench core

echo "== 端到端测试（真实应用窗口，Xvfb + tauri-driver）"
ensure_tauri_driver
cargo test --locked -p qungong-e2e --no-run
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-launch --exit-with-session \
  cargo test --locked -p qungong-e2e -- --test-threads=1
