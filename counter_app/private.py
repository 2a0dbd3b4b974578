"""Files and folders for the desk's own user alone: the record holds names, ID numbers
and phones, and so do its copies, documents and settings.

On POSIX: mode 0600 for a file, 0700 for a folder. On Windows, where a mode means nothing
(os.chmod only sets the read-only flag), an access list: inheritance removed (the rights
given by the parent folder, e.g. to every user of the PC, go), full control granted to
the current user, and to SYSTEM: the operating system itself (services, the indexer,
the antivirus, Windows' own backup) reads everything anyway, with or without an entry,
and refusing it only breaks them. The Administrators group gets nothing: on a commune's
shared PC every officer's account is often an administrator, and a citizen's record
must not open with a double click from another account; the IT person who must reach
it can still take ownership, a deliberate act Windows records. A folder's entry is
inherited by what is created in it later ((OI)(CI)), so SQLite's -wal and -shm files,
and each copy written in the backup folder, are private as soon as they exist.

`icacls` is given its arguments as a list (no shell, no quoting): a user called
"Nguyễn Thị Hoà" is one argument, passed as Unicode. A volume that keeps no access lists
(a FAT32 or exFAT USB stick) is left as it is, as chmod does on such a disk; any other
failure of icacls is `NotPrivate`, a message in Vietnamese: nothing is left readable by
others without saying so.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.errors import ConfigurationError

if TYPE_CHECKING:  # subprocess is loaded only where icacls runs: not on the start's path
    import subprocess

FILE_MODE, FOLDER_MODE = 0o600, 0o700
SYSTEM_SID = "*S-1-5-18"  # LocalSystem, by its SID: the same on every language of Windows
FILE_PERSISTENT_ACLS = 0x8  # GetVolumeInformation's flag: the volume keeps access lists

Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[bytes]"]


class NotPrivate(ConfigurationError):
    """A file or folder of the desk could not be made readable by its user alone."""


def make_folder(path: Path, **how: object) -> Path:
    """`path` created (with its parents) if missing, then made private; returned."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    make_private(path, folder=True, **how)  # type: ignore[arg-type]
    return path


def make_private(
    path: Path,
    folder: bool = False,
    *,
    windows: bool | None = None,
    environ: Mapping[str, str] = os.environ,
    run: Runner | None = None,
    keeps_acls: Callable[[Path], bool] | None = None,
) -> None:
    """Make the existing `path` (a file, or a `folder`) readable by this user alone.
    `windows`, `environ`, `run` and `keeps_acls`: the platform's own unless a test says."""
    if not (os.name == "nt" if windows is None else windows):
        os.chmod(path, FOLDER_MODE if folder else FILE_MODE)
        return
    if not (keeps_acls or _keeps_acls)(path):
        return
    command = icacls_command(path, folder, current_user(environ))
    try:
        done = (run or _run)(command)
    except OSError as error:  # no icacls.exe (a damaged Windows): said, not ignored
        reason = f"không chạy được icacls ({error.strerror})"
        raise NotPrivate(_told(path, folder, reason)) from None
    if done.returncode != 0:
        said = _last_line(done.stderr or done.stdout)
        raise NotPrivate(_told(path, folder, f"icacls trả về mã {done.returncode}: {said}"))


def icacls_command(path: Path, folder: bool, user: str) -> list[str]:
    """icacls PATH /inheritance:r /grant:r USER:(OI)(CI)F *S-1-5-18:(OI)(CI)F (a
    folder; `:F` for a file): the only entries left are the user's and SYSTEM's."""
    rights = "(OI)(CI)F" if folder else "F"
    return [
        "icacls",
        str(path),
        "/inheritance:r",
        "/grant:r",
        f"{user}:{rights}",
        f"{SYSTEM_SID}:{rights}",
        "/Q",
    ]


def current_user(environ: Mapping[str, str] = os.environ) -> str:
    """DOMAIN\\user of the account running the desk (the PC's name for a local one)."""
    user = environ.get("USERNAME", "").strip()
    if not user:
        raise NotPrivate(
            "Không biết tài khoản Windows đang chạy chương trình (thiếu biến USERNAME): "
            "không giới hạn được quyền đọc dữ liệu cho riêng tài khoản này."
        )
    domain = environ.get("USERDOMAIN", "").strip()
    return f"{domain}\\{user}" if domain else user


def _told(path: Path, folder: bool, reason: str) -> str:
    what = "thư mục" if folder else "tệp"
    return (
        f"Không giới hạn được quyền đọc {what} '{path}' cho riêng tài khoản Windows này "
        f"({reason}). Dữ liệu của công dân không được để tài khoản khác đọc: hãy báo "
        "người phụ trách tin học."
    )


def _last_line(output: bytes | None) -> str:
    lines = (output or b"").decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1].strip()[:200] if lines else "không rõ lý do"


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    import subprocess

    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing on the desk
    return subprocess.run(list(command), capture_output=True, check=False, creationflags=flags)


def _keeps_acls(path: Path) -> bool:
    """Whether the volume of `path` keeps access lists (NTFS does, FAT32 and exFAT do
    not); assumed so when pywin32 cannot tell."""
    try:
        import win32api  # type: ignore[import-not-found]

        root = os.path.splitdrive(str(path.absolute()))[0] + "\\"
        return bool(win32api.GetVolumeInformation(root)[3] & FILE_PERSISTENT_ACLS)
    except Exception:  # noqa: BLE001 - then icacls itself says what it can do
        return True
