#!/usr/bin/env bash
# Tests the .deb on a clean Debian 12 (bookworm), as a town's IT department
# would install it:
#   - a minimal Debian made by debootstrap from deb.debian.org, kept in a
#     cache folder and reused (BOURGADE_DEBOOTSTRAP_CACHE, by default
#     /var/cache/bourgade-debootstrap; the first run takes a few minutes,
#     later ones copy it in seconds);
#   - `apt-get install ./bourgade_*.deb` in a fresh copy of it, so that the
#     package's declared dependencies are what gets installed;
#   - as a user, not root: `bourgade init --demo`, `bourgade brief project 3
#     -o /tmp/n.pdf`, `bourgade check`, `bourgade --version`, and
#     `bourgade` with no subcommand (finds the window's binary, says there
#     is no display);
#   - `apt-get remove`, then the user's data folder is still there.
# Before that, the package's contents: both binaries, the desktop entry in
# French, the icons, the man page, and the AppStream file that
# `appstreamcli validate --no-net` accepts.
# Each check prints "package CHECK: ok" or "package CHECK: FAILED"; the
# last line is "N passed, N failed". Exit code 0 when everything passed.
# Usage: scripts/test-package.sh [PACKAGE.deb]   (default: the one
# scripts/package.sh wrote). Needs root or sudo (debootstrap, chroot).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export PATH="$HOME/.cargo/bin:$PATH"

passed=0; failed=0
check() { # check NAME COMMAND...: runs the command, counts and prints the verdict
  local name=$1; shift
  if "$@"; then echo "package $name: ok"; passed=$((passed + 1));
  else echo "package $name: FAILED"; failed=$((failed + 1)); fi
}
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

