"""The queue ticket as a small PDF, for a kiosk with an ordinary printer (or when the
thermal printer fails and the citizen still needs the ticket): the thermal ticket's own
content and layout (thermal/layout.py), drawn as text and vectors.

Paper: "80mm" (a page 80 mm wide as tall as the ticket, for roll printers with a Windows
driver), or "A6" (105 × 148 mm, the ticket at its top). 72 mm of it are used on both, the
width the thermal printer prints.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from counter_app import __version__
from counter_app.printing.barcodes import QR_QUIET, draw_qr, qr_rows
from counter_app.printing.subsets import keep_subsets
from counter_app.thermal.layout import (
    ASCENT,
    LEADING,
    Qr,
    Ticket,
    TicketFonts,
    blocks,
    fitted,
    ticket_fonts,
    wrap,
)

PAPERS = ("80mm", "A6")
WIDTH = 72 * mm  # what the thermal printer prints of 80 mm paper
TOP = 6 * mm


@lru_cache(maxsize=8)
def _font(path: str) -> str:
    name = f"Ticket-{Path(path).stem}"
    font = TTFont(name, path)
    keep_subsets(font)
    pdfmetrics.registerFont(font)
    return name


def render_ticket_pdf(
    ticket: Ticket, paper: str = "80mm", fonts: TicketFonts | None = None
) -> bytes:
    if paper not in PAPERS:
        raise ValueError(f"paper is one of {PAPERS}")
    fonts = ticket_fonts(fonts)
    items, height = _laid_out(ticket, fonts)
    page = (80 * mm, height + 2 * TOP) if paper == "80mm" else A6
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, invariant=1)
    canvas.setTitle(f"Phiếu số thứ tự {ticket.ticket}")
    canvas.setAuthor("counter-app")
    canvas.setCreator(f"counter-app {__version__}")
    centre, top = page[0] / 2, page[1] - TOP
    for y, item in items:
        if isinstance(item, tuple):
            line, name, size, align = item
            canvas.setFont(name, size)
            baseline = top - y - size * ASCENT
            if align == "left":
                canvas.drawString(centre - WIDTH / 2, baseline, line)
            elif align == "right":
                canvas.drawRightString(centre + WIDTH / 2, baseline, line)
            else:
                canvas.drawCentredString(centre, baseline, line)
        else:
            side = item.module_mm * (len(qr_rows(item.text)) + 2 * QR_QUIET)
            draw_qr(canvas, item.text, centre - side * mm / 2, top - y - side * mm, side)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _measure(name: str) -> Callable[[str, float], float]:
    return lambda text, size: float(pdfmetrics.stringWidth(text, name, size))


def _width(name: str, size: float) -> Callable[[str], float]:
    return lambda text: float(pdfmetrics.stringWidth(text, name, size))


Line = tuple[str, str, float, str]  # text, font, size, align


def _laid_out(ticket: Ticket, fonts: TicketFonts) -> tuple[list[tuple[float, Line | Qr]], float]:
    """What to draw, each at its distance from the top in points; and the total height."""
    items: list[tuple[float, Line | Qr]] = []
    y = 0.0
    for block in blocks(ticket):
        y += block.space_before
        if isinstance(block, Qr):
            items.append((y, block))
            y += block.module_mm * (len(qr_rows(block.text)) + 2 * QR_QUIET) * mm
            continue
        name = _font(str(fonts.bold if block.bold else fonts.regular))
        size = block.size
        if block.fit:
            size = fitted(size, WIDTH, _measure(name), block.text)
            lines = [block.text]
        else:
            lines = wrap(block.text, WIDTH, _width(name, size))
        for line in lines:
            items.append((y, (line, name, size, block.align)))
            y += size * LEADING
    return items, y
