"""Finding the token's PKCS#11 module: the path given first, then the platform's known
places; on Windows a DLL of the other bitness is passed over (read from its PE header)."""

from __future__ import annotations

import struct

from counter_app.signing.modules import candidates, module_bits
from tests.devices import SOFTHSM_MODULE


def _dll(path, machine: int) -> str:
    """A file with the header of a Windows DLL built for `machine` (what the search reads)."""
    header = bytearray(b"MZ" + bytes(62))
    struct.pack_into("<I", header, 0x3C, 64)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(header) + b"PE\0\0" + struct.pack("<H", machine) + bytes(32))
    return str(path)


def test_the_module_given_is_the_only_one_tried(tmp_path):
    given = str(tmp_path / "vendor.so")
    assert candidates(environ={"COUNTER_APP_PKCS11_MODULE": given}) == [given]
    assert candidates("/opt/x.so", environ={"COUNTER_APP_PKCS11_MODULE": given}) == ["/opt/x.so"]


def test_on_linux_the_installed_softhsm_is_found():
    assert SOFTHSM_MODULE in candidates(environ={}, platform="linux")


def test_the_bitness_of_a_dll_is_read_from_its_header(tmp_path):
    assert module_bits(_dll(tmp_path / "a64.dll", 0x8664)) == 64
    assert module_bits(_dll(tmp_path / "a32.dll", 0x14C)) == 32
    assert module_bits(SOFTHSM_MODULE) is None  # an ELF library: the loader decides


def test_on_windows_vendors_dlls_of_this_bitness_are_found(tmp_path):
    bits = struct.calcsize("P") * 8
    ours, other = (0x8664, 0x14C) if bits == 64 else (0x14C, 0x8664)
    program_files = tmp_path / "Program Files"
    fitting = _dll(program_files / "Viettel-CA" / "viettel-ca_v6.dll", ours)
    _dll(program_files / "VNPT-CA" / "vnpt-ca_x86.dll", other)
    _dll(program_files / "Other" / "unrelated.dll", ours)
    environ = {"SystemRoot": str(tmp_path / "Windows"), "ProgramFiles": str(program_files)}
    assert candidates(environ=environ, platform="win32") == [fitting]
