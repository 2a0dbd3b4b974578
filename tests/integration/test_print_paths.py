"""`print … -o PATH` writes only a regular file or a new one, and records the print only
once its file is there (issue 9, item 6)."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.integration.test_cli import Desk
from tests.integration.test_cli import desk as desk  # noqa: F401 - the fixture


def _char_device(tmp: Path) -> Path:
    """A device node like /dev/null made in the test's folder (root can); /dev/null
    itself otherwise, which the test then checks is still a device."""
    node = tmp / "null-device"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return Path(os.devnull)
    return node


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe")
    return tmp / "pipe"


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def _symlink(tmp: Path, to: Path) -> Path:
    (tmp / "link.pdf").symlink_to(to)
    return tmp / "link.pdf"


def _file_as_folder(tmp: Path) -> Path:
    (tmp / "plain.pdf").write_bytes(b"x")
    return tmp / "plain.pdf" / "form.pdf"


BAD_PATHS: dict[str, Callable[[Path], Path | str]] = {
    "a folder": lambda tmp: tmp,
    "a folder with a slash": lambda tmp: f"{tmp}/",
    "the current folder": lambda tmp: ".",
    "an empty name": lambda tmp: "",
    "a character device": _char_device,
    "/dev/null": lambda tmp: os.devnull,
    "a link to a character device": lambda tmp: _symlink(tmp, _char_device(tmp)),
    "a link to a folder": lambda tmp: _symlink(tmp, tmp),
    "a FIFO": _fifo,
    "a folder that does not exist": lambda tmp: tmp / "missing" / "form.pdf",
    "a file taken as a folder": _file_as_folder,
}


def _kind(path: Path) -> int:
    return stat.S_IFMT(os.stat(path).st_mode)


def _refused(desk: Desk, target: str) -> None:
    code = desk.receive()["code"]
    before = desk.written()
    kind = _kind(Path(target)) if target and os.path.exists(target) else None
    status, out, err = desk.run("print", "receipt", code, "-o", target)
    assert (status, out) == (2, ""), err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert desk.written() == before  # no `printed` event
    assert not [p for p in desk.tmp.rglob("*.part")]
    if kind is not None:  # a device stays a device, a folder a folder
        assert _kind(Path(target)) == kind


@pytest.mark.parametrize("bad", list(BAD_PATHS))
def test_print_to_a_path_that_is_not_a_file_is_refused(desk, bad, monkeypatch):
    monkeypatch.chdir(desk.tmp)
    _refused(desk, str(BAD_PATHS[bad](desk.tmp)))


def test_print_to_a_socket_is_refused(desk, unix_socket):
    _refused(desk, str(unix_socket))


def test_a_print_whose_file_was_not_written_is_not_recorded(desk, monkeypatch):
    code = desk.receive()["code"]
    before = desk.written()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    status, _, err = desk.run("print", "receipt", code, "-o", str(desk.tmp / "r.pdf"))
    assert status == 1 and err.startswith("error: ")
    assert desk.written() == before and not (desk.tmp / "r.pdf").exists()


@pytest.mark.parametrize(
    "form,args,name",
    [
        ("receipt", (), "Giấy tiếp nhận và hẹn trả"),
        ("control-sheet", (), "Phiếu kiểm soát"),
        ("register", ("--from", "2026-02-13", "--to", "2026-02-13"), "Sổ theo dõi hồ sơ"),
    ],
)
def test_the_confirmation_names_the_form_in_vietnamese(desk, form, args, name):
    code = desk.receive()["code"]
    out_file = desk.tmp / "f.pdf"
    status, out, err = desk.run("print", form, *(args or (code,)), "-o", str(out_file))
    assert status == 0, err
    assert out.strip() == f"Đã in {name} ra {out_file}."


def test_an_existing_regular_file_is_replaced(desk):
    code = desk.receive()["code"]
    target = desk.tmp / "old.pdf"
    target.write_bytes(b"old")
    assert desk.run("print", "receipt", code, "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_a_folder_the_user_may_not_write_in_is_refused(desk, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):  # what a folder without write permission answers
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    _refused(desk, str(desk.tmp / "r.pdf"))
