#!/usr/bin/env bash
# Every speed and memory figure of issue 12, beside its target, written into BENCHMARKS.md.
#
#   scripts/bench.sh            all three (about 20–25 minutes on 2 cores, builds included)
#   scripts/bench.sh core       the screen queries and the kiosk at city scale (cargo bench --bench core)
#   scripts/bench.sh pdf        the 1,000-row 花名册 against LibreOffice (cargo bench --bench pdf)
#   scripts/bench.sh desktop    launch time and memory of the app (scripts/measure-desktop.sh)
#   scripts/bench.sh crash      the crash harness's long run: imports, check-ins, backups and
#                               restores killed (SIGKILL) at random moments, 900 trials
#                               (QUNGONG_CRASH_TRIALS), about 10 minutes (tests/crash.rs)
#
# Each part builds the city-scale demo (about 10,000 staff, 1.1 million attendance rows) in a
# temporary directory, measures, and replaces its block in BENCHMARKS.md (between the lines
# `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`), headed by the date, the machine and its
# load: figures from a machine that is busy with something else are slower, so say so.
# ./test.sh runs the core and pdf benchmarks in their short mode (they run, not how fast).
set -euo pipefail
cd "$(dirname "$0")/.."

PARTS=("$@")
[ ${#PARTS[@]} -eq 0 ] && PARTS=(core pdf desktop crash)

load() { cut -d' ' -f1-3 /proc/loadavg; }

# Replaces the block NAME of BENCHMARKS.md with the file's lines.
splice() {
  local name="$1" file="$2"
  if ! grep -qx "<!-- bench:$name -->" BENCHMARKS.md; then
    echo "BENCHMARKS.md 中没有 <!-- bench:$name --> 段落" >&2
    exit 1
  fi
  awk -v begin="<!-- bench:$name -->" -v end="<!-- /bench:$name -->" -v file="$file" '
    $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' BENCHMARKS.md > BENCHMARKS.md.new
  mv BENCHMARKS.md.new BENCHMARKS.md
}

run_part() {
  local name="$1" out
  out="$(mktemp)"
  local start_load
  start_load="$(load)"
  echo "== $name（开始时负载 $start_load）" >&2
  {
    echo
    case "$name" in
      core) cargo bench --locked --bench core ;;
      pdf) cargo bench --locked --bench pdf ;;
      # The table, with a blank line around it so Markdown sees a table.
      desktop) scripts/measure-desktop.sh | grep -E '^(\||每次启动|数据库大小)' \
        | awk '/^\|/ && prev !~ /^\|/ {print ""} !/^\|/ && prev ~ /^\|/ {print ""} {print; prev = $0}' ;;
      # One line of figures from the harness, as a list.
      # The figures are written even when a check failed (the failures follow them).
      crash) log="$(mktemp)"
        QUNGONG_CRASH_TRIALS="${QUNGONG_CRASH_TRIALS:-900}" \
          cargo test --locked --test crash -- --nocapture --test-threads=1 >"$log" 2>&1 || true
        grep -o 'crash: .*' "$log" | sed 's/^crash: //' | tr '|' '\n' | sed 's/^ */- /; s/ *$//'
        grep -E '^trial [0-9]+' "$log" | sed 's/^/- 失败：/' || true
        rm -f "$log" ;;
      *) echo "未知的部分：$name（可用：core pdf desktop crash）" >&2; exit 2 ;;
    esac
  } > "$out.body"
  {
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/bench.sh $name\`: $(nproc) cores" \
      "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average" \
      "$start_load at the start and $(load) at the end."
    cat "$out.body"
    echo
  } > "$out"
  splice "$name" "$out"
  rm -f "$out" "$out.body"
  echo "== $name：已写入 BENCHMARKS.md" >&2
}

for part in "${PARTS[@]}"; do
  run_part "$part"
done
