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


def unbroken(text: str, font: str, size: float) -> float:
    """The narrowest width from which on, however wide, `text` wraps without one word
    alone on its last line (a heading of one word: that word's width). The breaks change
    only where a run of words just fits, so those are the widths tried, widest first."""
    words = text.split()
    full = stringWidth(" ".join(words), font, size)
    if len(words) < 2:
        return full
    longest = max(stringWidth(w, font, size) for w in words)
    spans = sorted(
        {
            stringWidth(" ".join(words[i:j]), font, size)
            for i in range(len(words))
            for j in range(i + 1, len(words) + 1)
        }
    )
    best = full
    for width in reversed([w + 0.01 for w in spans if w >= longest]):
        if len(simpleSplit(text, font, size, width)[-1].split()) < 2:
            break
        best = width
    return best


def paired(text: str, font: str, size: float, width: float) -> list[str] | None:
    """The lines of `text` within `width`, no line with one word alone (a text of one word:
    that word whole): as few lines as can be, then as even; None when none fit. A heading
    set in a narrow column of a wide table (Biểu 06) is drawn in these lines."""
    words = text.split()
    if len(words) < 2:
        return words if stringWidth(text, font, size) <= width else None
    best: list[tuple[int, float, int] | None] = [(0, 0.0, 0)] + [None] * len(words)
    for end in range(2, len(words) + 1):  # best[end]: (lines, widest, start of the last)
        for start in range(end - 1):
            before = best[start]
            line = stringWidth(" ".join(words[start:end]), font, size)
            if before is None or line > width:
                continue
            candidate = (before[0] + 1, max(before[1], line), start)
            current = best[end]
            if current is None or candidate[:2] < current[:2]:
                best[end] = candidate
    lines: list[str] = []
    end = len(words)
    while end:
        found = best[end]
        if found is None:
            return None
        lines.insert(0, " ".join(words[found[2] : end]))
        end = found[2]
    return lines


def least_paired(text: str, font: str, size: float) -> float:
    """The narrowest width `paired` finds lines in (one of the widths of a run of words)."""
    words = text.split()
    least = min(2, len(words))
    spans = sorted(
        {
            stringWidth(" ".join(words[i:j]), font, size)
            for i in range(len(words))
            for j in range(i + least, len(words) + 1)
        }
    )
    return next(
        (w for w in spans if paired(text, font, size, w) is not None), stringWidth(text, font, size)
    )


def columns(need: list[float], want: list[float], total: float) -> list[float]:
    """Column widths within `total`: each at least its `need` (a code whole, a heading
    without a lone word), as near its `want` (its widest line) as room allows. Room left
    over goes to every column in proportion to its want; room lacking is taken from the
    widest wants first (an address before a date)."""
    want = [max(n, w) for n, w in zip(need, want, strict=True)]
    if sum(want) <= total:
        extra = (total - sum(want)) / sum(want)
        return [w * (1 + extra) for w in want]
    if sum(need) >= total:
        return [n * total / sum(need) for n in need]
    low, high = 0.0, max(want)  # the level the widest wants are cut down to
    for _ in range(40):
        level = (low + high) / 2
        if sum(max(n, min(w, level)) for n, w in zip(need, want, strict=True)) > total:
            high = level
        else:
            low = level
    return [max(n, min(w, low)) for n, w in zip(need, want, strict=True)]
