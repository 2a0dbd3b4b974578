#!/usr/bin/env bash
# Sets up with the test tools and runs the whole suite: lint, types, tests. The tests that
# need PostgreSQL start a throwaway server themselves and stop it at the end (tests/pg.py):
# one per pytest-xdist worker, each test in a database of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check counter_app tests bench scripts packaging main.py
# One layout for all the code, the formatter's (ruff format): no hand-kept alignment to drift
.venv/bin/ruff format --check counter_app tests bench scripts packaging main.py
.venv/bin/mypy
# The desk's folder build, which tests/bundle/ runs as a commune's PC would (docs/bundle.md):
# built in an environment of its own; skipped when built from the same files already.
bash scripts/build-bundle.sh
# In parallel (pytest-xdist), one process per core; the tests that run processes of their
# own (kills, races, fault runs) keep to one worker as a group (xdist_group "processes").
# Any option given is passed on (a later `-n 0` runs everything in one process).
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -n "${COUNTER_APP_TEST_WORKERS:-auto}" \
  --dist loadgroup "$@"
