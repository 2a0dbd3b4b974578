"""The QR symbol of a dossier code, as reportlab's encoder makes it, computed faster.

reportlab's QRCode tries the eight masks and scores each with Python loops over every
module, a third of a receipt's time. The same scores (QRUtil.getLostPoint, rule for rule,
its quirks kept) are computed here on whole rows as bytes and integers, so the mask chosen
and the symbol drawn are the very ones reportlab would make (tests compare them).
"""

from __future__ import annotations

import re

from reportlab.graphics.barcode import qrencoder

_RUN = re.compile(rb"\x00{5,}|\x01{5,}")
_FINDER = bytes((1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0))  # reportlab looks for this one only
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _runs(lines: list[bytes]) -> int:
    """Rule 1 along `lines`: a run of n ≥ 5 like modules costs n - 2 (lines searched as
    one, a byte of neither colour between them)."""
    runs = _RUN.findall(b"\x02".join(lines))
    return sum(map(len, runs)) - 2 * len(runs)


def lost_points(modules: list[list[bool]]) -> int:
    """QRUtil.getLostPoint of the matrix."""
    rows = [bytes(row) for row in modules]
    columns = [bytes(column) for column in zip(*modules, strict=True)]
    size = len(rows)
    score = _runs(rows) + _runs(columns)
    # Rule 3, 40 for each finder-like pattern: reportlab looks along rows only (its column
    # test compares a tuple with a list, never equal), without overlap, never at the end.
    score += 40 * sum(row[:-1].count(_FINDER) for row in rows)
    ints = [int(row.translate(_DIGITS), 2) for row in rows]  # one bit per module
    full = (1 << size) - 1
    pairs = (1 << (size - 1)) - 1
    for upper, lower in zip(ints, ints[1:], strict=False):  # rule 2: 2×2 blocks, 3 each
        same = ~(upper ^ lower) & full
        score += 3 * (same & (same >> 1) & ~(lower ^ (lower >> 1)) & pairs).bit_count()
    dark = sum(row.count(1) for row in rows)  # rule 4: the share of dark modules
    return 10 * (abs(100 * dark // (size * size) - 50) // 5) + score


_POSITIONS: dict[int, list[tuple[int, int]]] = {}  # version: data module places (col, row)
_MASKS: dict[tuple[int, int], list[bool]] = {}  # version, mask: its value at each place


class QRSymbol(qrencoder.QRCode):  # type: ignore[misc]
    """reportlab's encoder; the places of data modules and the masks over them are kept
    per version, not walked again for each mask of each code."""

    def dataPosIterator(self) -> list[tuple[int, int]]:  # noqa: N802 - reportlab's name
        if self.version not in _POSITIONS:
            _POSITIONS[self.version] = list(self._dataPosIterator())
        return _POSITIONS[self.version]

    def mapData(self, data: list[int], maskPattern: int) -> None:  # noqa: N802, N803
        places = self.dataPosIterator()
        key = (self.version, maskPattern)
        if key not in _MASKS:
            mask = qrencoder.QRUtil.getMask(maskPattern)
            _MASKS[key] = [bool(mask(row, col)) for col, row in places]
        bits = list(self.dataBitIterator(data))
        bits += [False] * (len(places) - len(bits))
        modules = self.modules
        for (col, row), dark, masked in zip(places, bits, _MASKS[key], strict=False):
            modules[row][col] = dark ^ masked

    def getBestMaskPattern(self) -> int:  # noqa: N802 - reportlab's name
        best, pattern = 0, 0
        for mask in range(8):
            self.makeImpl(True, mask)
            lost = lost_points(self.modules)
            if mask == 0 or best > lost:
                best, pattern = lost, mask
        return pattern


def qr_matrix(value: str) -> list[list[bool]]:
    """The modules (True dark) of `value` at error correction level M."""
    symbol = QRSymbol(None, qrencoder.QRErrorCorrectLevel.M)
    symbol.addData(value)
    symbol.make()
    return [list(row) for row in symbol.modules]
