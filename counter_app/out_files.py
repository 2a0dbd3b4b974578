"""Where a `-o FILE` may be written, and writing it so that a crash never leaves half a file.

One rule for every file the program writes on request (`print -o`, `report bieu06 -o`,
`backup -o`, `catalog export -o`, the dashboard's export): a regular file (replaced) or a
new name in a folder that exists. A folder, a device (/dev/null, a disk), a FIFO or a
socket is refused before anything is done, and checked again just before the rename. A
symbolic link is looked through for that check, and then the link itself is replaced by
the new file: what it pointed to, wherever it is, is never written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from counter_app.errors import ValidationError


def checked(value: str | Path, hint: str = "một tên tệp", field: str = "output") -> Path:
    """`value` as a path that may be written, or ValidationError (nothing written)."""
    text = str(value)
    if not text.strip():
        raise ValidationError(f"-o cần một tên tệp; hãy cho {hint}.", field)
    path = Path(text)
    try:
        mode: int | None = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:  # a file taken as a folder, a loop of links, no permission
        raise ValidationError(f"Không ghi được '{text}': {error.strerror}.", field) from None
    if mode is not None and not stat.S_ISREG(mode):
        what = (
            "một thư mục"
            if stat.S_ISDIR(mode)
            else "không phải tệp thường (thiết bị, ống hoặc socket)"
        )
        raise ValidationError(f"Không ghi vào '{text}': đó là {what}; hãy cho {hint}.", field)
    if text.endswith(("/", os.sep)):
        raise ValidationError(f"Không ghi vào '{text}': đó là tên thư mục; hãy cho {hint}.", field)
    folder = path.absolute().parent
    if not folder.is_dir():
        raise ValidationError(f"Thư mục '{folder}' không tồn tại.", field)
    return path


def replace(path: Path, data: bytes, hint: str = "một tên tệp") -> None:
    """Write `data` beside `path`, flush it to disk and rename it over `path` (checked
    again at the last moment), then make the rename durable."""
    folder = path.absolute().parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
    except OSError as error:  # a folder this user may not write in: nothing was written
        raise ValidationError(
            f"Không ghi được vào thư mục '{folder}': {error.strerror}.", "output"
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        checked(path, hint)  # still not a folder or a device at the last moment
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
