#!/usr/bin/env bash
# Creates .venv beside the project and installs the program (and, with --test, the test
# tools) at the pinned versions. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "counter-app cần Python 3.11 trở lên (đang có: $("$python" --version 2>&1))." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${extras}"

# Qt needs a few system libraries even off screen; install them only when missing.
if ! QT_QPA_PLATFORM=offscreen .venv/bin/python -c \
    'from PySide6.QtWidgets import QApplication; QApplication([])' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libegl1 libgl1 libxkbcommon0 \
      libfontconfig1 libdbus-1-3 libglib2.0-0 >/dev/null
  else
    echo "Thiếu thư viện hệ thống cho Qt (libEGL, libxkbcommon, fontconfig)." >&2
    exit 1
  fi
fi

# The desk's translations (resources/translations/*.ts → .qm), built from their sources.
for ts in resources/translations/*.ts; do
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
