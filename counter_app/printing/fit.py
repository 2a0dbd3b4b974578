"""Fitting a line of a heading into its column: never a word left alone on a line.

A heading ("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ") that is a little too wide for its column is
set a little smaller, down to SHRINK of its size, so it stays on one line; one that would
need more is broken into lines of even width, the way a typesetter balances a title.
"""

from __future__ import annotations

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

SHRINK = 0.85  # the smallest size a heading line is set at, as a share of its size


def balanced(text: str, font: str, size: float, width: float) -> list[str]:
    """The lines of `text` within `width`: as many as a greedy break needs, as even as they
    can be (the narrowest width that still needs no more lines)."""
    lines = simpleSplit(text, font, size, width)
    if len(lines) <= 1:
        return lines or [""]
    narrow, wide = max(stringWidth(w, font, size) for w in text.split()), width
    for _ in range(16):  # bisection to a fraction of a point
        middle = (narrow + wide) / 2
        if len(simpleSplit(text, font, size, middle)) <= len(lines):
            wide = middle
        else:
            narrow = middle
    return simpleSplit(text, font, size, wide)


def heading(text: str, font: str, size: float, width: float) -> tuple[float, list[str]]:
    """(size, lines) for a heading line in a column `width` wide."""
    full = stringWidth(text, font, size)
    if full <= width:
        return size, [text]
    if full * SHRINK <= width:
        return int(size * width / full * 10) / 10, [text]  # rounded down to 0.1 pt
    return size, balanced(text, font, size, width)
