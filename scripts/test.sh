#!/usr/bin/env bash
# Installs what is missing and runs every test: UI unit tests (Vitest), then
# all Rust tests of the workspace (unit, integration, CLI, and end-to-end
# through tauri-driver under Xvfb), then each cargo-fuzz target for a
# bounded time (BOURGADE_FUZZ_SECONDS, 60 by default; 0 skips them), and
# the release workflow against GitHub's workflow schema (check-jsonschema,
# offline). Ends with "N passed, N failed". The Linux packages are tested
# on a clean Debian by scripts/test-package.sh, which .ci/run calls after
# this script.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test || exit 1
export PATH="$HOME/.cargo/bin:$PATH"
log=$(mktemp)
status=0

scripts/build-ui.sh || { echo "0 passed, 1 failed"; exit 1; }

echo "== Workflow de publication (check-jsonschema, schéma de GitHub) =="
if python3 -m check_jsonschema --builtin-schema vendor.github-workflows .github/workflows/release.yml 2>&1 | tee -a "$log"; then
  echo "workflow release.yml: ok" | tee -a "$log"
else
  echo "workflow release.yml: FAILED" | tee -a "$log"; status=1
fi

echo "== Tests de l'interface (Vitest) =="
(cd ui && npx vitest run --reporter=default) 2>&1 | tee -a "$log" || status=1

echo "== Tests Rust (cargo test --workspace) =="
cargo test --workspace 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

fuzz_seconds="${BOURGADE_FUZZ_SECONDS:-60}"
if [ "$fuzz_seconds" != 0 ]; then
  echo "== Fuzzing (cargo-fuzz, ${fuzz_seconds} s par cible) =="
  scripts/fuzz.sh "$fuzz_seconds" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

# Totals: cargo's "test result:" lines, Vitest's "Tests  N passed (M)" line,
# one per fuzz target ("fuzz TARGET: ok" or "fuzz TARGET: FAILED") and one
# per workflow checked ("workflow FILE: ok" or "workflow FILE: FAILED").
passed=0; failed=0
while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^test result:' | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/')
vt=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *Tests +' | tail -1)
if [ -n "$vt" ]; then
  vp=$(echo "$vt" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
  vf=$(echo "$vt" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
  passed=$((passed + ${vp:-0})); failed=$((failed + ${vf:-0}))
fi
fp=$(grep -cE '^fuzz [a-z_]+: ok' "$log" || true)
ff=$(grep -cE '^fuzz [a-z_]+: FAILED' "$log" || true)
passed=$((passed + fp)); failed=$((failed + ff))
wp=$(grep -cE '^workflow [a-z.]+: ok' "$log" || true)
wf=$(grep -cE '^workflow [a-z.]+: FAILED' "$log" || true)
passed=$((passed + wp)); failed=$((failed + wf))
rm -f "$log"
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
exit "$status"
