#!/usr/bin/env bash
# The memory WebKitGTK itself needs, without our app: WebKit's own MiniBrowser (installed with
# webkit2gtk-driver, which ./test.sh installs) showing an empty page and a one-line Chinese page,
# with compositing on and off, under the same virtual display as scripts/measure-desktop.sh.
# Prints each process's PSS and RSS after IDLE seconds (default 30) and the total PSS: the floor
# under the app's "≤ 200 MB" target (BENCHMARKS.md, 桌面应用).
#
#   scripts/webkit-floor.sh [IDLE]
set -euo pipefail
IDLE="${1:-30}"
MINI=""
for d in /usr/lib/*/webkit2gtk-4.1 /usr/libexec/webkit2gtk-4.1; do
  [ -x "$d/MiniBrowser" ] && MINI="$d/MiniBrowser" && break
done
[ -n "$MINI" ] || { echo "找不到 WebKitGTK 的 MiniBrowser（apt-get install webkit2gtk-driver）" >&2; exit 1; }
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
echo '<!doctype html><meta charset="utf-8"><h1>群工台</h1><p>你好，这是一行中文。</p>' > "$T/hello.html"

cat > "$T/one.sh" <<'INNER'
#!/usr/bin/env bash
"$MINI" --geometry=1280x800 "$1" >/dev/null 2>&1 &
pid=$!
sleep "$IDLE"
total=0
for p in $pid $(pgrep -f 'WebKit(Web|Network|GPU)Process'); do
  read -r pss rss < <(awk '/^Pss:/{p+=$2} /^Rss:/{r+=$2} END{print p, r}' "/proc/$p/smaps_rollup")
  printf '  %-16s PSS %4d MB  RSS %4d MB\n' "$(cat "/proc/$p/comm")" $((pss / 1024)) $((rss / 1024))
  total=$((total + pss))
done
echo "  合计 PSS $((total / 1024)) MB"
kill $pid
INNER
chmod +x "$T/one.sh"
export MINI IDLE
for page in about:blank "file://$T/hello.html"; do
  for compositing in on off; do
    echo "== $page，合成（compositing）$compositing，空闲 ${IDLE} 秒"
    env_args=()
    [ "$compositing" = off ] && env_args=(WEBKIT_DISABLE_COMPOSITING_MODE=1)
    flock /tmp/e2e.lock xvfb-run -a -s "-screen 0 1280x1024x24" \
      dbus-launch --exit-with-session env "${env_args[@]}" "$T/one.sh" "$page"
  done
done
