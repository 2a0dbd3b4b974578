#!/usr/bin/env bash
# The offline Windows kit (docs/install-windows.md), built on Linux:
#
#   scripts/build-windows-kit.sh [OUT] [--python 3.12] [--python-zip FILE] [--no-installer]
#                                [--sign-pfx FILE] [--compressor zlib|lzma]
#
# OUT (default build/windows-kit) receives kit/ — every wheel the program needs on 64-bit
# Windows for CPython 3.12 (its own, each pinned dependency and theirs as Windows resolves
# them, pip's to bootstrap pip), requirements-windows.txt with a SHA-256 for each, the
# desk's resources, install.ps1 — and counter-app-setup.exe, the NSIS installer that packs
# kit/ and runs install.ps1. The Python runtime is the agency's input: python.org's
# embeddable zip for amd64 (python-3.12.N-embed-amd64.zip), given with --python-zip or
# already in OUT/kit/python/; without it the kit is built, the installer is not.
#
# A second build into the same OUT downloads no wheel again: OUT/wheel-store keeps those of
# the last build, which pip takes from there (pip's own cache does it too, where the index
# lets it cache). A project with no Windows wheel (an sdist only) is built into a wheel here
# once, if it is pure Python; one with a C extension and no Windows wheel stops the build,
# named. Signing (optional): --sign-pfx
# FILE, the agency's code-signing certificate as PKCS#12, its password in
# COUNTER_APP_SIGN_PASSWORD, a timestamp server in COUNTER_APP_SIGN_TIMESTAMP (osslsigncode).
# --compressor lzma: no smaller an installer (the wheels are zips already), minutes longer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="" py=3.12 zip="" pfx="" installer=yes compressor=zlib
while [ $# -gt 0 ]; do
  case "$1" in
    --python) py=$2; shift 2 ;;
    --python-zip) zip=$(realpath "$2"); shift 2 ;;
    --sign-pfx) pfx=$(realpath "$2"); shift 2 ;;
    --no-installer) installer=no; shift ;;
    --compressor) compressor=$2; shift 2 ;;
    -*) echo "Tùy chọn không rõ: $1" >&2; exit 2 ;;
    *) out=$1; shift ;;
  esac
done
out=$(realpath -m "${out:-$root/build/windows-kit}")
python=${PYTHON:-$root/.venv/bin/python}
[ -x "$python" ] || python=python3
fail() { echo "Không tạo được bộ cài Windows: $*" >&2; exit 1; }
started=$(date +%s)

kit=$out/kit
rm -rf "$kit" "$out/counter-app-setup.exe"
store=$out/wheel-store
mkdir -p "$kit/wheels" "$kit/python" "$kit/resources" "$store"
helper=("$python" "$root/packaging/windows/kit_wheels.py" --pyproject "$root/pyproject.toml"
  --python "$py")
version=$("$python" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))
["project"]["version"])' "$root/pyproject.toml")

# The program's own wheel, from a copy of its sources (an old build/ in the tree would
# carry modules removed since).
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cp "$root/pyproject.toml" "$src/"
cp -r "$root/counter_app" "$src/"
find "$src" -name __pycache__ -prune -exec rm -rf {} +
"$python" -m pip wheel --quiet --no-deps "$src" -w "$kit/wheels" || fail "wheel của chương trình"

# pip to bootstrap pip in the embeddable runtime (it has none), pinned with the rest.
for_windows=(--platform win_amd64 --python-version "$py" --implementation cp
  --only-binary=:all: --find-links "$store" --find-links "$kit/wheels")
"$python" -m pip download --quiet "${for_windows[@]}" --no-deps pip -d "$kit/wheels" \
  || fail "wheel của pip"
pip_version=$(basename "$kit"/wheels/pip-*.whl | cut -d- -f2)
extra=(--extra "counter-app==$version" --extra "pip==$pip_version")

# Each dependency as Windows resolves it: pip on Linux reads Windows-only markers as false,
# so what the walk over the wheels (kit_wheels.py) finds missing is asked for by name.
wanted=$out/wanted.txt log=$out/pip-download.log round=$out/pip-download.round.log
"${helper[@]}" toplevel > "$wanted"
: > "$log"
for _round in $(seq 12); do
  # from the wheels of the last build alone first: pip prefers the index's copy of a file
  ok=yes
  "$python" -m pip download "${for_windows[@]}" --no-index -r "$wanted" -d "$kit/wheels" \
    > "$round" 2>&1 \
    || "$python" -m pip download "${for_windows[@]}" -r "$wanted" -d "$kit/wheels" \
      > "$round" 2>&1 \
    || ok=no
  cat "$round" >> "$log"
  if [ "$ok" = yes ]; then
    missing=$("${helper[@]}" "${extra[@]}" missing --wheels "$kit/wheels")
    [ -z "$missing" ] && break
    echo "$missing" >> "$wanted"
    continue
  fi
  sdist=$(sed -n 's/.*No matching distribution found for \([^ ]*\).*/\1/p' "$round" | head -1)
  [ -n "$sdist" ] || { tail -20 "$log" >&2; fail "pip download (nhật ký: $log)"; }
  echo "Không có wheel Windows cho $sdist: tạo một lần từ mã nguồn." >&2
  made=$(mktemp -d)
  "$python" -m pip wheel --quiet --no-deps "$sdist" -w "$made" || fail "pip wheel $sdist"
  for wheel in "$made"/*.whl; do
    case "$wheel" in
      *-none-any.whl) mv "$wheel" "$store/" ;;
      *) fail "$sdist có phần mở rộng C và không có wheel cho Windows ($(basename "$wheel"))" ;;
    esac
  done
  rm -rf "$made"
done
[ -z "${missing-x}" ] || fail "vẫn thiếu sau 12 lượt: ${missing-}"
rm -f "$round"
echo "Đã tải về $(grep -c '^ *Downloading ' "$log") tệp (còn lại lấy từ $store)." >&2
"${helper[@]}" "${extra[@]}" requirements --wheels "$kit/wheels" \
  --out "$kit/requirements-windows.txt" || fail "requirements-windows.txt"
for wheel in "$kit"/wheels/*.whl; do  # for the next build (the program's own is rebuilt)
  case "$(basename "$wheel")" in
    counter_app-*) ;;
    *) ln -f "$wheel" "$store/" 2>/dev/null || cp -f "$wheel" "$store/" ;;
  esac
done

# The kit resolves for Windows from itself alone (no configuration of this machine: no
# other index, no other folder of wheels).
env $(env | sed -n 's/^\(PIP_[A-Z_]*\)=.*/-u \1/p') PIP_CONFIG_FILE=/dev/null \
  "$python" -m pip install --dry-run --quiet --ignore-installed --no-index \
  --find-links "$kit/wheels" --require-hashes -r "$kit/requirements-windows.txt" \
  --platform win_amd64 --python-version "$py" --implementation cp --only-binary=:all: \
  --target "$out/dry-run" > "$out/dry-run.log" 2>&1 \
  || { tail -20 "$out/dry-run.log" >&2; fail "bộ cài không tự đủ cho Windows"; }

