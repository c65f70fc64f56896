#!/usr/bin/env bash
# Installs what is missing, builds Bourgade and opens it on the default
# database (~/.local/share/bourgade/bourgade.sqlite) with the reference data
# and the demo town. Set BOURGADE_DB to use another file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
scripts/build-ui.sh
cargo build --release --bin bourgade
target/release/bourgade init --demo
exec target/release/bourgade
