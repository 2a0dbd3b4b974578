#!/usr/bin/env bash
# Creates .venv beside the project and installs the program (and, with --test, the test
# tools) at the pinned versions. Safe to run again: when nothing it depends on has changed
# since its last run (see the stamp below) it exits at once, so that the daily start is fast.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "counter-app cần Python 3.11 trở lên (đang có: $("$python" --version 2>&1))." >&2
  exit 1
fi
mode=desk
[ "${1:-}" = "--test" ] && mode=test

# The stamp records what the last complete run was made from: this script, pyproject.toml,
# the translations' sources and the venv's Python. When they are unchanged (and that run
# included the test tools if they are asked for now) and the installed program answers,
# there is nothing to do: no pip, no system-package checks.
stamp=${COUNTER_APP_SETUP_STAMP:-.venv/counter-app-setup.stamp}
inputs_hash() {
  { cat pyproject.toml scripts/setup.sh resources/translations/*.ts
    .venv/bin/python -c 'import sys; print(sys.version)'; } 2>/dev/null | sha256sum | cut -d' ' -f1
}
if [ -f "$stamp" ] && [ -x .venv/bin/python ]; then
  read -r done_hash done_mode < "$stamp" || true
  if [ "${done_hash:-}" = "$(inputs_hash)" ] \
      && { [ "$mode" = desk ] || [ "${done_mode:-}" = test ]; } \
      && .venv/bin/counter-app --version >/dev/null 2>&1; then
    exit 0
  fi
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
extras=""
[ "$mode" = test ] && extras="[test]"
echo "Đang cài đặt counter-app vào .venv (chỉ lần đầu hoặc khi có thay đổi)..." >&2
# setuptools warns every editable install with an English box about same-named folders in
# the working directory (the project's own: harmless here); pip's --quiet keeps it.
export PYTHONWARNINGS="ignore:Editable installation"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${extras}"
unset PYTHONWARNINGS
# The program's bytecode, as an installed program has it: without it (PYTHONDONTWRITEBYTECODE
# set, or a folder the desk's user cannot write) every start compiles every module again.
.venv/bin/python -m compileall -q counter_app >/dev/null

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

# On a screen (X11) Qt loads its xcb plugin, whose libraries a minimal system lacks
# (Qt 6.5+ also needs libxcb-cursor0): install them only when ldd finds one missing.
xcb_missing() {
  local qt
  qt=$(.venv/bin/python -c 'import PySide6, os; print(os.path.dirname(PySide6.__file__))')/Qt
  [ -f "$qt/plugins/platforms/libqxcb.so" ] || return 1
  local libs found
  libs=$(ldd "$qt/plugins/platforms/libqxcb.so" "$qt/lib/libQt6XcbQpa.so.6" 2>/dev/null || true)
  found=$(ldconfig -p 2>/dev/null || true)
  [[ $libs == *"not found"* || $found != *libxcb-cursor.so.0* ]]
}
if [ "$(uname -s)" = Linux ] && xcb_missing; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxcb-cursor0 libxcb-icccm4 \
      libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
      libxcb-randr0 libxkbcommon-x11-0 >/dev/null
  else
    echo "Lưu ý: thiếu thư viện xcb của Qt để mở cửa sổ trên màn hình (gói libxcb-cursor0," \
      "libxcb-icccm4, libxcb-keysyms1, libxkbcommon-x11-0); chạy lại lệnh này bằng quyền root." >&2
  fi
fi

# Forms are set in Times New Roman (Decree 30/2020); where it is missing, a serif with the
# same metrics and every Vietnamese letter: Liberation Serif 2.x. Debian 12 and Ubuntu 22.04
# ship it as fonts-liberation2 (their fonts-liberation is 1.x, without Vietnamese); later
# releases as fonts-liberation. Installed only when the program finds no such serif.
serif_found() {
  .venv/bin/python -c 'import sys; from counter_app.printing.fonts import font_in_use
sys.exit(not font_in_use().serif)' 2>/dev/null
}
if ! serif_found; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    fonts=fonts-liberation2
    apt-cache show "$fonts" >/dev/null 2>&1 || fonts=fonts-liberation
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$fonts" >/dev/null
  fi
  serif_found || echo "Lưu ý: máy không có phông Times New Roman hay Liberation Serif 2; các" \
    "mẫu sẽ in bằng phông không chân. Hãy cài gói fonts-liberation2 (hoặc đặt COUNTER_APP_FONT)." >&2
fi

# The tests start a throwaway PostgreSQL 15+ of their own (tests/pg.py): install the
# server when missing. No cluster of the package's own is created or started.
if [ "${1:-}" = "--test" ] && ! .venv/bin/python -c \
    'from tests.pg import find_bindir; find_bindir()' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/counter-app.conf
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "Thiếu PostgreSQL 15+ (initdb, pg_ctl) cho các bài kiểm thử: cài gói 'postgresql'" \
      "hoặc đặt COUNTER_APP_PG_BINDIR." >&2
  fi
fi

# The province's cluster (issue 24): the failover test (tests/cluster.py) runs Patroni with
# one etcd member of its own on free ports. Debian's `patroni` and `etcd-server`, with the
# etcd client Patroni needs (python3-etcd); installed only when missing. Their own system
# services are neither started (a policy-rc.d of ours for the install, when there is none)
# nor left enabled: nothing listens on etcd's port 2379 because of the tests.
if [ "$mode" = test ] && [ "$(uname -s)" = Linux ] && ! { command -v patroni && command -v etcd \
    && /usr/bin/python3 -c 'import etcd'; } >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    own_policy="" failed=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      own_policy=1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq patroni etcd-server python3-etcd \
      >/dev/null || failed=1
    [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
    if command -v systemctl >/dev/null; then
      systemctl disable --now etcd.service patroni.service >/dev/null 2>&1 || true
    fi
    [ -z "$failed" ] || exit 1
  else
    echo "Lưu ý: thiếu Patroni và etcd cho bài kiểm thử chuyển đổi dự phòng (gói patroni," \
      "etcd-server, python3-etcd); chạy lại lệnh này bằng quyền root hoặc cài bằng apt-get." >&2
  fi
fi

# The failover drill (bench/cluster_drill.py) fences a leader: Debian 12's Patroni 3.0.2 lets
# the fenced one take its key back when let go (fixed in 3.0.3), so the drill runs a pinned
# Patroni from its own virtualenv under /opt/patroni (made with the system's Python, which
# the tests' `counterapp-pg` user can run). CI's failover test keeps Debian's. Not fatal:
# without it the drill says to install it.
PATRONI_PIN="patroni[etcd3,psycopg3]==4.1.5"
if [ "$mode" = test ] && [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ] \
    && ! /opt/patroni/bin/patroni --version 2>/dev/null | grep -qx "patroni 4.1.5"; then
  if ! { /usr/bin/python3 -m venv /opt/patroni && /opt/patroni/bin/pip install -q \
      --disable-pip-version-check "$PATRONI_PIN"; } >/dev/null 2>&1; then
    echo "Lưu ý: không cài được Patroni 4.1.5 cho bài diễn tập (bench/cluster_drill.py) vào" \
      "/opt/patroni; bài kiểm thử chuyển đổi dự phòng vẫn dùng Patroni của Debian." >&2
  fi
fi

# Scanners (issue 20): SANE's scanimage on the desk; the tests also scan from its `test`
# backend and sign with a SoftHSM2 token (PKCS#11). Installed only when missing.
if [ "$(uname -s)" = Linux ]; then
  needed=""
  command -v scanimage >/dev/null || needed="sane-utils"
  if [ "$mode" = test ] && ! command -v softhsm2-util >/dev/null; then
    needed="$needed softhsm2"
  fi
  if [ -n "$needed" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq
      # shellcheck disable=SC2086 # two package names, split on purpose
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $needed >/dev/null
    else
      echo "Lưu ý: thiếu gói $needed (máy quét SANE; token thử SoftHSM2 cho kiểm thử);" \
        "chạy lại lệnh này bằng quyền root hoặc cài bằng apt-get." >&2
    fi
  fi
fi

# The hall (issue 22): calls spoken by eSpeak NG's Vietnamese voice and played by ALSA's
# aplay (paplay, where PulseAudio or PipeWire runs, does as well); a USB ticket printer
# reached through libusb when it is not a /dev/usb/lp device. Installed only when missing.
if [ "$(uname -s)" = Linux ]; then
  needed=""
  command -v espeak-ng >/dev/null || needed="espeak-ng"
  command -v aplay >/dev/null || command -v paplay >/dev/null || needed="$needed alsa-utils"
  ldconfig -p 2>/dev/null | grep -q 'libusb-1\.0\.so\.0' || needed="$needed libusb-1.0-0"
  if [ -n "$needed" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq
      # shellcheck disable=SC2086 # package names, split on purpose
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $needed >/dev/null
    else
      echo "Lưu ý: thiếu gói $needed (giọng đọc tiếng Việt espeak-ng, chương trình phát" \
        "âm thanh aplay, thư viện libusb cho máy in vé USB); chạy lại lệnh này bằng quyền" \
        "root hoặc cài bằng apt-get. Thiếu giọng đọc, màn hình gọi số báo 'loa tắt'." >&2
    fi
  fi
fi

# The Windows kit (issue 25, docs/install-windows.md): its test compiles the installer with
# NSIS's makensis (Debian's nsis). Installed only when missing.
if [ "$mode" = test ] && ! command -v makensis >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis >/dev/null
  else
    echo "Lưu ý: thiếu makensis (gói nsis) cho bài kiểm thử bộ cài Windows; chạy lại lệnh" \
      "này bằng quyền root hoặc cài bằng apt-get." >&2
  fi
fi

# The desk's translations (resources/translations/*.ts → .qm), built from their sources.
for ts in resources/translations/*.ts; do
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done

# Everything above succeeded: the next run with the same inputs has nothing to do.
echo "$(inputs_hash) $mode" > "$stamp"
