"""A ruled table of thousands of rows drawn straight on the canvas, for the register.

reportlab's platypus Table lays out every cell as a Paragraph and keeps the whole table in
memory: 5 ms and ~70 KB a row. Here a row costs what its text costs: each distinct string
is encoded into the font's subsets once per document (Ink), the text of a page goes out in
one PDF text object, and the rules of a page are drawn in one path when the page is done.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from counter_app.printing.sheet import Sheet
from counter_app.text import nfc

CACHE_LIMIT = 50_000  # distinct strings remembered per document before starting again


class Ink:
    """Text placed string by string, written as one text object when flushed."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.document = canvas._doc  # the subsets a font's characters land in are per document
        self.encoded: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.code: list[str] = []
        self.current: tuple[str, float] | None = None

    def text(self, x: float, y: float, value: str, font: str, size: float) -> None:
        parts = self.encoded.get((font, value))
        if parts is None:
            face = pdfmetrics.getFont(font)
            parts = [(face.getSubsetInternalName(subset, self.document), f"({escapePDF(raw)}) Tj")
                     for subset, raw in face.splitString(value, self.document)]  # fmt: skip
            if len(self.encoded) >= CACHE_LIMIT:
                self.encoded.clear()
            self.encoded[(font, value)] = parts
        self.code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        for name, shown in parts:
            if self.current != (name, size):
                self.code.append(f"{name} {fp_str(size)} Tf")
                self.current = (name, size)
            self.code.append(shown)

    def flush(self) -> None:
        if self.code:
            self.canvas.setFillGray(0)
            self.canvas.addLiteral("BT\n" + "\n".join(self.code) + "\nET")
        self.code, self.current = [], None


class Grid:
    """Rows of cells under a shaded header repeated on every page; widths are fractions of
    the sheet's width. Values are plain text; a line break in a value starts a new line."""

    def __init__(self, sheet: Sheet, header: Sequence[str], fractions: Sequence[float],
                 size: float, padding: float = 2) -> None:  # fmt: skip
        self.sheet, self.header, self.size, self.padding = sheet, list(header), size, padding
        self.columns = [f * sheet.inner for f in fractions]
        self.ink = Ink(sheet.canvas)
        self.leading = size * 1.3
        self.wrapped: dict[tuple[str, int, str], list[str]] = {}
        self.rules: list[float] = []  # y of each horizontal rule on the current page

    def open(self) -> None:
        """The header, at the top of the table and of each following page."""
        f, c = self.sheet.fonts, self.sheet.canvas
        cells = [self._lines(h, i, f.bold) for i, h in enumerate(self.header)]
        height = self._height(cells)
        self.sheet.ensure(height + self.leading)
        top = self.sheet.y
        c.setFillGray(0.93)
        c.rect(self.sheet.left, top - height, sum(self.columns), height, stroke=0, fill=1)
        c.setFillGray(0)
        self._texts(cells, top, f.bold, centred=True)
        self.rules = [top, top - height]
        self.sheet.y = top - height

    def row(self, values: Sequence[object]) -> None:
        regular = self.sheet.fonts.regular
        cells = [self._lines(str(v), i, regular) for i, v in enumerate(values)]
        height = self._height(cells)
        if self.sheet.y - height < self.sheet.bottom:
            self.close()
            self.sheet.new_page()
            self.open()
        top = self.sheet.y
        self._texts(cells, top, regular)
        self.sheet.y = top - height
        self.rules.append(self.sheet.y)

    def close(self) -> None:
        """Draw the page's text and rules (before a page break and at the end)."""
        self.ink.flush()
        if len(self.rules) < 2:
            return
        left, top, bottom = self.sheet.left, self.rules[0], self.rules[-1]
        right = left + sum(self.columns)
        lines = [(left, y, right, y) for y in self.rules]
        x = left
        for width in [0.0, *self.columns]:
            x += width
            lines.append((x, top, x, bottom))
        self.sheet.canvas.setLineWidth(0.5)
        self.sheet.canvas.lines(lines)
        self.rules = []

    def _lines(self, value: str, column: int, font: str) -> list[str]:
        key = (value, column, font)
        found = self.wrapped.get(key)
        if found is None:
            width = self.columns[column] - 2 * self.padding
            found = []
            for part in (value if value.isascii() else nfc(value)).split("\n"):
                fits = pdfmetrics.stringWidth(part, font, self.size) <= width
                found += [part] if fits else simpleSplit(part, font, self.size, width) or [""]
            if len(self.wrapped) >= CACHE_LIMIT:
                self.wrapped.clear()
            self.wrapped[key] = found
        return found

    def _height(self, cells: list[list[str]]) -> float:
        return max(len(lines) for lines in cells) * self.leading + 2 * self.padding + 2

    def _texts(self, cells: list[list[str]], top: float, font: str, centred: bool = False) -> None:
        x = self.sheet.left
        for lines, width in zip(cells, self.columns, strict=True):
            y = top - self.padding - self.size
            for line in lines:
                if line:
                    shift = (width - pdfmetrics.stringWidth(line, font, self.size)) / 2 \
                        if centred else self.padding  # fmt: skip
                    self.ink.text(x + shift, y, line, font, self.size)
                y -= self.leading
            x += width
