"""Finding the token's PKCS#11 module (the vendor's .so or .dll).

Order: the path given (COUNTER_APP_PKCS11_MODULE, or the desk's setting), then the known
places of the platform. On Windows, vendors' DLL names are a guessing game
(research/digitisation.md §1.4): the known default paths, then the folders vendors install
into, searched for the names they use; a DLL built for another bitness than this Python's
is passed over (a 64-bit Python cannot load a 32-bit DLL from SysWOW64)."""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

MODULE_VARIABLE = "COUNTER_APP_PKCS11_MODULE"

LINUX = (
    # vendors of Vietnamese tokens (Viettel-CA: pyHanko#456), then OpenSC, then SoftHSM2
    "/usr/lib/viettel-ca_v6.so",
    "/usr/lib/libviettel-ca.so",
    "/usr/lib/vnpt-ca/libcryptoki.so",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/libeToken.so",
    "/usr/lib/libcastle.so.1",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)
WINDOWS_KNOWN = (r"C:\vnpt-ca\cryptoki.dll", r"C:\Viettel-CA\pkcs11.dll")
WINDOWS_NAMES = ("pkcs11", "etpkcs11", "aetpkss1", "eps2003", "vnpt", "viettel", "fpt", "cryptoki")
PE_MACHINES = {0x14C: 32, 0x8664: 64, 0xAA64: 64}


def candidates(
    given: str | None = None,
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
) -> list[str]:
    """Modules worth trying, in order, that exist and suit this Python."""
    explicit = given or environ.get(MODULE_VARIABLE)
    if explicit:
        return [explicit]
    found = [*WINDOWS_KNOWN, *_windows_search(environ)] if platform == "win32" else list(LINUX)
    bits = struct.calcsize("P") * 8
    seen: list[str] = []
    for path in found:
        if path not in seen and Path(path).is_file() and module_bits(path) in (None, bits):
            seen.append(path)
    return seen


def _windows_search(environ: Mapping[str, str]) -> Iterable[str]:
    """DLLs named like vendors' PKCS#11 modules in the folders they install into (one
    level of sub-folders below Program Files: C:\\Program Files\\Vendor\\x.dll)."""
    root = environ.get("SystemRoot", r"C:\Windows")
    folders = [Path(root) / "System32"]
    if struct.calcsize("P") == 4:
        folders.append(Path(root) / "SysWOW64")
    for name in ("ProgramFiles", "ProgramFiles(x86)", "ProgramData", "LOCALAPPDATA"):
        if environ.get(name):
            base = Path(environ[name])
            folders += [base, *_children(base)]
    for folder in folders:
        try:
            for entry in folder.glob("*.dll"):
                if any(word in entry.name.lower() for word in WINDOWS_NAMES):
                    yield str(entry)
        except OSError:
            continue


def _children(base: Path) -> list[Path]:
    try:
        return [p for p in base.iterdir() if p.is_dir()]
    except OSError:
        return []


def module_bits(path: str) -> int | None:
    """32 or 64 for a Windows DLL (its PE header's machine), None for anything else (an
    ELF .so: the loader says if it does not fit)."""
    try:
        with open(path, "rb") as file:
            head = file.read(64)
            if head[:2] != b"MZ":
                return None
            (offset,) = struct.unpack_from("<I", head, 0x3C)
            file.seek(offset)
            pe = file.read(6)
    except (OSError, struct.error):
        return None
    if pe[:4] != b"PE\0\0":
        return None
    return PE_MACHINES.get(struct.unpack_from("<H", pe, 4)[0])
