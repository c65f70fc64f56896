#!/usr/bin/env bash
# Runs the cargo-fuzz targets (fuzz/) for a bounded time each, starting
# from the demo's exports (core/examples/fuzz_seeds.rs). Installs cargo-fuzz
# from crates.io when missing. On the stable toolchain, RUSTC_BOOTSTRAP=1
# lets cargo-fuzz's nightly flags through.
#
# Usage: scripts/fuzz.sh [SECONDS PER TARGET] [--asan]   (default 60)
#   Default build: coverage-instrumented, debug assertions on (overflow
#   checks), no sanitizer: about 5 minutes to build on two cores, so that
#   it fits in every CI run. --asan: AddressSanitizer and optimisations, for
#   longer runs by hand (the first build takes about half an hour).
# Prints "fuzz TARGET: ok" or "fuzz TARGET: FAILED" per target; a failing
# input is kept in fuzz/artifacts/TARGET/. Exit status 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=60
build=(--dev -s none)
for arg in "$@"; do
  case "$arg" in
    --asan) build=(-s address) ;;
    *) seconds="$arg" ;;
  esac
done

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked || { echo "fuzz: cargo-fuzz could not be installed"; exit 1; }
fi
cargo run -q -p bourgade-core --example fuzz_seeds -- fuzz/corpus || exit 1

export RUSTC_BOOTSTRAP=1
cd fuzz
targets=(csv_import json_import pdf_layout)
if ! cargo fuzz build "${build[@]}"; then
  for target in "${targets[@]}"; do echo "fuzz $target: FAILED (the targets did not build)"; done
  exit 1
fi
status=0
for target in "${targets[@]}"; do
  log=$(mktemp)
  # -timeout: one input taking longer is a failure (a hang); -rss_limit_mb
  # likewise for memory; -max_len above the demo's JSON export (97 KB),
  # which libFuzzer would otherwise cut into invalid JSON. The corpus grows
  # in fuzz/corpus/ (git-ignored).
  cargo fuzz run "${build[@]}" "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=131072 \
    -print_final_stats=1 >"$log" 2>&1
  rc=$?
  runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  if [ "$rc" -eq 0 ]; then
    echo "fuzz $target: ok ($runs inputs in ${seconds} s)"
  else
    echo "fuzz $target: FAILED (exit $rc); last lines:"
    tail -30 "$log"
    status=1
  fi
  rm -f "$log"
done
exit "$status"
