#!/usr/bin/env bash
# Installs what Bourgade needs to build, run and test on Debian/Ubuntu, and
# only what is missing. Works as root (CI) or as a user with sudo (laptop).
# Usage: scripts/install-deps.sh [--test]   (--test adds the test tools)
set -euo pipefail

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

packages=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
          libayatana-appindicator3-dev librsvg2-dev pkg-config)
if [ "$want_test" = 1 ]; then
  packages+=(xvfb xauth webkit2gtk-driver poppler-utils qpdf imagemagick sqlite3
             libreoffice-writer-nogui python3-docx fonts-liberation2)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installation des paquets système manquants : ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "Rust (cargo) est absent : installation de rustup depuis les paquets Debian/Ubuntu."
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends rustup \
      || { echo "Installez Rust avec https://rustup.rs puis relancez ce script." >&2; exit 1; }
    rustup default stable
  fi
fi

# Python tools of the tests, from PyPI, for the python3 the tests find on
# PATH: frictionless validates the Les Communs export against its Table
# Schema (core/tests/interop.rs); check-jsonschema validates the release
# workflow against GitHub's schema, offline (scripts/test.sh).
# Debian's own python3 is "externally managed" (PEP 668): pip needs
# --break-system-packages there, and root (sudo) to write its site-packages.
pip_install() { # pip_install WHAT SPEC: installs SPEC for the python3 on PATH
  echo "Installation de $1"
  py=$(python3 -c 'import sys; print(sys.executable)')
  if ! "$py" -m pip --version >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-pip
  fi
  pip_args=(install --quiet --disable-pip-version-check "$2")
  if "$py" -c 'import sys, sysconfig, os; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
    pip_args+=(--break-system-packages)
  fi
  site=$("$py" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
  if [ -w "$site" ]; then
    "$py" -m pip "${pip_args[@]}"
  else
    $SUDO "$py" -m pip "${pip_args[@]}"
  fi
}
if [ "$want_test" = 1 ] && ! python3 -c 'import frictionless' >/dev/null 2>&1; then
  pip_install "frictionless (validation du schéma des projets Les Communs)" "frictionless>=5,<6"
  python3 -c 'import frictionless' || { echo "frictionless n'a pas pu être installé pour python3." >&2; exit 1; }
fi
if [ "$want_test" = 1 ] && ! python3 -c 'import check_jsonschema' >/dev/null 2>&1; then
  pip_install "check-jsonschema (validation du workflow de publication)" "check-jsonschema>=0.29,<1"
  python3 -c 'import check_jsonschema' || { echo "check-jsonschema n'a pas pu être installé pour python3." >&2; exit 1; }
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $node_major trouvé ; Bourgade a besoin de Node.js 20 ou plus récent pour construire l'interface." >&2
  exit 1
fi

if [ "$want_test" = 1 ] && ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "Installation de tauri-driver (pilote WebDriver des tests de bout en bout)"
  cargo install tauri-driver --locked --version 2.1.0
fi
