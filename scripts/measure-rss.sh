#!/usr/bin/env bash
# Resident memory of the running app with 10,000 projects: builds the
# release binary, makes a database of 10,000 projects (the demo's 16, copied
# with new titles and stages, imported as one JSON file), opens the window
# under Xvfb through tauri-driver (WebDriver), shows the dashboard, the
# board and the project list in turn, and after each prints VmRSS of the
# app's process (with its proportional and private parts) and of its WebKit
# helper processes, read from /proc. Target: < 150 MB VmRSS for the app's
# process.
#
# Usage: scripts/measure-rss.sh [PROJECTS] [SECONDS TO WAIT PER SCREEN]   (10000, 8)
# Needs Xvfb, tauri-driver and WebKitWebDriver (scripts/install-deps.sh
# --test) and Node.js (to write the file).
set -euo pipefail
cd "$(dirname "$0")/.."
projects="${1:-10000}"
wait_s="${2:-8}"
export PATH="$HOME/.cargo/bin:$PATH"

scripts/build-ui.sh >/dev/null
cargo build --release --quiet -p bourgade-cli -p bourgade-desktop
release="${CARGO_TARGET_DIR:-$(pwd)/target}/release"
cli="$release/bourgade"          # prepares the database
bin="$release/bourgade-desktop"  # the window measured

work=$(mktemp -d)
xvfb_pid=""; app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/bourgade.sqlite"

"$cli" --db "$db" init --demo >/dev/null 2>&1
"$cli" --db "$db" export -o "$work/demo.json" 2>/dev/null
node -e '
  const fs = require("fs");
  const [src, out, n] = process.argv.slice(1);
  const file = JSON.parse(fs.readFileSync(src, "utf8"));
  const demo = file.projects;
  file.projects = Array.from({ length: Number(n) - demo.length }, (_, i) => {
    const p = structuredClone(demo[i % demo.length]);
    delete p.id; delete p.uid;
    p.title = `${p.title} — opération ${i + 1}`;
    p.stage = i % 9;
    return p;
  });
  fs.writeFileSync(out, JSON.stringify(file));
' "$work/demo.json" "$work/big.json" "$projects"
"$cli" --db "$db" import "$work/big.json" 2>/dev/null
count=$("$cli" --db "$db" project list --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
echo "Base : $count projets ($(du -h "$db" | cut -f1))"

display=":$((90 + RANDOM % 9))"
port=$((4500 + RANDOM % 400))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
DISPLAY="$display" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" \
  tauri-driver --port "$port" --native-port $((port + 400)) >"$work/driver.log" 2>&1 &
app_pid=$!   # tauri-driver: stopping it stops WebKitWebDriver and the app
sleep 2
wd() { curl -s --retry 5 --retry-connrefused -X "$1" "http://127.0.0.1:$port$2" -H 'Content-Type: application/json' ${3:+-d "$3"} || true; }
caps="{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"wry\",\"tauri:options\":{\"application\":\"$bin\",\"args\":[\"--db\",\"$db\"]}}}}"
session=""
for _ in 1 2 3 4 5; do
  session=$(wd POST /session "$caps" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).value.sessionId||"")}catch{console.log("")}})')
  [ -n "$session" ] && break
  sleep 2
done
if [ -z "$session" ]; then
  echo "La fenêtre n'a pas pu être ouverte par tauri-driver :" >&2
  cat "$work/driver.log" >&2
  exit 1
fi

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# Proportional and private memory: shared libraries (WebKitGTK alone maps
# about 100 MB) count in full in VmRSS, shared out in Pss, not in Private.
smaps_kb() { awk -v k="$2" '$1 == k":" {s += $2} END {print s + 0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
mb() { awk "BEGIN{printf \"%.1f\", $1/1024}"; }
app=$(pgrep -f "^$bin --db $db" | head -1 || true)
if [ -z "$app" ]; then
  echo "Le processus de l'application est introuvable :" >&2
  cat "$work/driver.log" >&2
  exit 1
fi
worst=0
# Routes of ui/src/lib/router.ts: the dashboard, the list, the board (the
# heaviest last: WebKit seldom gives memory back).
for screen in dashboard projects board; do
  wd POST "/session/$session/execute/sync" "{\"script\":\"location.hash = '#/$screen'; return 1;\",\"args\":[]}" >/dev/null
  sleep "$wait_s"
  kb=$(rss_kb "$app")
  [ "$kb" -gt "$worst" ] && worst=$kb
  pss=$(smaps_kb "$app" Pss)
  private=$(( $(smaps_kb "$app" Private_Clean) + $(smaps_kb "$app" Private_Dirty) ))
  web=0
  for pid in $(pgrep -P "$app" -f WebKitWebProcess); do web=$((web + $(rss_kb "$pid"))); done
  printf '%-10s application %7s Mo (Pss %s Mo, privé %s Mo) ; WebKitWebProcess %7s Mo\n' \
    "$screen" "$(mb "$kb")" "$(mb "$pss")" "$(mb "$private")" "$(mb "$web")"
done
wd DELETE "/session/$session" >/dev/null || true
verdict="atteint"; [ "$worst" -ge $((150 * 1024)) ] && verdict="MANQUÉ"
echo "Objectif < 150 Mo (VmRSS du processus de l'application) : $verdict ($(mb "$worst") Mo au plus)"
