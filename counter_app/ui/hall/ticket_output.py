"""Where the kiosk's tickets come out (docs/hall.md): the ESC/POS thermal printer named by
COUNTER_APP_TICKET_PRINTER (counter_app.thermal), else the ticket as a small PDF on the
computer's printer (the desk's printer setting, else the system's default) through
QPrinter, as the desk prints its receipts (ui/prints/printer.py).

`print` does blocking I/O (a device, a socket, a print spooler): it runs in the thread
pool only. Whatever stops a ticket is a `TicketPrinterError` with a sentence for the
staff; the ticket itself was issued before and is never lost."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from counter_app.errors import ValidationError
from counter_app.thermal import (
    Connection,
    PaperOut,
    PrinterMissing,
    Ticket,
    TicketPrinterError,
    print_ticket,
    ticket_printer,
    ticket_width,
)
from counter_app.ui.i18n import tr

PAPERS = ("A6", "80mm")  # the PDF ticket's page: an ordinary printer, a roll printer's driver
NO_PRINTER = (
    "Máy tính chưa có máy in nào để in phiếu: đặt COUNTER_APP_TICKET_PRINTER (máy in vé) "
    "hoặc cài một máy in mặc định, rồi in lại phiếu."
)


@dataclass(frozen=True)
class Printed:
    notice: str | None  # for the staff: the roll running low


class TicketOutput:
    def __init__(
        self,
        environ: Mapping[str, str] = os.environ,
        printer_name: str | None = None,
        paper: str = "A6",
    ) -> None:
        """Raises ValidationError for a printer or width written wrong (told at start)."""
        if paper not in PAPERS:
            raise ValidationError(tr("Khổ phiếu in thường là A6 hoặc 80mm."), "paper")
        # one connection for the kiosk's session (a network printer not answering the
        # paper question is not asked again through it: thermal/connections.py)
        self.connection: Connection | None = ticket_printer(environ)
        self.width = ticket_width(environ)
        self.printer_name, self.paper = printer_name, paper

    @property
    def thermal(self) -> bool:
        return self.connection is not None

    def print(self, ticket: Ticket, as_pdf: bool = False) -> Printed:
        """Print `ticket` (worker thread); `as_pdf`: on the ordinary printer even when a
        thermal one is set (the kiosk's "In ra giấy thường" after a thermal failure)."""
        if self.connection is not None and not as_pdf:
            return Printed(print_ticket(ticket, self.connection, self.width))
        self._pdf(ticket)
        return Printed(None)

    def _pdf(self, ticket: Ticket) -> None:
        from PySide6.QtPrintSupport import QPrinterInfo

        from counter_app.printing.ticket import render_ticket_pdf
        from counter_app.ui.prints.printer import (
            PrinterChoice,
            PrintingError,
            make_printer,
            print_pdf,
        )

        if not self.printer_name and QPrinterInfo.defaultPrinter().isNull():
            raise PrinterMissing(tr(NO_PRINTER))
        pdf = render_ticket_pdf(ticket, self.paper)
        try:
            print_pdf(pdf, make_printer(PrinterChoice(self.printer_name)))
        except PrintingError as error:
            raise TicketPrinterError(
                tr("{} In lại phiếu khi máy in sẵn sàng.").format(error)
            ) from None


def for_citizen(error: Exception, ticket: str) -> str:
    """What the citizen reads, in large letters, when their ticket did not print."""
    if isinstance(error, PaperOut):
        text = tr("Máy in hết giấy — số của bạn là {}, xin ghi nhớ hoặc báo nhân viên")
    else:
        text = tr("Máy in không in được — số của bạn là {}, xin ghi nhớ hoặc báo nhân viên")
    return text.format(ticket)
