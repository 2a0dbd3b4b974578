"""Ticket printers as python-escpos reaches them: a device file (/dev/usb/lp0, the
kernel's usblp driver; a plain file in tests), the network (raw TCP, port 9100), USB
through libusb (vendor:product), and on Windows a printer by its name (Win32Raw, needs
pywin32: WRITTEN, NOT RUN here).

A whole job is sent in one write (printer.py builds it first), so a ticket is never cut
short by its own drawing. Where the connection can read the printer's answer (network,
USB), its paper sensor is asked first (DLE EOT 4): an empty roll refuses the job before a
byte of it is sent. A printer that does not answer within STATUS_TIMEOUT_S is not asked
again by that connection; then, as on a device file, an out-of-paper printer is known
only by its write failing.
"""

from __future__ import annotations

import io
import os
import socket
from contextlib import nullcontext, suppress
from pathlib import Path
from typing import IO, Any

from counter_app.thermal.base import (
    FAILED,
    PAPER_LOW,
    PAPER_OUT,
    PaperOut,
    PrinterFailed,
    PrinterMissing,
    TicketPrinterError,
)

STATUS_TIMEOUT_S = 0.5
NETWORK_TIMEOUT_S = 10.0
USB_TIMEOUT_MS = 10_000


def escpos_printers() -> Any:
    """python-escpos's printer module. Its capabilities are pickled once into the desk's
    cache folder (by default it makes a new temporary folder at each import)."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        from counter_app.config import cache_dir

        folder = cache_dir() / "escpos"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)
    import escpos.printer

    return escpos.printer


class EscposConnection:
    """Open, ask for paper where it can, write the job, close; errors in Vietnamese."""

    label = "?"
    reads_status = False

    def __init__(self) -> None:
        self._answers = True  # the printer answered a status query (or was never asked)

    def _open(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _write_errors(self) -> tuple[type[BaseException], ...]:
        from escpos.exceptions import Error

        return (OSError, Error)

    def send(self, job: bytes) -> str | None:
        printer = self._open()
        try:
            notice = self._paper(printer) if self.reads_status and self._answers else None
            printer._raw(job)  # python-escpos's one way to send bytes as they are
            printer.close()
        except TicketPrinterError:
            _close_quietly(printer)
            raise
        except self._write_errors():
            _close_quietly(printer)
            raise PrinterFailed(FAILED.format(label=self.label)) from None
        return notice

    def _paper(self, printer: Any) -> str | None:
        """PAPER_LOW's notice, None, or PaperOut; a silent printer is not asked again."""
        try:
            with self._short_reads(printer):
                status = printer.paper_status()
        except (OSError, NotImplementedError):
            self._answers = False
            return None
        if status == 0:
            raise PaperOut(PAPER_OUT.format(label=self.label))
        return PAPER_LOW.format(label=self.label) if status == 1 else None

    def _short_reads(self, printer: Any) -> Any:
        return nullcontext()


def _close_quietly(printer: Any) -> None:
    with suppress(Exception):
        printer.close()


def _open_existing(path: str) -> IO[bytes]:
    """The device for writing, never created: a missing /dev/usb/lp0 must not become a
    plain file that swallows every ticket."""
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags), "wb")


class FileConnection(EscposConnection):
    def __init__(self, path: str | Path, opener: Any = _open_existing) -> None:
        super().__init__()
        self.path, self.opener = str(path), opener
        self.label = self.path

    def _open(self) -> Any:
        printer = escpos_printers().File(self.path)
        try:
            device = self.opener(self.path)
        except PermissionError:
            raise PrinterMissing(
                f"Không có quyền ghi vào máy in vé {self.label}: tài khoản của máy cần thuộc "
                "nhóm 'lp' (usermod -aG lp TÊN_TÀI_KHOẢN, rồi đăng nhập lại)."
            ) from None
        except OSError:
            raise PrinterMissing(
                f"Không thấy máy in vé {self.label}: kiểm tra cáp USB và nguồn của máy in "
                "(đèn nguồn sáng), rồi in lại phiếu."
            ) from None
        # python-escpos writes once and ignores a short count: a raw device would drop the
        # tail of the ticket unseen. Buffered, the rest is written or the write fails.
        printer.device = io.BufferedWriter(device) if isinstance(device, io.RawIOBase) else device
        return printer