deb=${1:-}
if [ -z "$deb" ]; then
  target=$(cargo metadata --format-version 1 --no-deps 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' || echo "$root/target")
  deb=$(ls "$target"/packages/bourgade_*.deb 2>/dev/null | head -1)
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "Aucun paquet .deb : lancez d'abord scripts/package.sh." >&2
  failed=1; finish
fi
deb=$(readlink -f "$deb")
echo "== Paquet $deb =="

tools=()
for t in debootstrap appstream debian-archive-keyring; do
  dpkg-query -W -f='${Status}' "$t" 2>/dev/null | grep -q "install ok installed" || tools+=("$t")
done
if [ "${#tools[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${tools[@]}"
fi

# --- What the package holds
x=$(mktemp -d)
dpkg-deb -x "$deb" "$x"
listing=$(dpkg-deb -c "$deb")
has() { grep -qE "(^| |\\./)$1\$" <<<"$listing"; }
check "holds /usr/bin/bourgade (command line)" has "usr/bin/bourgade"
check "holds /usr/bin/bourgade-desktop (window)" has "usr/bin/bourgade-desktop"
check "holds the man page" has "usr/share/man/man1/bourgade\\.1\\.gz"
man_page() { local page; page=$(zcat "$x/usr/share/man/man1/bourgade.1.gz") && grep -q 'brief' <<<"$page"; }
check "man page written from the clap definitions" man_page
check "holds icons" grep -qE 'usr/share/icons/hicolor/.*/apps/.*\.png' <<<"$listing"
desktop=$(ls "$x"/usr/share/applications/*.desktop 2>/dev/null | head -1)
french_entry() {
  [ -n "$desktop" ] && grep -qx 'Name=Bourgade' "$desktop" \
    && grep -qx "Comment=Suivi des projets de revitalisation d'une Petite ville de demain" "$desktop" \
    && grep -qx 'Exec=bourgade-desktop' "$desktop"
}
check "desktop entry in French" french_entry
metainfo=$x/usr/share/metainfo/fr.bourgade.app.metainfo.xml
check "AppStream metainfo valid (appstreamcli validate --no-net)" appstreamcli validate --no-net "$metainfo"
launchable() { [ -n "$desktop" ] && grep -q "<launchable type=\"desktop-id\">$(basename "$desktop")</launchable>" "$metainfo"; }
check "AppStream launchable is the desktop entry" launchable
no_gui() { local libs; libs=$(ldd "$x/usr/bin/bourgade") && ! grep -qiE 'gtk|webkit|soup' <<<"$libs"; }
check "command line links no GUI library" no_gui
rm -rf "$x"

# --- A clean Debian 12
cache=${BOURGADE_DEBOOTSTRAP_CACHE:-/var/cache/bourgade-debootstrap}
base="$cache/bookworm"
# Unmounts everything under a folder of the cache, first stopping what
# still runs inside it (a timeout may have left apt or chroot behind);
# never removes a folder that still holds a mount (the host's /dev).
release() {
  local dir=$1 pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$($SUDO readlink "/proc/$pid/root" 2>/dev/null)" = "$dir" ] && $SUDO kill -9 "$pid" 2>/dev/null
  done
  $SUDO umount -R "$dir/proc" "$dir/sys" "$dir/dev" 2>/dev/null || true
  for m in dev/pts dev sys proc; do
    mountpoint -q "$dir/$m" 2>/dev/null && $SUDO umount -l "$dir/$m" 2>/dev/null
  done
  if grep -q " $dir/" /proc/mounts; then
    echo "Montages restants sous $dir : dossier gardé, à démonter à la main." >&2
    return 1
  fi
  $SUDO rm -rf --one-file-system "$dir"
}
$SUDO mkdir -p "$cache"
for old in "$cache"/run-*; do [ -d "$old" ] && release "$old"; done
if [ ! -f "$base/.complete" ]; then
  echo "== debootstrap bookworm dans $base (une fois, puis réutilisé) =="
  [ -d "$base" ] && release "$base"
  timeout 900 $SUDO debootstrap --variant=minbase bookworm "$base" http://deb.debian.org/debian 2>&1 \
    | $SUDO tee "$cache/debootstrap.log" >/dev/null
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    $SUDO tail -20 "$cache/debootstrap.log"
    check "debootstrap bookworm" false
    finish
  fi
  $SUDO touch "$base/.complete"
fi
work="$cache/run-$$"
cleanup() { release "$work"; }
trap cleanup EXIT
$SUDO cp -a "$base" "$work"
$SUDO mount -t proc proc "$work/proc"
$SUDO mount --bind /dev "$work/dev"
$SUDO mount --bind /dev/pts "$work/dev/pts"
$SUDO cp /etc/resolv.conf "$work/etc/resolv.conf"
# Package scripts must not start services inside the test system.
printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$work/usr/sbin/policy-rc.d" >/dev/null
$SUDO chmod +x "$work/usr/sbin/policy-rc.d"
$SUDO cp "$deb" "$work/tmp/bourgade.deb"
in_root() { $SUDO timeout 600 chroot "$work" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
as_user() { $SUDO timeout 120 chroot --userspec=maire:maire "$work" env -i PATH=/usr/bin:/bin HOME=/home/maire LANG=C.UTF-8 "$@"; }

echo "== Installation avec apt-get install ./bourgade_*.deb =="
check "apt-get install ./bourgade.deb (declared dependencies)" \
  in_root sh -c 'apt-get update -qq && cd /tmp && apt-get install -y -qq --no-install-recommends ./bourgade.deb >/tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }'
in_root useradd --create-home --shell /bin/sh maire

echo "== Commandes, en utilisateur maire =="
check "bourgade init --demo" as_user bourgade init --demo
brief() { as_user bourgade brief project 3 -o /tmp/n.pdf && head -c 5 "$work/tmp/n.pdf" | grep -q '%PDF-'; }
check "bourgade brief project 3 -o /tmp/n.pdf" brief
check "bourgade check" as_user bourgade check
version() {
  local out
  out=$(as_user bourgade --version) || return 1
  echo "$out"
  grep -qE '^bourgade [0-9.]+ \((commit [0-9a-f]{7,}|commit inconnu)\)' <<<"$out"
}
check "bourgade --version names the commit" version
window() {
  local out code
  out=$(as_user bourgade 2>&1); code=$?
  echo "$out"
  [ "$code" -eq 1 ] && echo "$out" | grep -q 'Aucun affichage graphique'
}
check "bourgade with no subcommand finds the window, says there is no display" window
# The window cannot open without a display, but the loader can say whether
# the declared dependencies bring every library it needs.
desktop_libs() {
  local libs
  libs=$(in_root ldd /usr/bin/bourgade-desktop) || return 1
  ! grep -q 'not found' <<<"$libs" || { grep 'not found' <<<"$libs"; return 1; }
}
check "bourgade-desktop finds every library it links" desktop_libs
data="$work/home/maire/.local/share/bourgade/bourgade.sqlite"
check "the database is in the user's XDG data folder" $SUDO test -s "$data"

echo "== Désinstallation =="
check "apt-get remove bourgade" in_root apt-get remove -y -qq bourgade
removed() { [ ! -e "$work/usr/bin/bourgade" ] && [ ! -e "$work/usr/bin/bourgade-desktop" ]; }
check "binaries removed" removed
check "user's data left alone" $SUDO test -s "$data"
finish
