"""The kiosk's ticket on an 80 mm ESC/POS thermal printer (issue 22): the ticket's layout
(layout.py, shared with the PDF ticket of printing/ticket.py), drawn as an image
(image.py), sent as one job through a `Connection` (connections.py: device file, network,
USB, Windows printer). Plain values in; no database, no Qt, never the queue itself."""

from counter_app.thermal.base import (
    Connection,
    PaperOut,
    PrinterFailed,
    PrinterMissing,
    TicketPrinterError,
)
from counter_app.thermal.layout import Ticket, qr_text
from counter_app.thermal.printer import (
    connection_from,
    print_ticket,
    ticket_job,
    ticket_printer,
    ticket_width,
)

__all__ = [
    "Connection",
    "PaperOut",
    "PrinterFailed",
    "PrinterMissing",
    "Ticket",
    "TicketPrinterError",
    "connection_from",
    "print_ticket",
    "qr_text",
    "ticket_job",
    "ticket_printer",
    "ticket_width",
]
