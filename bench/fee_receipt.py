"""Fee receipt benchmark (issue 23 item 2): the A5 fee receipt (biên lai thu phí, lệ phí)
against a bare reportlab canvas drawing the same strings in the same fonts, interleaved;
the preview with its VietQR against the bare canvas with a QR of its own; the 80 mm slip's
picture for reference.

    python bench/fee_receipt.py [--n 200]

Warm, interleaved (`_common.interleave`: one sample of each side per round, the order
rotated each round), n rounds after 5 warm ones. Each round has a new receipt number, and
for the preview a new amount, so a new VietQR payload: no cache serves a round.
* our A5 receipt (`render_a5`), no QR: what the desk prints once a fee is paid — the
  headline figure;
* the bare canvas: the very strings and fonts the receipt draws (recorded from its own
  drawString and drawRightString calls, the number replaced by the round's), one after
  the other at fixed places: no measuring, wrapping, columns, table rules or page logic;
* our A5 preview with the round's VietQR (`render_a5`, `vietqr=`);
* the bare canvas as above, with the payload's QR computed by reportlab's encoder (level
  M) and drawn by the bench itself, each dark run a rectangle of one path: nothing of
  counter_app.printing.barcodes, no cache;
* the 80 mm slip (`render_80mm`, 576 dots), for reference: no baseline.
Median, p95 (from 20 samples) and max, n beside each; verdicts computed from them: the
receipt ≤ 1.5× the bare canvas at p50, and the preview ≤ 1.5× its bare canvas.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable
from dataclasses import replace

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import interleave, scope, spread_ms, table, verdict, verdict_table  # noqa: E402
from reportlab.graphics.barcode import qrencoder  # noqa: E402
from reportlab.lib.pagesizes import A5  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from counter_app.fees.vietqr import VietQR, payload  # noqa: E402
from counter_app.printing.barcodes import QR_QUIET  # noqa: E402
from counter_app.printing.fee_receipt import FeeReceipt, render_80mm, render_a5  # noqa: E402
from counter_app.printing.fonts import font_family  # noqa: E402
from tests.unit.test_fee_receipt import a_receipt  # noqa: E402

Strings = list[tuple[str, float, str]]


def receipt_strings(receipt: FeeReceipt) -> Strings:
    """(font, size, text) of every string the receipt draws, recorded from its own
    drawString and drawRightString calls."""
    drawn: Strings = []
    originals = {name: getattr(Canvas, name) for name in ("drawString", "drawRightString")}

    def recorder(name: str) -> Callable[..., object]:
        def record(self, x, y, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            drawn.append((self._fontname, self._fontsize, text))
            return originals[name](self, x, y, text, *args, **kwargs)

        return record

    for name in originals:
        setattr(Canvas, name, recorder(name))
    try:
        render_a5(receipt)
    finally:
        for name, original in originals.items():
            setattr(Canvas, name, original)
    return drawn


def bare_qr(canvas: Canvas, value: str, x: float, y: float, side_mm: float) -> None:
    """The QR as a plain canvas program draws it: reportlab's encoder at level M, each
    dark run of a row one rectangle of a single path."""
    symbol = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    symbol.addData(value)
    symbol.make()
    size = symbol.getModuleCount()
    module = side_mm * mm / (size + 2 * QR_QUIET)
    squares = canvas.beginPath()
    for r in range(size):
        start = None
        for c in range(size + 1):
            dark = c < size and symbol.isDark(r, c)
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                top = y + (size + QR_QUIET - r) * module
                squares.rect(
                    x + (QR_QUIET + start) * module, top - module, (c - start) * module, module
                )
                start = None
    canvas.drawPath(squares, stroke=0, fill=1)


def bare_receipt(strings: Strings, old: str, new: str, qr: str | None = None) -> bytes:
    """The receipt's strings in the same fonts (the number `old` replaced by `new`) at
    fixed places; the QR drawn by `bare_qr` when given."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    font_family()  # the fonts registered, as the receipt has them
    y = 560.0
    for name, size, text in strings:
        canvas.setFont(name, size)
        canvas.drawString(34, y, text.replace(old, new))
        y -= 12
    if qr:
        bare_qr(canvas, qr, 300, 150, 30)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="interleaved rounds (warm)")
    args = parser.parse_args()
    n = args.n
    template = a_receipt()
    strings = receipt_strings(template)
    old = template.shown_number
    code = template.dossier_code

    def number(i: int) -> int:  # the round's receipt number (warm rounds included)
        return 1000 + i + 10

    def qr(i: int) -> str:  # the round's payload: a new amount, so a new symbol
        return payload(VietQR("970436", "1031933430", 25000 + number(i), code))

    def receipt(i: int, preview: bool = False) -> FeeReceipt:
        return replace(template, number=number(i), vietqr=qr(i) if preview else None)

    labels = {
        "receipt": "fee receipt A5 (render_a5), new number",
        "bare": f"bare canvas: the same {len(strings)} strings and fonts",
        "preview": "preview A5 with its VietQR, new payload",
        "bare_qr": "bare canvas + reportlab's QR of the same payload",
        "slip": "80 mm slip picture (render_80mm, 576 dots), reference",
    }
    works: dict[str, Callable[[int], float | None]] = {
        labels["receipt"]: lambda i: render_a5(receipt(i)) and None,
        labels["bare"]: lambda i: bare_receipt(strings, old, f"{number(i):07d}") and None,
        labels["preview"]: lambda i: render_a5(receipt(i, preview=True)) and None,
        labels["bare_qr"]: lambda i: bare_receipt(strings, old, f"{number(i):07d}", qr(i)) and None,
        labels["slip"]: lambda i: render_80mm(receipt(i)) and None,
    }
    samples = interleave(works, n, warm=5)
    size = len(render_a5(template))
    scope(
        f"one A5 receipt of {len(template.items)} items, {len(strings)} strings, "
        f"{size:,} bytes; {n} interleaved rounds of {len(works)} sides, each round a new "
        f"number and VietQR payload ({len(qr(0))} characters)"
    )
    rows = [[label, len(samples[label]), *spread_ms(samples[label])] for label in labels.values()]
    print(table(["fee receipt (ms)", "n", "p50", "p95", "max"], rows))
    ratio = rows[0][2] / rows[1][2]
    preview_ratio = rows[2][2] / rows[3][2]
    print(f"receipt / bare canvas at p50: {ratio:.2f}× (n {n} each)")
    print(f"preview with VietQR / bare canvas with QR at p50: {preview_ratio:.2f}× (n {n} each)")
    print(
        verdict_table(
            [
                verdict("fee receipt A5 / bare canvas (p50)", ratio, 1.5, "×", below=False, n=n),
                verdict(
                    "preview with VietQR / bare canvas with QR (p50)",
                    preview_ratio,
                    1.5,
                    "×",
                    below=False,
                    n=n,
                ),
            ]
        )
    )


if __name__ == "__main__":
    main()
