"""Every `-o` follows one rule (issue 17, item 11): a regular file or a new name in a folder
that exists; a device, a FIFO, a socket (or a link to one) is refused with exit 2 and left
as it was, and a link to a file elsewhere is replaced, never written through."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.integration.test_cli import Desk
from tests.integration.test_cli import desk as desk  # noqa: F401 - the fixture

# command -> (suffix of the file it writes, its arguments before -o)
COMMANDS: dict[str, tuple[str, Callable[[Desk], tuple[str, ...]]]] = {
    "print": (".pdf", lambda d: ("print", "receipt", d.receive()["code"])),
    "report bieu06 xlsx": (".xlsx", lambda d: ("report", "bieu06", "--period", "2026-Q1")),
    "report bieu06 pdf": (".pdf", lambda d: ("report", "bieu06", "--period", "2026-Q1")),
    "backup": (".db", lambda d: ("backup",)),
    "catalog export": (".json", lambda d: ("catalog", "export")),
}


def _device(tmp: Path, suffix: str, keep: ExitStack) -> Path:
    node = tmp / f"null{suffix}"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    return node


def _fifo(tmp: Path, suffix: str, keep: ExitStack) -> Path:
    path = tmp / f"pipe{suffix}"
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a writer would not wait forever
    keep.callback(os.close, reader)
    return path


def _socket(tmp: Path, suffix: str, keep: ExitStack) -> Path:
    path = tmp / f"sock{suffix}"
    server = keep.enter_context(socket.socket(socket.AF_UNIX))
    server.bind(str(path))
    return path


def _link_to(
    make: Callable[[Path, str, ExitStack], Path],
) -> Callable[[Path, str, ExitStack], Path]:
    def link(tmp: Path, suffix: str, keep: ExitStack) -> Path:
        (tmp / f"link{suffix}").symlink_to(make(tmp, suffix, keep))
        return tmp / f"link{suffix}"

    return link


def _file_as_folder(tmp: Path, suffix: str, keep: ExitStack) -> Path:
    (tmp / "plain").write_bytes(b"x")
    return tmp / "plain" / f"out{suffix}"


BAD: dict[str, Callable[[Path, str, ExitStack], Path]] = {
    "a character device": _device,
    "a FIFO": _fifo,
    "a socket": _socket,
    "a link to a character device": _link_to(_device),
    "a link to a FIFO": _link_to(_fifo),
    "a file taken as a folder": _file_as_folder,
    "a folder that does not exist": lambda tmp, suffix, keep: tmp / "missing" / f"o{suffix}",
}


@pytest.fixture
def keep() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack


def _kind(path: Path) -> int | None:
    return stat.S_IFMT(os.stat(path).st_mode) if os.path.exists(path) else None


@pytest.mark.parametrize("bad", list(BAD))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_output_refuses_what_is_not_a_file(desk, keep, command, bad):
    suffix, args = COMMANDS[command]
    arguments = args(desk)
    target = BAD[bad](desk.tmp, suffix, keep)
    kind, before = _kind(target), desk.written()
    status, out, err = desk.run(*arguments, "-o", str(target))
    assert (status, out) == (2, ""), err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert desk.written() == before
    assert _kind(target) == kind  # a device stays a device, a FIFO a FIFO
    assert not list(desk.tmp.rglob("*.part"))


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_link_to_a_file_elsewhere_is_replaced_not_written_through(
    desk, tmp_path_factory, command
):
    suffix, args = COMMANDS[command]
    elsewhere = tmp_path_factory.mktemp("elsewhere") / f"kept{suffix}"
    elsewhere.write_bytes(b"not to be touched")
    link = desk.tmp / f"link{suffix}"
    link.symlink_to(elsewhere)
    status, _, err = desk.run(*args(desk), "-o", str(link))
    assert status == 0, err
    assert elsewhere.read_bytes() == b"not to be touched"
    assert not link.is_symlink() and link.stat().st_size > 0
