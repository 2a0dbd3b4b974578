"""Files and folders for the desk's user alone (issue 25 item 3): POSIX modes here, the
Windows access list built and checked by injecting the platform and icacls."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from counter_app.private import NotPrivate, make_folder, make_private

HOA = {"USERNAME": "Nguyễn Thị Hoà", "USERDOMAIN": "UBND-XA"}


class Icacls:
    """Stands in for icacls.exe: records each argument list, answers `returncode`."""

    def __init__(self, returncode: int = 0, said: bytes = b"") -> None:
        self.calls: list[list[str]] = []
        self.returncode, self.said = returncode, said

    def __call__(self, command: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
        self.calls.append(list(command))
        return subprocess.CompletedProcess(command, self.returncode, b"", self.said)


def on_windows(icacls: Icacls, environ=HOA, acls: bool = True):  # type: ignore[no-untyped-def]
    return {"windows": True, "environ": environ, "run": icacls, "keeps_acls": lambda _: acls}


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_folder_on_windows_is_the_users_and_systems_alone_inherited(tmp_path):
    icacls = Icacls()
    made = make_folder(tmp_path / "dữ liệu" / "backups", **on_windows(icacls))
    assert made.is_dir()
    assert icacls.calls == [
        [
            "icacls",
            str(made),
            "/inheritance:r",
            "/grant:r",
            "UBND-XA\\Nguyễn Thị Hoà:(OI)(CI)F",  # the whole name, one argument
            "*S-1-5-18:(OI)(CI)F",
            "/Q",
        ]
    ]


def test_a_file_on_windows_gets_full_control_without_inheritance(tmp_path):
    icacls, file = Icacls(), tmp_path / "counter.db"
    file.write_bytes(b"")
    make_private(file, **on_windows(icacls, {"USERNAME": "Nguyễn Thị Hoà"}))
    assert icacls.calls == [
        ["icacls", str(file), "/inheritance:r", "/grant:r", "Nguyễn Thị Hoà:F", "*S-1-5-18:F", "/Q"]
    ]


def test_icacls_failing_is_told_in_vietnamese(tmp_path):
    icacls = Icacls(5, b"counter.db: Access is denied.\r\nSuccessfully processed 0 files;\r\n")
    with pytest.raises(NotPrivate) as told:
        make_private(tmp_path, folder=True, **on_windows(icacls))
    message = str(told.value)
    assert "Không giới hạn được quyền đọc thư mục" in message and "mã 5" in message
    assert "Nguyễn" not in message  # the account's name is nobody else's business


def test_no_icacls_at_all_is_told_too(tmp_path):
    def missing(command: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
        raise FileNotFoundError(2, "The system cannot find the file specified")

    with pytest.raises(NotPrivate, match="không chạy được icacls"):
        make_private(tmp_path, folder=True, windows=True, environ=HOA, run=missing)


def test_without_a_user_name_nothing_is_granted_blindly(tmp_path):
    icacls = Icacls()
    with pytest.raises(NotPrivate, match="USERNAME"):
        make_private(tmp_path, folder=True, **on_windows(icacls, {}))
    assert icacls.calls == []


def test_a_volume_without_access_lists_is_left_as_chmod_leaves_fat(tmp_path):
    icacls = Icacls(1)
    make_private(tmp_path, folder=True, **on_windows(icacls, acls=False))
    assert icacls.calls == []


def test_posix_modes_as_before(tmp_path):
    folder = tmp_path / "a" / "b"
    folder.parent.mkdir(mode=0o755)
    make_folder(folder)
    (file := folder / "x").write_text("x")
    file.chmod(0o644)
    icacls = Icacls()
    make_private(file, windows=False, run=icacls)
    assert (mode(folder), mode(file), icacls.calls) == (0o700, 0o600, [])
