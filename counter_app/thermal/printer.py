"""The kiosk's one call: `print_ticket(ticket, connection)`: the ticket drawn as an image,
made into one ESC/POS job (ESC @ to start clean, the image as GS v 0 raster, fed and cut
with GS V) and sent whole. And which printer: COUNTER_APP_TICKET_PRINTER.

    /dev/usb/lp0 or file:PATH     a device file (Linux usblp, a parallel port)
    192.168.1.50:9100 or tcp:HOST[:PORT]
    usb:04b8:0202                 vendor:product, through libusb
    windows:NAME                  a Windows printer by its name (Win32Raw)

COUNTER_APP_TICKET_WIDTH: 576 dots (80 mm paper, the default), 512 (printers that print
64 mm of it), 384 (58 mm paper).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from PIL import Image

from counter_app.errors import ValidationError
from counter_app.thermal.base import Connection
from counter_app.thermal.connections import (
    FileConnection,
    NetworkConnection,
    UsbConnection,
    WindowsConnection,
    escpos_printers,
)
from counter_app.thermal.image import WIDTHS, ticket_image
from counter_app.thermal.layout import Ticket, TicketFonts

PRINTER_VARIABLE = "COUNTER_APP_TICKET_PRINTER"
WIDTH_VARIABLE = "COUNTER_APP_TICKET_WIDTH"
_HOST = re.compile(r"(?:tcp:)?([0-9A-Za-z.\-]+)(?::(\d{1,5}))?")
_USB = re.compile(r"usb:([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})")
FORMS = (
    "Máy in vé phải ghi là đường dẫn thiết bị (/dev/usb/lp0), địa chỉ mạng "
    "(192.168.1.50:9100), usb:MÃ_HÃNG:MÃ_MÁY (usb:04b8:0202) hoặc windows:TÊN_MÁY_IN."
)


def ticket_job(image: Image.Image) -> bytes:
    """One ESC/POS job: initialise, the raster image, feed and a full cut."""
    printer = escpos_printers().Dummy()
    data = printer.profile.profile_data
    media = {"width": {"pixels": image.width, "mm": "Unknown"}, "dpi": 203}
    printer.profile.profile_data = {**data, "media": media}  # this instance's own
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster")
    printer.cut()
    return bytes(printer.output)


def print_ticket(
    ticket: Ticket,
    connection: Connection,
    width: int = 576,
    fonts: TicketFonts | None = None,
) -> str | None:
    """Print `ticket`; a notice for the staff (paper low) or None. Raises
    TicketPrinterError (PrinterMissing, PrinterFailed, PaperOut) with the message to
    show; the caller keeps the ticket and offers a reprint or the PDF."""
    return connection.send(ticket_job(ticket_image(ticket, width, fonts)))


def connection_from(text: str) -> Connection:
    """A connection from its written form (see the module's help)."""
    text = text.strip()
    if text.startswith("file:") or text.startswith(("/", "\\\\")):
        return FileConnection(text.removeprefix("file:"))
    if text.lower().startswith("windows:") and text[8:].strip():
        return WindowsConnection(text[8:].strip())
    usb = _USB.fullmatch(text)
    if usb:
        return UsbConnection(int(usb.group(1), 16), int(usb.group(2), 16))
    host = _HOST.fullmatch(text)
    if host and (host.group(2) or text.startswith("tcp:")):
        port = int(host.group(2) or 9100)
        if 0 < port < 65536:
            return NetworkConnection(host.group(1), port)
    raise ValidationError(FORMS, "ticket_printer")


def ticket_printer(environ: Mapping[str, str] = os.environ) -> Connection | None:
    """The kiosk's ticket printer, or None: no thermal printer, tickets go out as PDF."""
    text = environ.get(PRINTER_VARIABLE, "").strip()
    return connection_from(text) if text else None


def ticket_width(environ: Mapping[str, str] = os.environ) -> int:
    value = environ.get(WIDTH_VARIABLE, "").strip()
    if not value:
        return WIDTHS[0]
    if not value.isdigit() or int(value) not in WIDTHS:
        raise ValidationError(
            f"{WIDTH_VARIABLE} phải là 576 (giấy 80 mm), 512 hoặc 384 (giấy 58 mm).",
            "ticket_width",
        )
    return int(value)
