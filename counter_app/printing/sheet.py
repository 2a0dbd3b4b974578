"""A lean top-down layout on a reportlab canvas, for the form printed at every reception.

It does what the receipt needs and no more: wrapped lines (left, centred, right), a label
with a bold value, two-column blocks, a table whose header repeats after a page break,
fixed-height blocks (barcodes), and page breaks with the footer. Text is NFC.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from counter_app.printing.fit import heading
from counter_app.printing.fonts import FontFamily
from counter_app.text import nfc


@dataclass(frozen=True)
class Frame:
    width: float
    height: float
    margin: float


class Sheet:
    def __init__(
        self,
        canvas: Canvas,
        frame: Frame,
        fonts: FontFamily,
        size: float,
        footer: Callable[[Canvas, int], None],
    ) -> None:
        self.canvas, self.frame, self.fonts, self.size = canvas, frame, fonts, size
        self.footer = footer
        self.page = 1
        self.left = frame.margin
        self.inner = frame.width - 2 * frame.margin
        self.y = frame.height - frame.margin
        # Measured once per sheet: the second copy of a receipt is laid out like the first.
        self._lines: dict[tuple[str, str, float, float], list[str]] = {}
        self._fields: dict[tuple[str, str, float, float], tuple[str, float, str, str]] = {}

    @property
    def leading(self) -> float:
        return self.size * 1.3

    def new_page(self) -> None:
        self.footer(self.canvas, self.page)
        self.canvas.showPage()
        self.page += 1
        self.y = self.frame.height - self.frame.margin

    def finish(self) -> None:
        self.footer(self.canvas, self.page)
        self.canvas.showPage()

    @property
    def bottom(self) -> float:
        """The lowest the text goes (the footer is below)."""
        return self.frame.margin + 4 * mm

    def ensure(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.new_page()

    def gap(self, millimetres: float) -> None:
        self.y -= millimetres * mm

    def lines(self, text: str, font: str, size: float, width: float) -> list[str]:
        key = (text, font, size, width)
        if key not in self._lines:
            self._lines[key] = simpleSplit(nfc(text), font, size, width) or [""]
        return self._lines[key]

    def paragraph(
        self,
        text: str,
        font: str | None = None,
        size: float | None = None,
        align: str = "left",
        x: float | None = None,
        width: float | None = None,
        underline: bool = False,
    ) -> None:
        font, size = font or self.fonts.regular, size or self.size
        x = self.left if x is None else x
        width = self.inner if width is None else width
        for line in self.lines(text, font, size, width):
            self.ensure(self.leading)
            self.y -= self.leading
            self._draw(line, font, size, align, x, width, underline)

    def heading(
        self,
        text: str,
        font: str,
        x: float,
        width: float,
        underline: bool = False,
        size: float | None = None,
    ) -> None:
        """A centred heading line, fitted to its column: a little smaller, or broken into
        even lines, never one word alone on a line."""
        size, lines = heading(nfc(text), font, size or self.size, width)
        for line in lines:
            self.ensure(self.leading)
            self.y -= self.leading
            self._draw(line, font, size, "center", x, width, underline)

    def _draw(
        self, line: str, font: str, size: float, align: str, x: float, width: float, underline: bool
    ) -> None:
        c = self.canvas
        c.setFont(font, size)
        baseline = self.y + size * 0.25
        length = stringWidth(line, font, size)
        start = {"left": x, "center": x + (width - length) / 2, "right": x + width - length}[align]
        c.drawString(start, baseline, line)
        if underline:
            c.setLineWidth(0.6)
            c.line(start, baseline - 1.5, start + length, baseline - 1.5)

    def field(self, label: str, value: str) -> None:
        """'label: value' with the value bold, wrapped across the full width."""
        regular, bold, size = self.fonts.regular, self.fonts.bold, self.size
        key = (label, value, size, self.inner)
        if key not in self._fields:
            self._fields[key] = self._split_field(label, value)
        head, indent, first, rest = self._fields[key]
        self.ensure(self.leading)
        self.y -= self.leading
        self._draw(head, regular, size, "left", self.left, self.inner, False)
        self._draw(first, bold, size, "left", self.left + indent, self.inner, False)
        if rest:
            self.paragraph(rest, bold)

    def _split_field(self, label: str, value: str) -> tuple[str, float, str, str]:
        """(label and colon, its width, the value's words on the first line, the rest)."""
        regular, bold, size = self.fonts.regular, self.fonts.bold, self.size
        head = nfc(label) + ": "
        indent = stringWidth(head, regular, size)
        words, first = nfc(value).split(" "), list[str]()
        while (
            words and stringWidth(" ".join([*first, words[0]]), bold, size) <= self.inner - indent
        ):
            first.append(words.pop(0))
        return head, indent, " ".join(first), " ".join(words)

    def columns(self, blocks: Sequence[tuple[float, Callable[[float, float], None]]]) -> None:
        """Blocks side by side as (fraction of the width, draw(x, width)); the sheet goes on
        below the tallest. Keep them short: they do not break across pages."""
        top, lowest, x = self.y, self.y, self.left
        for fraction, draw in blocks:
            self.y = top
            draw(x, fraction * self.inner)
            lowest = min(lowest, self.y)
            x += fraction * self.inner
        self.y = lowest

    def block(self, height: float, draw: Callable[[Canvas, float, float], object]) -> None:
        """A fixed-height drawing (barcode); draw(canvas, x, bottom)."""
        self.ensure(height)
        self.y -= height
        draw(self.canvas, self.left, self.y)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        aligns: Sequence[str] = (),
    ) -> None:
        """A ruled table; widths are fractions of the width; the header repeats. `aligns`:
        "left" (the default), "center" or "right" per column, for the rows (sums of money
        to the right); the header is left as it is."""
        size = self.size * 0.85
        columns = [w * self.inner for w in widths]
        self._row(header, columns, self.fonts.bold, size, shade=True)
        for row in rows:
            height = self._height(row, columns, self.fonts.regular, size)
            if self.y - height < self.bottom:
                self.new_page()
                self._row(header, columns, self.fonts.bold, size, shade=True)
            self._row(row, columns, self.fonts.regular, size, aligns=aligns)

    def _height(
        self, row: Sequence[object], columns: Sequence[float], font: str, size: float
    ) -> float:
        most = max(
            len(self.lines(str(v), font, size, w - 6)) for v, w in zip(row, columns, strict=True)
        )
        return most * size * 1.25 + 4

    def _row(
        self,
        row: Sequence[object],
        columns: Sequence[float],
        font: str,
        size: float,
        shade: bool = False,
        aligns: Sequence[str] = (),
    ) -> None:
        height = self._height(row, columns, font, size)
        self.ensure(height)
        c, x, top = self.canvas, self.left, self.y
        if shade:
            c.setFillGray(0.93)
            c.rect(x, top - height, sum(columns), height, stroke=0, fill=1)
            c.setFillGray(0)
        c.setLineWidth(0.5)
        for i, (value, width) in enumerate(zip(row, columns, strict=True)):
            c.rect(x, top - height, width, height, stroke=1, fill=0)
            c.setFont(font, size)
            align = aligns[i] if i < len(aligns) else "left"
            for n, line in enumerate(self.lines(str(value), font, size, width - 6), 1):
                if align == "left":
                    c.drawString(x + 3, top - n * size * 1.25, line)
                else:
                    shift = width - 6 - stringWidth(line, font, size)
                    shift /= 2 if align == "center" else 1
                    c.drawString(x + 3 + shift, top - n * size * 1.25, line)
            x += width
        self.y = top - height
