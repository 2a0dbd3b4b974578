#!/usr/bin/env bash
# Sets up, loads the sample catalog and demo dossiers (once), and opens the desk window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# (setup.sh also installs what Qt needs to open a window on X11: the xcb libraries.)
.venv/bin/counter-app init --demo
exec .venv/bin/counter-app
