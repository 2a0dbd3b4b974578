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
    """Text placed string by string, written as one text object when flushed. `leading`
    is the step between the lines of one cell."""

    def __init__(self, canvas: Canvas, leading: float) -> None:
        self.canvas, self.leading = canvas, leading
        self.document = canvas._doc  # the subsets a font's characters land in are per document
        self.encoded: dict[str, dict[str, list[tuple[str, str]]]] = {}  # font → text → parts
        self.names: dict[tuple[str, int], str] = {}  # (font, subset) → PDF font resource
        self.plain: dict[str, bool] = {}  # font → printable ASCII is itself in subset 0
        self.code: list[str] = []
        self.current: tuple[str, float] | None = None

    def text(self, x: float, y: float, value: str, font: str, size: float) -> None:
        self.lines(fp_str(x), y, [value], font, size)

    def lines(self, x: str, y: float, lines: Sequence[str], font: str, size: float) -> None:
        """Lines one under the other from (x, y): one placement, then T* for each next."""
        cache = self.encoded.setdefault(font, {})
        code = [f"1 0 0 1 {x} {y:.2f} Tm"]
        for index, line in enumerate(lines):
            if index:
                code.append("T*")
            for name, shown in cache.get(line) or self._encode(font, line, cache):
                if self.current != (name, size):
                    code.append(f"{name} {fp_str(size)} Tf")
                    self.current = (name, size)
                code.append(shown)
        self.code.append(" ".join(code))

    def _encode(
        self, font: str, value: str, cache: dict[str, list[tuple[str, str]]]
    ) -> list[tuple[str, str]]:
        if value.isascii() and value.isprintable() and self._plain(font):
            parts = [(self._name(font, 0), f"({escapePDF(value.encode())}) Tj")]
        else:
            face = pdfmetrics.getFont(font)
            parts = [
                (self._name(font, subset), f"({escapePDF(raw)}) Tj")
                for subset, raw in face.splitString(value, self.document)
            ]
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cache[value] = parts
        return parts

    def _plain(self, font: str) -> bool:
        """Whether reportlab puts printable ASCII at its own codes in subset 0 for this font
        (its ttfAsciiReadable default, every character present): then such text needs no
        splitting into subsets."""
        found = self.plain.get(font)
        if found is None:
            sample = "".join(chr(c) for c in range(32, 127))
            split = pdfmetrics.getFont(font).splitString(sample, self.document)
            found = self.plain[font] = split == [(0, sample.encode())]
        return found

    def _name(self, font: str, subset: int) -> str:
        name = self.names.get((font, subset))
        if name is None:
            face = pdfmetrics.getFont(font)
            name = self.names[(font, subset)] = face.getSubsetInternalName(subset, self.document)
        return name

    def flush(self) -> None:
        if self.code:
            self.canvas.setFillGray(0)
            self.canvas.addLiteral(
                f"BT\n{fp_str(self.leading)} TL\n" + "\n".join(self.code) + "\nET"
            )
        self.code, self.current = [], None


class Grid:
    """Rows of cells under a shaded header repeated on every page; widths are fractions of
    the sheet's width. Values are plain text; a line break in a value starts a new line."""

    def __init__(
        self,
        sheet: Sheet,
        header: Sequence[str],
        fractions: Sequence[float],
        size: float,
        padding: float = 2,
    ) -> None:
        self.sheet, self.header, self.size, self.padding = sheet, list(header), size, padding
        self.columns = [f * sheet.inner for f in fractions]
        self.leading = size * 1.3
        self.ink = Ink(sheet.canvas, self.leading)
        self.starts = [
            fp_str(sheet.left + sum(self.columns[:i]) + padding) for i in range(len(self.columns))
        ]
        self.wrapped: dict[tuple[int, str], dict[str, list[str]]] = {}  # (column, font) → …
        self.rules: list[float] = []  # y of each horizontal rule on the current page
        # the widest printable ASCII letter: a short ASCII text surely fits without measuring
        self.ascii = {
            f: max(pdfmetrics.stringWidth(chr(c), f, size) for c in range(32, 127))
            for f in (sheet.fonts.regular, sheet.fonts.bold)
        }

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
        cache = self.wrapped.setdefault((column, font), {})
        found = cache.get(value)
        if found is None:
            width = self.columns[column] - 2 * self.padding
            found = []
            for part in (value if value.isascii() else nfc(value)).split("\n"):
                fits = (
                    part.isascii() and len(part) * self.ascii[font] <= width
                ) or pdfmetrics.stringWidth(part, font, self.size) <= width
                found += [part] if fits else simpleSplit(part, font, self.size, width) or [""]
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[value] = found
        return found

    def _height(self, cells: list[list[str]]) -> float:
        return max(len(lines) for lines in cells) * self.leading + 2 * self.padding + 2

    def _texts(self, cells: list[list[str]], top: float, font: str, centred: bool = False) -> None:
        y = top - self.padding - self.size
        if not centred:
            for lines, x in zip(cells, self.starts, strict=True):
                if lines != [""]:
                    self.ink.lines(x, y, lines, font, self.size)
            return
        x = self.sheet.left
        for lines, width in zip(cells, self.columns, strict=True):
            for n, line in enumerate(lines):
                shift = (width - pdfmetrics.stringWidth(line, font, self.size)) / 2
                self.ink.text(x + shift, y - n * self.leading, line, font, self.size)
            x += width
