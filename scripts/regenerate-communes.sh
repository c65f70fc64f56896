#!/usr/bin/env bash
# Regenerate data/communes/communes.json from the npm package
# @etalab/decoupage-administratif (code MIT, data Licence Ouverte / Etalab 2.0).
# See data/communes/SOURCE.md.
set -euo pipefail

PACKAGE="@etalab/decoupage-administratif"
VERSION="6.0.0"

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "$tmp" "${PACKAGE}@${VERSION}" >&2

node scripts/extract-communes.mjs "$tmp/node_modules/${PACKAGE}" data/communes/communes.json
