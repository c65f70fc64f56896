#!/usr/bin/env bash
# Start-up and whole-process cost of the command line (release build):
# wall time with hyperfine, maximum resident memory with /usr/bin/time -v,
# on a fresh demo database. Beside it, when `chromium` is installed, the
# same brief printed by headless Chromium from HTML (the brief's PDF turned
# into HTML by pdftohtml), the usual way of making a PDF from a web
# stack. Prints a table; figures only, nothing is asserted.
# Installs hyperfine (Debian package) when missing.
# Usage: scripts/bench-cli.sh [RUNS]   (30 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export PATH="$HOME/.cargo/bin:$PATH"
need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v pdftohtml >/dev/null 2>&1 || need+=(poppler-utils)
if [ "${#need[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

cargo build --release -q -p bourgade-cli --bin bourgade
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
bin="$target/release/bourgade"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/bench.sqlite"
"$bin" --db "$db" init --demo 2>/dev/null
"$bin" --db "$db" brief project 3 -o "$work/note.pdf" 2>/dev/null
# The day's automatic backup is written by the first command of the day:
# every measured run below is an ordinary one.

declare -a names cmds
add() { names+=("$1"); cmds+=("$2"); }
add "bourgade --help" "$bin --help"
add "bourgade --version" "$bin --version"
add "bourgade project list (demo)" "$bin --db $db project list"
add "bourgade check (demo)" "$bin --db $db check"
add "bourgade brief project 3" "$bin --db $db brief project 3 -o $work/n.pdf"

peer=""
if command -v chromium >/dev/null 2>&1; then
  pdftohtml -q -s -i -noframes "$work/note.pdf" "$work/note.html"
  peer="chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir=$work/chromium --print-to-pdf=$work/c.pdf file://$work/note.html"
  add "headless Chromium printing the brief (HTML → PDF)" "$peer"
fi

# Median of the maximum resident set size (kB) over 5 runs. For Chromium
# it is its largest process (the browser, renderer and GPU processes
# together are larger).
rss() {
  local i vals=()
  for i in 1 2 3 4 5; do
    vals+=("$(/usr/bin/time -v sh -c "$1 >/dev/null 2>&1" 2>&1 | sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p')")
  done
  printf '%s\n' "${vals[@]}" | sort -n | sed -n 3p
}

printf '\n| command | mean | median | min | max RSS |\n|---|---|---|---|---|\n'
for i in "${!names[@]}"; do
  n=$runs
  [ "${cmds[$i]}" = "$peer" ] && n=$(( runs < 10 ? runs : 10 ))
  hyperfine -N --warmup 3 --runs "$n" --export-json "$work/h.json" "${cmds[$i]}" >/dev/null 2>&1 \
    || hyperfine --warmup 3 --runs "$n" --export-json "$work/h.json" "${cmds[$i]}" >/dev/null
  kb=$(rss "${cmds[$i]}")
  python3 - "$work/h.json" "${names[$i]}" "$kb" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda s: f"{s * 1000:.1f} ms"
print(f"| {sys.argv[2]} | {ms(r['mean'])} ± {r['stddev'] * 1000:.1f} | {ms(r['median'])} | {ms(r['min'])} | {int(sys.argv[3]) / 1024:.1f} MB |")
PY
done
[ -n "$peer" ] || echo "(chromium n'est pas installé : le point de comparaison est omis ; apt-get install chromium pour l'ajouter)"
echo
echo "binary: $(du -h "$bin" | cut -f1) on disk; shared libraries: $(ldd "$bin" | wc -l) ($(ldd "$bin" | awk '{print $1}' | tr '\n' ' '))"
