"""Printing benchmark: a receipt with a new code (what a reception prints) against a bare
reportlab canvas drawing the same strings, barcode and QR code, interleaved in the same run;
the first receipt of a fresh process (the first print of the day); the A5 receipt; a batch
of 100 receipts; rasterising one A4 page at 300 dpi for the printer.

    python bench/printing.py [--n 200] [--cold 10]

Warm, interleaved (`_common.interleave`: one sample of each side per round, the order
rotated each round), n rounds after 5 warm ones: each round makes a new dossier code, and
every side draws that code, so the barcode and QR caches (`qr_rows`) cannot serve a receipt:
* our receipt, A4, two copies (`render_receipt`), a new code — the headline figure;
* the bare canvas: the very strings and fonts the receipt draws (recorded from its own
  drawString calls, the code replaced by the round's), at fixed places, and the code's
  symbols computed by the libraries (python-barcode's Code 128, reportlab's QR encoder at
  level M) and drawn by the bench itself, each dark run a rectangle of one path per
  symbol: nothing of counter_app.printing.barcodes, no cache. (reportlab's own widgets
  were tried as this baseline: their QR draws every module as a shape of its own, and
  took 2.6× our whole receipt, a baseline that measures nothing of ours);
* our receipt with the same code every time (its QR from the cache: for reference);
* the A5 receipt (laid out until each copy fits its page), a new code.
Cold: `--cold` fresh processes of each side, alternated (receipt, bare, bare, receipt…),
each timing its imports and its first drawing, then a second one. Median, p95 (from 20
samples) and max, n beside each; verdicts computed from them: a receipt with a new code
p50 < 20 ms and ≤ 1.3× the bare canvas (issue 19).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import barcode  # noqa: E402
from _common import interleave, scope, spread_ms, table, verdict, verdict_table  # noqa: E402
from reportlab.graphics.barcode import qrencoder  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from counter_app.printing.barcodes import DOT_MM, MODULE_DOTS, QR_QUIET, QUIET_MODULES  # noqa: E402
from counter_app.printing.data import PageOptions  # noqa: E402
from counter_app.printing.fonts import font_family  # noqa: E402
from counter_app.printing.receipt import render_receipt  # noqa: E402
from tests.unit.test_printing import receipt_data  # noqa: E402

AGENCY = "000.00.20.H26"
_made = iter(range(10**9))


def new_code() -> str:
    """A dossier code never drawn before in this process (9,999 a day from 2026-01-01)."""
    k = next(_made)
    return f"{AGENCY}-{date(2026, 1, 1) + timedelta(k // 9999):%y%m%d}-{k % 9999 + 1:04d}"


def receipt_strings(data) -> list[tuple[str, float, str]]:  # type: ignore[no-untyped-def]
    """(font, size, text) of every string the receipt draws on its first copy, recorded
    from its own drawString calls."""
    drawn: list[tuple[str, float, str]] = []
    original = Canvas.drawString

    def record(self, x, y, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append((self._fontname, self._fontsize, text))
        return original(self, x, y, text, *args, **kwargs)

    Canvas.drawString = record  # type: ignore[method-assign]
    try:
        render_receipt(data)
    finally:
        Canvas.drawString = original  # type: ignore[method-assign]
    return drawn[: len(drawn) // 2]


def bare_symbols(canvas: Canvas, code: str, x: float, y: float) -> None:
    """The code's symbols as a plain canvas program draws them: the libraries compute them
    (python-barcode's Code 128 modules, reportlab's QR encoder at level M), the bench draws
    each dark run as a rectangle of one path per symbol, and the caption under the bars;
    nothing of counter_app.printing.barcodes, no cache."""
    module = MODULE_DOTS[0] * DOT_MM * mm
    bars = canvas.beginPath()
    left = x + QUIET_MODULES * module
    for start, length in runs(barcode.get("code128", code, writer=None).build()[0]):
        bars.rect(left + start * module, y + 11, length * module, 13 * mm)
    canvas.drawPath(bars, stroke=0, fill=1)
    canvas.setFont(font_family().regular, 9)
    canvas.drawCentredString(x + 40 * mm, y, code)
    symbol = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    symbol.addData(code)
    symbol.make()
    size = symbol.getModuleCount()
    side = 22 * mm / (size + 2 * QR_QUIET)
    squares = canvas.beginPath()
    for r in range(size):
        row = "".join("1" if symbol.isDark(r, c) else "0" for c in range(size))
        top = y + 60 + (size + QR_QUIET - r) * side
        for start, length in runs(row):
            squares.rect(x + 430 + (QR_QUIET + start) * side, top - side, length * side, side)
    canvas.drawPath(squares, stroke=0, fill=1)


def runs(modules: str) -> list[tuple[int, int]]:
    """(start, length) of each run of "1" in a row of modules."""
    found, start = [], None
    for index, bit in enumerate(modules + "0"):
        if bit == "1" and start is None:
            start = index
        elif bit == "0" and start is not None:
            found.append((start, index - start))
            start = None
    return found


def bare_receipt(code: str, template: str, strings: list[tuple[str, float, str]]) -> bytes:
    """The receipt's strings in the same fonts (the template's code replaced by `code`) at
    fixed places, no measuring, wrapping, columns or table rules; the code's symbols as a
    plain canvas program draws them (`bare_symbols`)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    font_family()  # the fonts registered, as the receipt has them
    for _copy in range(2):
        y = 800.0
        for name, size, text in strings:
            canvas.setFont(name, size)
            canvas.drawString(50, y, text.replace(template, code))
            y -= 13
        bare_symbols(canvas, code, 50, 60)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def summary(samples: list[float]) -> tuple[float, float, float, float]:
    """mean, p50, p95, max (ms) of samples in seconds."""
    p50, p95, top = spread_ms(samples)
    return statistics.mean(samples) * 1000 if samples else float("nan"), p50, p95, top


