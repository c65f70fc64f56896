#!/usr/bin/env bash
# Resident memory of the running app with 10,000 projects: builds the
# release binary, makes a database of 10,000 projects (the demo's 16, copied
# with new titles and stages, imported as one JSON file), starts the window
# under Xvfb on it, waits, and prints VmRSS of the app's process (with its
# proportional and private parts) and of its WebKit helper processes, read
# from /proc. Target: < 150 MB VmRSS for the app's process.
#
# Usage: scripts/measure-rss.sh [PROJECTS] [SECONDS TO WAIT]   (10000, 12)
# Needs Xvfb (scripts/install-deps.sh --test) and Node.js (to write the file).
set -euo pipefail
cd "$(dirname "$0")/.."
projects="${1:-10000}"
wait_s="${2:-12}"
export PATH="$HOME/.cargo/bin:$PATH"

scripts/build-ui.sh >/dev/null
cargo build --release --quiet
bin="$(pwd)/target/release/bourgade"

work=$(mktemp -d)
xvfb_pid=""; app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/bourgade.sqlite"

"$bin" --db "$db" init --demo >/dev/null 2>&1
"$bin" --db "$db" export -o "$work/demo.json" 2>/dev/null
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
"$bin" --db "$db" import "$work/big.json" 2>/dev/null
count=$("$bin" --db "$db" project list --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
echo "Base : $count projets ($(du -h "$db" | cut -f1))"

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
DISPLAY="$display" "$bin" --db "$db" >"$work/app.log" 2>&1 &
app_pid=$!
sleep "$wait_s"
if ! kill -0 "$app_pid" 2>/dev/null; then
  echo "L'application s'est arrêtée avant la mesure :" >&2
  cat "$work/app.log" >&2
  exit 1
fi

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# Proportional and private memory: shared libraries (WebKitGTK alone maps
# about 100 MB) count in full in VmRSS, shared out in Pss, not in Private.
smaps_kb() { awk -v k="$2" '$1 == k":" {s += $2} END {print s + 0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
descendants() {
  local kids
  kids=$(cat /proc/"$1"/task/*/children 2>/dev/null || true)
  for k in $kids; do echo "$k"; descendants "$k"; done
}
app=$(rss_kb "$app_pid")
total=$app
printf '%-40s %8.1f Mo\n' "bourgade (processus de l'application)" "$(awk "BEGIN{print $app/1024}")"
pss=$(smaps_kb "$app_pid" Pss)
private=$(( $(smaps_kb "$app_pid" Private_Clean) + $(smaps_kb "$app_pid" Private_Dirty) ))
printf '%-40s %8.1f Mo\n' "  dont proportionnel (Pss)" "$(awk "BEGIN{print $pss/1024}")"
printf '%-40s %8.1f Mo\n' "  dont privé (Private)" "$(awk "BEGIN{print $private/1024}")"
for pid in $(descendants "$app_pid"); do
  kb=$(rss_kb "$pid")
  total=$((total + kb))
  printf '%-40s %8.1f Mo\n' "  $(tr -d '\0' < /proc/"$pid"/comm 2>/dev/null || echo "$pid")" "$(awk "BEGIN{print $kb/1024}")"
done
printf '%-40s %8.1f Mo\n' "total (avec les processus WebKit)" "$(awk "BEGIN{print $total/1024}")"
verdict="atteint"; [ "$app" -ge $((150 * 1024)) ] && verdict="MANQUÉ"
echo "Objectif < 150 Mo pour l'application : $verdict"