class NetworkConnection(EscposConnection):
    reads_status = True

    def __init__(
        self,
        host: str,
        port: int = 9100,
        timeout: float = NETWORK_TIMEOUT_S,
        status_timeout: float = STATUS_TIMEOUT_S,
    ) -> None:
        super().__init__()
        self.host, self.port, self.timeout = host, port, timeout
        self.status_timeout = status_timeout
        self.label = f"{host}:{port}"

    def _open(self) -> Any:
        printer = escpos_printers().Network(self.host, self.port, timeout=self.timeout)
        try:  # connected here: python-escpos's own open leaves the socket of a failure open
            printer.device = socket.create_connection((self.host, self.port), self.timeout)
        except OSError:
            raise PrinterMissing(
                f"Không kết nối được máy in vé {self.label}: kiểm tra máy in đã bật, cáp "
                "mạng và địa chỉ IP (in trang cấu hình của máy in để xem), rồi in lại phiếu."
            ) from None
        return printer

    def _short_reads(self, printer: Any) -> Any:
        return _SocketTimeout(printer.device, self.status_timeout, self.timeout)


class _SocketTimeout:
    def __init__(self, sock: socket.socket, during: float, after: float) -> None:
        self.sock, self.during, self.after = sock, during, after

    def __enter__(self) -> None:
        self.sock.settimeout(self.during)

    def __exit__(self, *exc: object) -> None:
        self.sock.settimeout(self.after)


class UsbConnection(EscposConnection):
    reads_status = True

    def __init__(self, vendor: int, product: int) -> None:
        super().__init__()
        self.vendor, self.product = vendor, product
        self.label = f"USB {vendor:04x}:{product:04x}"

    def _open(self) -> Any:
        from escpos.exceptions import DeviceNotFoundError

        printer = escpos_printers().Usb(self.vendor, self.product, timeout=USB_TIMEOUT_MS)
        try:
            printer.open()
        except DeviceNotFoundError:
            raise PrinterMissing(
                f"Không thấy máy in vé {self.label}: kiểm tra cáp USB và nguồn của máy in, "
                "và quyền dùng thiết bị USB của tài khoản (xem docs/hall.md)."
            ) from None
        except (ValueError, RuntimeError):  # pyusb without libusb, or without pyusb
            raise PrinterMissing(
                "Thiếu thư viện libusb để dùng máy in vé qua USB: chạy 'bash "
                "scripts/setup.sh' bằng quyền root, hoặc dùng thiết bị /dev/usb/lp0."
            ) from None
        return printer


class WindowsConnection(EscposConnection):
    """A Windows printer by its name, the job sent RAW (WRITTEN, NOT RUN here)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.label = f"'{name}'"

    def _write_errors(self) -> tuple[type[BaseException], ...]:
        found = super()._write_errors()
        try:
            import pywintypes  # type: ignore[import-not-found]
        except ImportError:
            return found
        return (*found, pywintypes.error)

    def _open(self) -> Any:
        from escpos.exceptions import DeviceNotFoundError

        try:
            printer = escpos_printers().Win32Raw(self.name)
            printer.open(job_name="counter-app: phieu so thu tu")
        except (DeviceNotFoundError, RuntimeError, NameError):
            raise PrinterMissing(
                f"Windows không có máy in tên {self.label} (hoặc thiếu gói pywin32): xem tên "
                "đúng trong Cài đặt > Máy in và máy quét, rồi in lại phiếu."
            ) from None
        return printer
