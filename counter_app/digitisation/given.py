"""Files the officer points at, read in a worker: the files chosen in a dialog, and the
newest file of the copier's "scan to folder" directory not taken yet. Messages name a
file by its place ("Tệp thứ 2"), never by its name (it may carry a citizen's name)."""

from __future__ import annotations

from pathlib import Path

from counter_app.digitisation import checks
from counter_app.digitisation.errors import DigitisationError

SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pnm", ".pbm", ".pgm", ".ppm")


def read_files(paths: list[str]) -> tuple[bytes, ...]:
    return tuple(_read(Path(p), n) for n, p in enumerate(paths, 1))


def _read(path: Path, n: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > checks.MAX_BYTES:
            raise DigitisationError(
                f"{checks.which(n)} dài {size / 1e6:.0f} MB: tối đa "
                f"{checks.MAX_BYTES // 1_000_000} MB."
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise DigitisationError(f"{checks.which(n)} là một thư mục, không phải tệp.") from None
    except OSError as error:
        raise DigitisationError(
            f"Không đọc được {checks.which(n).lower()}: {error.strerror}."
        ) from None


def newest(folder: str, taken: set[tuple[str, int]]) -> tuple[tuple[str, int], bytes]:
    """The newest PDF or image of `folder` not in `taken` ((path, mtime_ns) pairs), with its
    key and bytes."""
    where = Path(folder)
    if not where.is_dir():
        raise DigitisationError(
            "Không mở được thư mục máy quét đã đặt: kiểm tra ổ mạng hoặc đường dẫn trong Cài đặt."
        )
    found: list[tuple[int, str]] = []
    for path in where.iterdir():
        if path.suffix.lower() in SUFFIXES and path.is_file() and not path.name.startswith("."):
            try:
                found.append((path.stat().st_mtime_ns, str(path)))
            except OSError:
                continue
    for mtime, name in sorted(found, reverse=True):
        if (name, mtime) not in taken:
            return (name, mtime), _read(Path(name), 1)
    raise DigitisationError(
        "Thư mục máy quét chưa có tệp mới: quét giấy tờ trên máy photocopy rồi bấm lại."
    )
