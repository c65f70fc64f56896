#!/usr/bin/env bash
# Builds the Linux packages of Bourgade with Tauri's bundler, offline:
#   target/packages/bourgade_<version>_amd64.deb
#   target/packages/bourgade-<version>-1.x86_64.rpm
# Each holds the window (/usr/bin/bourgade-desktop), the command line
# (/usr/bin/bourgade), the desktop entry (French name and comment), the
# icons, the AppStream metainfo (/usr/share/metainfo/fr.bourgade.app.metainfo.xml)
# and the man page written from the clap definitions
# (/usr/share/man/man1/bourgade.1.gz).
# The AppImage is not made: its tool (linuxdeploy) is downloaded from
# GitHub by the bundler, which this machine cannot reach.
# The Tauri CLI is `cargo tauri` when installed, else the npm package
# @tauri-apps/cli (its binary ships inside), installed under
# target/tools/tauri-cli.
# `scripts/package.sh --prepare` stops before the bundler and prints the
# path of the configuration to give it (`tauri build --config FILE`): the
# release workflow runs the bundler through the official Tauri action.
set -euo pipefail
prepare_only=0
[ "${1:-}" = "--prepare" ] && prepare_only=1
cd "$(dirname "$0")/.."
root=$(pwd)
[ "$prepare_only" = 1 ] || scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
version=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')

tauri_cli() {
if cargo tauri --version >/dev/null 2>&1; then
  tauri=(cargo tauri)
else
  tools="$target/tools/tauri-cli"
  if [ ! -x "$tools/node_modules/.bin/tauri" ]; then
    echo "Installation du CLI de Tauri (@tauri-apps/cli, npm) dans $tools"
    mkdir -p "$tools"
    npm install --no-audit --no-fund --no-save --prefix "$tools" "@tauri-apps/cli@~2.12"
  fi
  tauri=("$tools/node_modules/.bin/tauri")
fi
}

scripts/build-ui.sh

echo "== Ligne de commande et page de manuel =="
cargo build --release -p bourgade-cli --bin bourgade --example mangen
staging="$target/packaging"
rm -rf "$staging" && mkdir -p "$staging"
"$target/release/examples/mangen" "$staging/bourgade.1"
gzip -9n -c "$staging/bourgade.1" > "$staging/bourgade.1.gz"

# The files added to both packages, with absolute sources (the target
# folder may be anywhere: CARGO_TARGET_DIR).
python3 - "$staging/linux.json" <<PY
import json, sys
files = {
    "/usr/bin/bourgade": "$target/release/bourgade",
    "/usr/share/man/man1/bourgade.1.gz": "$staging/bourgade.1.gz",
    "/usr/share/metainfo/fr.bourgade.app.metainfo.xml": "$root/data/packaging/fr.bourgade.app.metainfo.xml",
}
json.dump({"bundle": {"linux": {"deb": {"files": files}, "rpm": {"files": files}}}}, open(sys.argv[1], "w"), indent=2)
PY
if [ "$prepare_only" = 1 ]; then
  echo "$staging/linux.json"
  exit 0
fi

tauri_cli
echo "== Paquets (Tauri bundler : deb, rpm) =="
"${tauri[@]}" build --ci --bundles deb,rpm --config "$staging/linux.json"

out="$target/packages"
rm -rf "$out" && mkdir -p "$out"
deb=$(ls "$target"/release/bundle/deb/*_"${version}"_*.deb | head -1)
rpm=$(ls "$target"/release/bundle/rpm/*-"${version}"-*.rpm | head -1)
arch=$(dpkg --print-architecture)
cp "$deb" "$out/bourgade_${version}_${arch}.deb"
cp "$rpm" "$out/$(basename "$rpm" | tr '[:upper:]' '[:lower:]')"
ls -l "$out"
