"""Files only the desk's OS user may read, written so that a crash never leaves a half
file under its final name: a temporary name beside it, fsync, rename, fsync the folder."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from counter_app import out_files, private

FOLDER_MODE = 0o700
FILE_MODE = 0o600
PART = ".part"  # suffix of a file being written; never read as a copy
CHUNK = 1 << 20


def private_folder(path: Path) -> Path:
    """Create `path` readable by its owner only, or narrow it if it exists (private.py:
    a POSIX mode, a Windows access list that the copies written in it inherit)."""
    return private.make_folder(path)


def part_name(final: Path) -> Path:
    """A temporary name beside `final`, unique to this process and moment."""
    return final.with_name(f".{final.name}.{os.getpid()}-{time.monotonic_ns()}{PART}")


@contextmanager
def new_private_file(final: Path) -> Iterator[Path]:
    """Yields a fresh 0600 temporary path beside `final`; removes it (and SQLite's
    journals of it) if the block fails; the block renames it with `publish`."""
    part = part_name(final)
    os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    try:
        yield part
    finally:
        for leftover in (part, Path(f"{part}-journal"), Path(f"{part}-wal"), Path(f"{part}-shm")):
            leftover.unlink(missing_ok=True)


def publish(part: Path, final: Path) -> None:
    """Make the finished `part` durable and visible as `final` in one rename."""
    private.make_private(part)  # -o FILE may be in a folder open to others
    out_files.checked(final)  # still not a device, a FIFO or a socket at the last moment
    fd = os.open(part, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(part, final)
    sync_folder(final.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json(final: Path, data: dict[str, Any]) -> None:
    with new_private_file(final) as part:
        part.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        publish(part, final)


def sha256(path: Path, on_bytes: Callable[[int, int], None] | None = None) -> str:
    """The file's SHA-256 in hex, reporting (bytes read, size) as it goes."""
    digest, size, done = hashlib.sha256(), path.stat().st_size, 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if on_bytes:
                on_bytes(done, size)
    return digest.hexdigest()
