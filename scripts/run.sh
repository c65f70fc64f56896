#!/usr/bin/env bash
# Installs what is missing, builds Bourgade (the command line `bourgade` and
# the window `bourgade-desktop`, side by side) and opens it on the default
# database (~/.local/share/bourgade/bourgade.sqlite) with the reference data
# and the demo town. Set BOURGADE_DB to use another file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
scripts/build-ui.sh
cargo build --release -p bourgade-cli -p bourgade-desktop
bin="${CARGO_TARGET_DIR:-target}/release"
"$bin/bourgade" init --demo
# With no subcommand, `bourgade` starts the window installed beside it.
exec "$bin/bourgade"
