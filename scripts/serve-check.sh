#!/usr/bin/env bash
# Sourced: one check of a built `qungong` in the system it was built for, however that system is
# reached (a chroot of an older Debian, qemu-user for arm64, Wine for Windows):
#
#   serve_check LABEL DB PDF -- COMMAND…
#
# COMMAND… runs the binary (e.g. `chroot ROOT /usr/local/bin/qungong`, `wine …/qungong.exe`);
# DB and PDF are paths as that binary sees them, PDF_HOST (optional, default PDF) the same PDF as
# this machine sees it. Through it: the administrator, the demo, a 花名册 printed and read back with
# pdftotext (its title and a name of the demo), then `serve` on 127.0.0.1: the page and, with
# the token, the sign-in and the 工作台's data fetched from here with curl, then 退出. Any step
# that goes wrong ends the script with a Chinese message saying which.

serve_check() {
  local label="$1" db="$2" pdf="$3"
  shift 3
  [ "$1" = "--" ] && shift
  local cmd=("$@")
  local pdf_host="${PDF_HOST:-$pdf}"
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  export QUNGONG_USER=admin QUNGONG_PASSWORD=check-serve-1

  "${cmd[@]}" --db "$db" account setup > /dev/null
  "${cmd[@]}" --db "$db" demo | tail -1
  # A reader that is gone before the first line (`| true`): the program ends quietly, without
  # a panic (Windows has no SIGPIPE; src/bin/qungong/main.rs handles it there).
  local err
  err="$( { "${cmd[@]}" --db "$db" person list | true; } 2>&1 || true)"
  case "$err" in
    *panicked*) echo "${label}：输出被提前关闭时程序报错：$err" >&2; return 1 ;;
  esac
  local unit
  unit="$("${cmd[@]}" --db "$db" --json unit list | grep -o '"name": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')"
  [ -n "$unit" ] || { echo "${label}：示例数据里没有单位" >&2; return 1; }
  "${cmd[@]}" --db "$db" print roster --unit "$unit" -o "$pdf" > /dev/null
  local text
  text="$(pdftotext -layout "$pdf_host" - | tr -d ' ')"
  case "$text" in
    *花名册*) ;;
    *) echo "${label}：打印的花名册读不出“花名册”字样" >&2; return 1 ;;
  esac
  echo "${label}：花名册 PDF $(stat -c %s "$pdf_host") 字节，$(pdfinfo "$pdf_host" | sed -n 's/^Pages: *//p') 页，pdftotext 读出“花名册”及 $(grep -c . <<< "$text") 行文字"

  local out
  out="$(mktemp)"
  "${cmd[@]}" --db "$db" serve --no-browser --port "$port" > "$out" 2>&1 &
  local server=$! url=""
  for _ in $(seq 1200); do
    url="$(grep -ao 'http://127.0.0.1:[0-9]*/?t=[0-9a-zA-Z_-]*' "$out" | head -1 || true)"
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$out" >&2; echo "${label}：qungong serve 没能启动" >&2; return 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$out" >&2; echo "${label}：qungong serve 两分钟内没有给出地址" >&2; kill "$server"; return 1; }
  local token="${url##*t=}"
  local page
  page="$(curl -sf "http://127.0.0.1:$port/")"
  case "$page" in *'<div id="app">'*) ;; *) echo "${label}：页面不对：$page" >&2; kill "$server"; return 1 ;; esac
  local session staff
  session="$(curl -sf -X POST -H "X-Qungong-Token: $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"admin\",\"password\":\"$QUNGONG_PASSWORD\"}" "http://127.0.0.1:$port/api/auth_sign_in" \
    | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4 || true)"
  staff="$(curl -sf -X POST -H "X-Qungong-Token: $token" -H "X-Qungong-Session: $session" \
    "http://127.0.0.1:$port/api/dashboard" | grep -o '"staff_count":[0-9]*' | head -1 || true)"
  curl -sf -X POST -H "X-Qungong-Token: $token" "http://127.0.0.1:$port/api/quit" > /dev/null || true
  wait "$server" || true
  rm -f "$out"
  [ -n "$staff" ] || { echo "${label}：工作台的数据没有取到" >&2; return 1; }
  echo "${label}：qungong serve 给出了页面和工作台数据（${staff}），并按“退出”停止"
}
