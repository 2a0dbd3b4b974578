"""The ticket as a black-and-white picture for the thermal printer: Vietnamese drawn by
Pillow with the ticket's font, since the printers' code pages have no Vietnamese letters.

203 dpi (8 dots a millimetre), the printable width in dots: 576 for 80 mm paper (72 mm
printed), 512 for printers that print 64 mm of it (Epson TM-T88), 384 for 58 mm paper.
Text is drawn in grey and cut at half-tone to pure black and white, no dithering: a
thermal head has no grey.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.barcode import qrencoder

from counter_app.thermal.layout import (
    ASCENT,
    LEADING,
    Block,
    Qr,
    Ticket,
    TicketFonts,
    blocks,
    fitted,
    ticket_fonts,
    wrap,
)

DPI = 203
WIDTHS = (576, 512, 384)
MARGIN_DOTS = 8  # each side, within the printable width
QUIET_MODULES = 4


def dots(points: float) -> int:
    return round(points * DPI / 72)


@lru_cache(maxsize=32)
def _font(path: str, size_dots: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size_dots)


def qr_modules(text: str) -> list[list[bool]]:
    """The QR's modules (True dark), error correction M, as the PDF ticket draws them."""
    symbol = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    symbol.addData(text)
    symbol.make()
    return [[bool(m) for m in row] for row in symbol.modules]


def ticket_image(ticket: Ticket, width: int = 576, fonts: TicketFonts | None = None) -> Image.Image:
    """The whole ticket, `width` dots wide, mode "1" (1 white, 0 black)."""
    return blocks_image(blocks(ticket), width, fonts)


def blocks_image(
    content: Sequence[Block], width: int = 576, fonts: TicketFonts | None = None
) -> Image.Image:
    """Any slip laid out as blocks (the ticket, the fee receipt of printing/fee_slip.py),
    `width` dots wide, mode "1" (1 white, 0 black)."""
    if width not in WIDTHS:
        raise ValueError(f"the printable width is one of {WIDTHS} dots")
    fonts = ticket_fonts(fonts)
    inner = width - 2 * MARGIN_DOTS
    lines: list[tuple[int, str, ImageFont.FreeTypeFont, str]] = []  # (top, text, font, align)
    codes: list[tuple[int, list[list[bool]], int]] = []  # (top, modules, module size)
    y = MARGIN_DOTS
    for block in content:
        y += dots(block.space_before)
        if isinstance(block, Qr):
            modules = qr_modules(block.text)
            module = max(1, round(block.module_mm * DPI / 25.4))
            codes.append((y, modules, module))
            y += (len(modules) + 2 * QUIET_MODULES) * module
            continue
        path = str(fonts.bold if block.bold else fonts.regular)
        size = dots(block.size)
        if block.fit:
            size = int(fitted(size, inner, _measure(path), block.text))
        font = _font(path, size)
        for line in [block.text] if block.fit else wrap(block.text, inner, font.getlength):
            lines.append((y, line, font, block.align))
            y += round(size * LEADING)
    picture = Image.new("L", (width, y + MARGIN_DOTS), 255)
    draw = ImageDraw.Draw(picture)
    for top, line, font, align in lines:
        baseline = top + font.size * ASCENT
        x, anchor = _ANCHORS[align](width)
        draw.text((x, baseline), line, fill=0, font=font, anchor=anchor)
    for top, modules, module in codes:
        _draw_qr(draw, modules, module, width, top)
    return picture.point(lambda v: 255 if v >= 128 else 0).convert("1", dither=Image.Dither.NONE)


_ANCHORS: dict[str, Callable[[int], tuple[float, str]]] = {
    "left": lambda width: (MARGIN_DOTS, "ls"),
    "center": lambda width: (width / 2, "ms"),
    "right": lambda width: (width - MARGIN_DOTS, "rs"),
}


def _measure(path: str) -> Callable[[str, float], float]:
    return lambda text, size: _font(path, int(size)).getlength(text)


def _draw_qr(
    draw: ImageDraw.ImageDraw, modules: list[list[bool]], module: int, width: int, top: int
) -> None:
    left = (width - len(modules) * module) // 2
    top += QUIET_MODULES * module
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                x, y = left + c * module, top + r * module
                draw.rectangle((x, y, x + module - 1, y + module - 1), fill=0)
