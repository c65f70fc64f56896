#!/usr/bin/env bash
# Recreates core/tests/fixtures/schema-vN.sqlite and schema-vN.expected.json:
# one small database per released schema version, each made by the code of
# the code of a commit at that version (a git worktree of it runs
# scripts/schema-fixtures/make_fixture.rs), with what that version's own
# export and tables hold, for core/tests/schema_fixtures.rs to compare
# after upgrading. Versions 1 and 3 were never shipped alone (the first
# commit already migrated to 2; a later one went from 2 to 4): version 1's
# rows are written with SQL by the first commit, version 3 is version 2's
# file upgraded by the first code that knew 3, stopped there.
#
# Usage: scripts/make-schema-fixtures.sh   (a few minutes: builds the core
# of each commit once, in a private target directory)
# When a release adds schema version N: add "N <commit>" below and run it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/core/tests/fixtures"
work=$(mktemp -d)
trap 'for wt in "$work"/wt-*; do git -C "$root" worktree remove --force "$wt" 2>/dev/null || true; done; rm -rf "$work"' EXIT
mkdir -p "$out"
export CARGO_TARGET_DIR="${FIXTURE_TARGET_DIR:-$root/target/schema-fixtures}"

# version, the commit whose code makes it, and for a version no release
# stopped at, the earlier fixture that commit's migrations upgrade to it.
# Releases went from 2 to 4 at once (372ff09, whose manifest names a bench
# file it lacks): version 3 is version 2's file upgraded by 3f8439e's
# migrations and stopped at 3.
versions="
1 c8f3ff4
2 ac2d0b1
3 3f8439e 2
4 913dc3d
5 8b5a1e2
6 685eb6b
7 18bfdf4
8 6e60d0f 7
"
# ONLY="5" remakes only that version's fixture.
if [ -n "${ONLY:-}" ]; then
  versions=$(echo "$versions" | awk -v only="$ONLY" '$1 == only')
fi
while read -r version commit from; do
  [ -n "$version" ] || continue
  extra=()
  [ -n "${from:-}" ] && extra=("$out/schema-v$from.sqlite")
  wt="$work/wt-$version"
  git -C "$root" worktree add --detach --quiet "$wt" "$commit"
  mkdir -p "$wt/core/examples"
  cp "$root/scripts/schema-fixtures/make_fixture.rs" "$wt/core/examples/make_fixture.rs"
  echo "== schéma $version, code du commit $commit"
  # From schema 6 on, the example is written against the layered API.
  rustflags=""
  [ "$version" -ge 6 ] && rustflags="--cfg desk_api"
  (cd "$wt" && FIXTURE_COMMIT=$(git rev-parse HEAD) RUSTFLAGS="$rustflags" cargo run --quiet -p bourgade-core \
      --example make_fixture -- "$out/schema-v$version.sqlite" "$out/schema-v$version.expected.json" "$version" "${extra[@]}")
  rm -f "$out/schema-v$version.sqlite-wal" "$out/schema-v$version.sqlite-shm"
  ls -l "$out/schema-v$version.sqlite"
done <<< "$versions"
