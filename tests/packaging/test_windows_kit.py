"""The offline Windows kit (scripts/build-windows-kit.sh, docs/install-windows.md), built
here on Linux as CI builds it: its wheels are for CPython 3.12 on 64-bit Windows, each one
pinned with its hash, the kit resolves for Windows from itself alone, install.ps1 keeps its
BOM, and makensis compiles the installer.

The Python runtime is the agency's input (python.org's embeddable zip), which no test can
fetch: a STAND-IN zip, named as the real one is, takes its place in kit/python/ so that the
installer that packs it compiles. install.ps1 itself runs on Windows only: what remains to
be tried there is listed in docs/install-windows.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("processes")]

ROOT = Path(__file__).resolve().parents[2]
PYTHON = "3.12"
BOM = b"\xef\xbb\xbf"
SETUP_HINT = "chạy `bash scripts/setup.sh --test` bằng quyền root (gói Debian nsis)"


def stand_in_runtime(folder: Path) -> Path:
    """Not Python: a zip named as python.org names its embeddable runtime, for makensis to
    pack where the agency's real one goes."""
    zip_path = folder / f"python-{PYTHON}.0-embed-amd64.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("STAND-IN.txt", "stand-in for python.org's embeddable zip (tests)")
    return zip_path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    if shutil.which("makensis") is None:
        pytest.fail(f"Không tìm thấy makensis: {SETUP_HINT}.")
    out = tmp_path_factory.mktemp("windows-kit")
    runtime = stand_in_runtime(tmp_path_factory.mktemp("stand-in"))
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(ROOT / "scripts/build-windows-kit.sh"), str(out / "dist"),
         "--python", PYTHON, "--python-zip", str(runtime)],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True, text=True, check=False, timeout=1500,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    print(f"kit built in {time.monotonic() - started:.0f} s: {done.stderr.strip()[-300:]}")
    return out / "dist"


def requirements(kit: Path) -> dict[str, tuple[str, str]]:
    """name → (version, sha256) of requirements-windows.txt."""
    text = (kit / "requirements-windows.txt").read_text(encoding="utf-8")
    pinned = re.findall(r"^(\S+)==(\S+) \\\n\s+--hash=sha256:([0-9a-f]{64})$", text, re.M)
    return {name: (version, digest) for name, version, digest in pinned}


def alone() -> dict[str, str]:
    """pip with no configuration of this machine: no other index, no other folder of wheels
    (a PIP_FIND_LINKS would be read besides --no-index)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull}


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_wheel_is_for_windows_and_pinned_with_its_hash(built):
    kit = built / "kit"
    pinned = requirements(kit)
    wheels = sorted((kit / "wheels").glob("*.whl"))
    assert len(wheels) == len(pinned) > 40
    for wheel in wheels:
        name, version, *_rest, platform = wheel.name[: -len(".whl")].split("-")
        assert platform in ("win_amd64", "any"), wheel.name
        assert pinned[normal(name)][0] == version, wheel.name
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        assert pinned[normal(name)][1] == digest, wheel.name
    # what Windows alone needs, which pip on Linux reads as not needed; font-roboto has no
    # wheel on the index, the build makes one
    assert {"counter-app", "pip", "pywin32", "comtypes", "tzdata", "colorama"} <= set(pinned)
    assert "font-roboto" in pinned


def test_the_kit_carries_the_resources_the_program_wheel_lacks(built):
    """install.ps1 puts them into site-packages\\resources, where counter_app looks."""
    resources = built / "kit" / "resources"
    assert sorted(p.name for p in (resources / "translations").glob("*.qm")) == [
        "counter_app_en.qm",
        "qt_vi.qm",
    ]
    assert (resources / "help" / "desk_vi.html").is_file()
    assert list((resources / "catalog").glob("*.json"))


def test_the_kit_resolves_for_windows_from_itself_alone(built, tmp_path):
    kit = built / "kit"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
         "--no-index", "--find-links", str(kit / "wheels"), "--require-hashes",
         "-r", str(kit / "requirements-windows.txt"), "--platform", "win_amd64",
         "--python-version", PYTHON, "--implementation", "cp", "--only-binary=:all:",
         "--target", str(tmp_path / "x")],
        capture_output=True, text=True, check=False,
        env=alone(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    would = done.stdout.rsplit("Would install", 1)[1].split()
    assert len(would) == len(requirements(kit))
    assert any(w.startswith("counter-app-") for w in would)


def test_a_windows_only_dependency_missing_from_the_kit_stops_the_build(built, tmp_path):
    """The walk with Windows markers (kit_wheels.py) is what catches it: pip on Linux
    does not, its dry-run above reads `sys_platform == "win32"` as false."""
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for wheel in (built / "kit" / "wheels").glob("*.whl"):
        if not wheel.name.startswith("tzdata-"):
            (wheels / wheel.name).symlink_to(wheel)
    pinned = requirements(built / "kit")
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging/windows/kit_wheels.py"), "requirements",
         "--pyproject", str(ROOT / "pyproject.toml"), "--python", PYTHON,
         "--extra", f"counter-app=={pinned['counter-app'][0]}",
         "--extra", f"pip=={pinned['pip'][0]}",
         "--wheels", str(wheels), "--out", str(tmp_path / "r.txt")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "tzdata" in done.stderr, done.stderr
    assert not (tmp_path / "r.txt").exists()


def test_install_ps1_and_the_nsis_script_keep_their_bom(built):
    for path in (
        built / "kit" / "install.ps1",
        ROOT / "packaging/windows/install.ps1",
        ROOT / "packaging/windows/counter-app.nsi",
    ):
        data = path.read_bytes()
        assert data.startswith(BOM), path
        assert "không thành công" in data[len(BOM) :].decode("utf-8").lower(), path


def test_the_installer_compiles_with_the_runtime_where_the_agency_puts_it(built):
    assert [p.name for p in (built / "kit" / "python").glob("*.zip")] == [
        f"python-{PYTHON}.0-embed-amd64.zip"
    ]
    setup = built / "counter-app-setup.exe"
    with setup.open("rb") as file:
        assert file.read(2) == b"MZ"
    # it carries the kit: at least as large as its wheels, compressed as they already are
    wheels = sum(w.stat().st_size for w in (built / "kit" / "wheels").glob("*.whl"))
    assert setup.stat().st_size > 0.8 * wheels
