"""Code 128 drawn as vector bars, and the QR code; both carry the dossier code only.

python-barcode computes the symbol (start, data, checksum, stop); we draw each run of dark
modules as one filled rectangle, with a quiet zone of at least 10 modules each side, at a
module width a laser printer and a hand scanner both handle (0.25–0.34 mm). Each bar and
each run of a QR row stays a rectangle of its own (a PDF renderer snaps a lone rectangle to
whole pixels; one path of them all comes out with grey edges), written as canvas.rect
would write it, but as one string kept for the code and place: byte for byte the same page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import barcode
from barcode.errors import BarcodeError as _LibraryError
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import PATH_OPS, Canvas

from counter_app.errors import CounterError
from counter_app.printing.qrsymbol import qr_matrix

QUIET_MODULES = 10
MAX_WIDTH_MM = 80.0
# Module widths of a whole number of dots at 300 dpi (and so at 600 dpi): bars keep their
# proportions on a laser printer. 4 dots = 0.339 mm, 3 dots = 0.254 mm.
DOT_MM = 25.4 / 300
MODULE_DOTS = (4, 3)


class BarcodeError(CounterError):
    """The value cannot be printed as a barcode that scans; it is never altered."""


@dataclass(frozen=True)
class Code128:
    value: str
    modules: str  # "1" dark, "0" light, without quiet zones
    module_mm: float

    @property
    def width_mm(self) -> float:
        """Whole width, quiet zones included."""
        return (len(self.modules) + 2 * QUIET_MODULES) * self.module_mm


def code128(value: str, max_width_mm: float = MAX_WIDTH_MM) -> Code128:
    if not value or not value.isascii() or not value.isprintable():
        raise BarcodeError(f"Mã '{value}' có ký tự không in được bằng mã vạch Code 128.")
    try:
        modules = barcode.get("code128", value, writer=None).build()[0]
    except _LibraryError as error:
        raise BarcodeError(f"Mã '{value}' không mã hoá được bằng Code 128: {error}") from None
    for dots in MODULE_DOTS:
        symbol = Code128(value, modules, dots * DOT_MM)
        if symbol.width_mm <= max_width_mm:
            return symbol
    raise BarcodeError(f"Mã '{value}' quá dài để in mã vạch đọc được trong {max_width_mm:.0f} mm.")


@lru_cache(maxsize=64)
def _bars(modules: str, left: float, bottom: float, width: float, height: float, fill: str) -> str:
    """What canvas.rect writes for each bar, at once: the same page, made once per place
    (the second copy of a receipt reuses the first's)."""
    return _filled(
        [
            (left + m.start() * width, bottom, (m.end() - m.start()) * width, height)
            for m in re.finditer("1+", modules)
        ],
        fill,
    )


def _fill(canvas: Canvas) -> str:
    """The operator canvas.rect(…, stroke=0, fill=1) ends with under the canvas's fill rule."""
    return PATH_OPS[0, 1, canvas._fillMode]  # type: ignore[no-any-return]


def _filled(rects: Iterable[tuple[float, float, float, float]], fill: str) -> str:
    return "\n".join(f"n {fp_str(*rect)} re {fill}" for rect in rects)


def draw_code128(
    canvas: Canvas, symbol: Code128, x: float, y: float, height_mm: float, font: str
) -> None:
    """Bars with their bottom-left quiet zone at (x, y); the readable code below them."""
    width = symbol.module_mm * mm
    left = x + QUIET_MODULES * width
    text_size = 9
    bar_bottom = y + text_size + 2
    canvas.saveState()
    canvas.setFillGray(0)
    canvas.addLiteral(_bars(symbol.modules, left, bar_bottom, width, height_mm * mm, _fill(canvas)))
    canvas.setFont(font, text_size)
    canvas.drawCentredString(x + symbol.width_mm * mm / 2, y, symbol.value)
    canvas.restoreState()


QR_QUIET = 4  # modules of margin, as the QR standard asks


@lru_cache(maxsize=64)
def qr_rows(value: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Dark runs (start, length) per row of the QR symbol, error correction level M."""
    matrix = qr_matrix(value)
    size = len(matrix)
    rows = []
    for r in range(size):
        runs, start = [], None
        for c in range(size + 1):
            dark = c < size and matrix[r][c]
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                runs.append((start, c - start))
                start = None
        rows.append(tuple(runs))
    return tuple(rows)


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size_mm: float) -> None:
    """The QR symbol with its quiet zone in a square of `size_mm`, bottom-left at (x, y)."""
    canvas.saveState()
    canvas.setFillGray(0)
    canvas.addLiteral(_qr_rects(value, x, y, size_mm, _fill(canvas)))
    canvas.restoreState()


@lru_cache(maxsize=64)
def _qr_rects(value: str, x: float, y: float, size_mm: float, fill: str) -> str:
    """What canvas.rect writes for each dark run, made once per code and place."""
    rows = qr_rows(value)
    module = size_mm * mm / (len(rows) + 2 * QR_QUIET)
    return _filled(
        [
            (
                x + (QR_QUIET + start) * module,
                y + (len(rows) + QR_QUIET - r - 1) * module,
                length * module,
                module,
            )
            for r, runs in enumerate(rows)
            for start, length in runs
        ],
        fill,
    )
