#!/usr/bin/env bash
# Sets up, loads the sample catalog and demo dossiers (once), and opens the desk window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# On an X11 desktop Qt also needs the xcb libraries (libxcb-cursor0 since Qt 6.5).
if [ -n "${DISPLAY:-}" ] && ! QT_QPA_PLATFORM=xcb .venv/bin/python -c \
    'from PySide6.QtWidgets import QApplication; QApplication([])' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxcb-cursor0 libxcb-icccm4 \
      libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 \
      libxcb-image0 libxkbcommon-x11-0 >/dev/null
  else
    echo "Qt cần thư viện xcb: sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" >&2
  fi
fi
.venv/bin/counter-app init --demo
exec .venv/bin/counter-app
