#!/usr/bin/env bash
# Sets up with the test tools and runs the whole suite: lint, types, tests. The tests that
# need PostgreSQL start a throwaway server themselves and stop it at the end (tests/pg.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check counter_app tests bench scripts main.py
.venv/bin/mypy
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
