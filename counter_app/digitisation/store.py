"""Content-addressed documents beside the desk's database: `<db folder>/documents/<first two
hex>/<sha256>.pdf`, folders 0700, files 0600 (they hold personal data; the hash names them).

A file is written under a temporary name in its own folder, flushed to disk, renamed, and
the folder flushed: under its final name a file is always whole. The same content twice is
one file. A file no event names (a crash between the file and its event's commit) is
removed by `sweep`, which the desk runs when it starts its services and the command line
before `digitise`; only files older than `SWEEP_AFTER_S`, so that a document another
process is storing at that moment (its file written, its event not yet committed) stays.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from counter_app import private
from counter_app.digitisation.errors import DigitisationError, DocumentDamaged
from counter_app.errors import ConfigurationError, CounterError

FOLDER = "documents"
FOLDER_MODE, FILE_MODE = 0o700, 0o600
SUFFIX = ".pdf"
PART = ".part"
SWEEP_AFTER_S = 600
HEX64 = re.compile(r"[0-9a-f]{64}")
CRASH_AT = "COUNTER_APP_CRASH_AT"  # tests: the named point where the process dies


def crash_point(name: str) -> None:
    """Die here, as a power cut would, when the tests ask for it (never otherwise)."""
    if os.environ.get(CRASH_AT) == name:
        os._exit(137)


class DiskFull(CounterError):
    """The disk filled while a document was written: nothing was kept of it."""


def root_of(db_url: str) -> Path:
    """The documents folder of the desk whose database is `db_url` (an SQLite file)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(db_url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        raise ConfigurationError(
            "Số hóa cần cơ sở dữ liệu SQLite của bàn: tệp giấy tờ được lưu cạnh tệp đó."
        )
    return Path(str(parsed.database)).absolute().parent / FOLDER


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def checked_hash(value: str) -> str:
    text = value.strip().lower()
    if not HEX64.fullmatch(text):
        raise DigitisationError("SHA-256 phải là 64 chữ số thập lục phân.")
    return text


class Store:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / f"{sha}{SUFFIX}"

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put(self, data: bytes) -> str:
        """Store `data` durably and return its SHA-256; a file already there with these
        bytes is kept as it is (one file however often it is stored)."""
        sha = sha256_of(data)
        final = self.path(sha)
        if final.is_file() and self.verify(sha):
            return sha
        folder = self._folder(final.parent)
        part = folder / f".{sha}.{os.getpid()}-{time.monotonic_ns()}{PART}"
        try:
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            crash_point("part-written")
            os.replace(part, final)
            _sync_folder(folder)
        except OSError as error:
            part.unlink(missing_ok=True)
            if error.errno in (errno.ENOSPC, errno.EDQUOT):
                raise DiskFull(
                    f"Ổ đĩa đầy: không lưu được giấy tờ vào {self.root}; chưa ghi gì. "
                    "Hãy giải phóng chỗ trống rồi làm lại."
                ) from None
            raise
        crash_point("file-stored")
        return sha

    def read(self, sha: str) -> bytes:
        """The stored bytes, proved by their hash; DocumentDamaged if missing or changed."""
        try:
            data = self.path(sha).read_bytes()
        except FileNotFoundError:
            raise DocumentDamaged(f"Không có tệp giấy tờ {sha} trên bàn này.") from None
        if sha256_of(data) != sha:
            raise DocumentDamaged(
                f"Tệp giấy tờ {sha} đã bị thay đổi (mã SHA-256 không khớp): không dùng được; "
                "hãy khôi phục từ bản sao lưu."
            )
        return data

    def verify(self, sha: str) -> bool:
        """Whether the file is there and its bytes still give `sha`."""
        digest = hashlib.sha256()
        try:
            with self.path(sha).open("rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
        except OSError:
            return False
        return digest.hexdigest() == sha

    def stored(self) -> Iterator[str]:
        """The hashes of every file held (temporary files left out)."""
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir() and len(sub.name) == 2:
                for file in sorted(sub.glob(f"*{SUFFIX}")):
                    if HEX64.fullmatch(file.stem) and file.stem.startswith(sub.name):
                        yield file.stem

    def sweep(self, named: Iterable[str], older_than_s: float = SWEEP_AFTER_S) -> list[str]:
        """Remove the files no event names and the leftovers of interrupted writes, both
        only when older than `older_than_s`; the hashes removed."""
        if not self.root.is_dir():
            return []
        keep, limit, removed = set(named), time.time() - older_than_s, []
        for sub in self.root.iterdir():
            if not sub.is_dir():
                continue
            for file in sub.iterdir():
                sha = file.stem
                orphan = file.name.endswith(PART) or (
                    file.suffix == SUFFIX and HEX64.fullmatch(sha) and sha not in keep
                )
                if orphan and _mtime(file) < limit:
                    file.unlink(missing_ok=True)
                    if not file.name.endswith(PART):
                        removed.append(sha)
        return removed

    def _folder(self, folder: Path) -> Path:
        if not self.root.is_dir():
            self.root.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            private.make_private(self.root, folder=True)
            _sync_folder(self.root.parent)
        if not folder.is_dir():
            folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
            private.make_private(folder, folder=True)
            _sync_folder(self.root)
        return folder


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
