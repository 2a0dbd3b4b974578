#!/usr/bin/env bash
# Builds the desk as a folder, dist/counter-app/ (PyInstaller, one folder, not one file:
# docs/bundle.md), from packaging/counter-app.spec. The build runs in a virtual environment
# of its own, .venv-bundle, holding the program's pinned dependencies and the `bundle` extra
# only: the test tools of .venv never get into the bundle. Safe to run again: the build
# environment is made again only when pyproject.toml or this script changed (a stamp).
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=.venv-bundle
stamp=$venv/counter-app-bundle.stamp
inputs_hash() {
  { cat pyproject.toml scripts/build-bundle.sh; "$python" -c 'import sys; print(sys.version)'; } \
    | sha256sum | cut -d' ' -f1
}
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(inputs_hash)" ]; then
  echo "Đang chuẩn bị môi trường đóng gói $venv (chỉ lần đầu hoặc khi có thay đổi)..." >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  # The program's dependencies and the bundle tools, at their pins, without the program
  # itself: PyInstaller takes counter_app from this folder (the spec's pathex).
  "$venv/bin/python" - > "$venv/requirements.txt" <<'PY'
import tomllib
with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["bundle"]))
PY
  "$venv/bin/python" -m pip install --quiet -r "$venv/requirements.txt"
  inputs_hash > "$stamp"
fi

# The desk's translations (.qm are built, not kept in git), as scripts/setup.sh makes them.
for ts in resources/translations/*.ts; do
  "$venv/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done

# Nothing to do when dist/counter-app/ was built from these very files (a developer's
# second run of scripts/test.sh); a fresh clone (CI) always builds.
built_from() {
  find counter_app resources packaging main.py pyproject.toml scripts/build-bundle.sh \
      -type f ! -name '*.pyc' ! -name '*.qm' -print0 | sort -z | xargs -0 sha256sum \
    | sha256sum | cut -d' ' -f1
}
done_stamp=dist/counter-app.built-from
if [ -x dist/counter-app/counter-app ] && [ -f "$done_stamp" ] \
    && [ "$(cat "$done_stamp")" = "$(built_from)" ]; then
  exit 0
fi
rm -f "$done_stamp"

started=$(date +%s)
# --noconfirm: dist/counter-app/ is replaced; build/ keeps PyInstaller's work between runs.
"$venv/bin/python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/counter-app.spec
echo "dist/counter-app/: $(du -sh dist/counter-app | cut -f1), dựng trong" \
  "$(($(date +%s) - started)) s" >&2
built_from > "$done_stamp"