CHILD = """
import sys, time
started = time.perf_counter()
sys.path[:0] = [sys.argv[2], sys.argv[2] + "/bench"]
import printing
from tests.unit.test_printing import receipt_data
if sys.argv[1] == "receipt":
    work = lambda: printing.render_receipt(receipt_data(code=printing.new_code()))
else:
    template = receipt_data().code
    work = lambda: printing.bare_receipt(printing.new_code(), template, printing.STRINGS)
printing.STRINGS = printing.load_strings(sys.argv[3])
work()
first = time.perf_counter() - started
t = time.perf_counter()
work()
print(first, time.perf_counter() - t)
"""


def load_strings(path: str) -> list[tuple[str, float, str]]:
    import json

    return [tuple(s) for s in json.loads(open(path, encoding="utf-8").read())]  # type: ignore[misc]


def cold(kind: str, strings_file: str) -> tuple[float, float]:
    """A fresh process's first drawing (imports, fonts registered, first code) and its
    second, in seconds."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, root, strings_file],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    first, second = done.stdout.split()[-2:]
    return float(first), float(second)


def main() -> None:
    import json
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="interleaved rounds (warm)")
    parser.add_argument("--cold", type=int, default=10, help="fresh processes of each side")
    args = parser.parse_args()
    n = args.n
    template = receipt_data()
    strings = receipt_strings(template)
    same = receipt_data(code=new_code())
    codes: dict[int, str] = {}

    bare_label = f"bare canvas: the same {len(strings)} strings, its own Code 128 + QR, new code"

    def code_of(i: int) -> str:  # the round's new code, shared by A4 and bare (whose QR
        # widget does not use our cache); A5 makes its own
        if i not in codes:
            codes[i] = new_code()
        return codes[i]

    works: dict[str, Callable[[int], float | None]] = {
        "receipt A4, new code (render_receipt)": lambda i: (
            render_receipt(receipt_data(code=code_of(i))) and None
        ),
        bare_label: lambda i: bare_receipt(code_of(i), template.code, strings) and None,
        "receipt A4, the same code every time (QR from the cache)": lambda i: (
            render_receipt(same) and None
        ),
        "receipt A5 (fitted), new code": lambda i: (
            render_receipt(receipt_data(code=new_code()), PageOptions(paper="A5")) and None
        ),
    }
    samples = interleave(works, n, warm=5)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(strings, f)
    kinds = ["receipt", "bare"]
    firsts: dict[str, list[tuple[float, float]]] = {k: [] for k in kinds}
    for i in range(args.cold):
        for kind in kinds[i % 2 :] + kinds[: i % 2]:
            firsts[kind].append(cold(kind, f.name))
    os.unlink(f.name)
    scope(
        f"receipts of 2 copies, {len(strings)} strings each; {n} interleaved rounds of "
        f"{len(works)} sides, {len(codes)} distinct new codes; {args.cold} fresh processes "
        f"of each side"
    )
    rows = [[name, len(t), *summary(t)] for name, t in samples.items()]
    for kind, label in (
        ("receipt", "cold: fresh process, first receipt (imports included)"),
        ("bare", "cold: fresh process, first bare canvas (imports included)"),
    ):
        rows += [
            [label, len(firsts[kind]), *summary([a for a, _ in firsts[kind]])],
            ["  its second", len(firsts[kind]), *summary([b for _, b in firsts[kind]])],
        ]
    print(table(["receipt PDF, 2 copies (ms)", "n", "mean", "p50", "p95", "max"], rows))
    receipt, bare = rows[0], rows[1]
    ratio = receipt[3] / bare[3]
    print(f"receipt with a new code / bare canvas at p50: {ratio:.2f}× (n {n} each)")
    print(
        verdict_table(
            [
                verdict("receipt A4, new code, p50", receipt[3], 20, n=n),
                verdict(
                    "receipt A4, new code / bare canvas (p50)", ratio, 1.3, "×", below=False, n=n
                ),
                verdict(
                    "cold: first receipt / first bare canvas (p50)",
                    rows[4][3] / rows[6][3],
                    1.3,
                    "×",
                    below=False,
                    n=args.cold,
                ),
            ]
        )
    )
    start = time.perf_counter()
    for _ in range(100):
        render_receipt(receipt_data(code=new_code()))
    batch = time.perf_counter() - start
    print(f"100 receipts in a batch, new codes: {batch:.2f} s ({100 / batch:.0f} receipts/s)")
    _raster(render_receipt(template))


def _raster(pdf: bytes) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication

    from counter_app.ui.prints.printer import open_pdf

    _app = QGuiApplication.instance() or QGuiApplication([])
    document, _buffer = open_pdf(pdf)
    size = document.pagePointSize(0)
    pixels = QSize(round(size.width() * 300 / 72), round(size.height() * 300 / 72))
    samples = interleave({"raster": lambda _i: document.render(0, pixels) and None}, 20, warm=3)
    mean, p50, p95, top = summary(samples["raster"])
    print(
        f"rasterise one A4 page at 300 dpi ({pixels.width()}×{pixels.height()}), n 20: "
        f"mean {mean:.1f} ms, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {top:.1f} ms"
    )


if __name__ == "__main__":
    main()