# The desk's resources, which the program's wheel does not carry yet: install.ps1 puts them
# where counter_app looks for them (site-packages\resources). Translations compiled here.
cp -r "$root/resources/help" "$root/resources/catalog" "$kit/resources/"
mkdir -p "$kit/resources/translations"
lrelease=$(dirname "$python")/pyside6-lrelease
for ts in "$root"/resources/translations/*.ts; do
  qm=$kit/resources/translations/$(basename "${ts%.ts}").qm
  if [ -x "$lrelease" ]; then
    "$lrelease" -silent "$ts" -qm "$qm"
  elif [ -f "${ts%.ts}.qm" ]; then
    cp "${ts%.ts}.qm" "$qm"
  else
    fail "không dịch được $ts (thiếu pyside6-lrelease: chạy scripts/setup.sh)"
  fi
done

# install.ps1, and where the agency's Python goes.
cp "$root/packaging/windows/install.ps1" "$kit/"
echo "$py" > "$kit/python/version.txt"
cat > "$kit/python/README.txt" <<EOF
Đặt vào thư mục này tệp Python nhúng (embeddable) của python.org cho Windows 64-bit:
python-$py.N-embed-amd64.zip (N: bản vá mới nhất có tệp này), đúng tên như python.org đặt.
Kiểm tra mã SHA-256 của tệp với trang tải của python.org trước khi dùng.
Xem docs/install-windows.md.
EOF
if [ -n "$zip" ]; then
  case "$(basename "$zip")" in
    python-"$py".*-embed-amd64.zip) cp "$zip" "$kit/python/" ;;
    *) fail "--python-zip cần tệp python-$py.N-embed-amd64.zip, không phải $(basename "$zip")" ;;
  esac
fi
runtime=$(find "$kit/python" -name "python-$py.*-embed-amd64.zip" | head -1)

if [ "$installer" = yes ] && [ -z "$runtime" ]; then
  echo "Chưa có Python nhúng: đặt python-$py.N-embed-amd64.zip vào $kit/python/ rồi chạy" \
    "lại với --python-zip FILE để tạo counter-app-setup.exe." >&2
elif [ "$installer" = yes ]; then
  command -v makensis >/dev/null || fail "thiếu makensis (gói Debian nsis)"
  compiled=$(date +%s)
  makensis -V2 -DKIT="$kit" -DCOMPRESSOR="$compressor" -DVERSION="$version" \
    -DOUTFILE="$out/counter-app-setup.exe" \
    "$root/packaging/windows/counter-app.nsi" > "$out/makensis.log" 2>&1 \
    || { tail -20 "$out/makensis.log" >&2; fail "makensis (nhật ký: $out/makensis.log)"; }
  echo "makensis ($compressor): $(($(date +%s) - compiled)) giây." >&2
  if [ -n "$pfx" ]; then
    command -v osslsigncode >/dev/null || fail "thiếu osslsigncode (gói Debian osslsigncode)"
    stamp=()
    [ -n "${COUNTER_APP_SIGN_TIMESTAMP:-}" ] && stamp=(-ts "$COUNTER_APP_SIGN_TIMESTAMP")
    osslsigncode sign -pkcs12 "$pfx" -pass "${COUNTER_APP_SIGN_PASSWORD:-}" \
      -n "counter-app $version" -h sha256 "${stamp[@]}" \
      -in "$out/counter-app-setup.exe" -out "$out/counter-app-setup.signed.exe" >&2 \
      || fail "ký số bằng osslsigncode"
    mv "$out/counter-app-setup.signed.exe" "$out/counter-app-setup.exe"
  fi
fi
rm -f "$wanted"
echo "Bộ cài Windows: $kit ($(du -sh "$kit" | cut -f1)," \
  "$(find "$kit/wheels" -name '*.whl' | wc -l) wheel), $(($(date +%s) - started)) giây." >&2
[ -f "$out/counter-app-setup.exe" ] \
  && echo "Trình cài đặt: $out/counter-app-setup.exe ($(du -sh "$out/counter-app-setup.exe" \
    | cut -f1))." >&2
exit 0
