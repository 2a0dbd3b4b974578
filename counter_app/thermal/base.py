"""What every connection to a ticket printer gives (`Connection.send`), and its errors.

An error means the ticket was not printed, or not wholly: the kiosk keeps the ticket (it
was issued), says what happened in the words below, and offers to print it again or as a
PDF. A message names the printer (its device, address or name), never the ticket's holder.
"""

from __future__ import annotations

from typing import Protocol

from counter_app.errors import RefusedInput


class TicketPrinterError(RefusedInput):
    """The ticket did not come out of the printer (or not wholly); nothing is lost: the
    caller still holds the ticket."""


class PrinterMissing(TicketPrinterError):
    """No printer there: unplugged, switched off, the wrong address or name."""


class PrinterFailed(TicketPrinterError):
    """The printer stopped while the ticket was sent (unplugged, cover open, jammed…)."""


class PaperOut(TicketPrinterError):
    """The printer says its roll is empty; nothing was sent."""


class Connection(Protocol):
    @property
    def label(self) -> str:
        """The printer as the message names it: "/dev/usb/lp0", "192.168.1.50:9100"."""
        ...

    def send(self, job: bytes) -> str | None:
        """Send a whole print job; returns a notice for the staff (the roll running low)
        or None; raises a TicketPrinterError, and then no success was reported."""
        ...


PAPER_OUT = "Máy in vé {label} hết giấy: thay cuộn giấy mới rồi in lại phiếu."
PAPER_LOW = "Máy in vé {label} sắp hết giấy: chuẩn bị thay cuộn giấy."
FAILED = (
    "Máy in vé {label} ngừng giữa chừng khi đang in (mất kết nối, hết giấy hoặc mở nắp): "
    "phiếu chưa in xong. Kiểm tra máy in rồi in lại phiếu."
)
