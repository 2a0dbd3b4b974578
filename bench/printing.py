"""Printing benchmark: one receipt (warm) against a bare reportlab canvas drawing the same
text and barcode in the same run; the A5 receipt (laid out until each copy fits its
page); a batch of 100 receipts; rasterising one A4 page at 300 dpi for the printer.
Median, p95 and maximum; verdicts computed from them: receipt p50 < 20 ms and ≤ 1.5× the
bare canvas.

    python bench/printing.py [--n 200]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import spread_ms, table, verdict, verdict_table  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from counter_app.printing.barcodes import code128, draw_code128, draw_qr  # noqa: E402
from counter_app.printing.data import PageOptions  # noqa: E402
from counter_app.printing.fonts import font_family  # noqa: E402
from counter_app.printing.receipt import render_receipt  # noqa: E402
from tests.unit.test_printing import receipt_data  # noqa: E402


def receipt_strings(data) -> list[tuple[str, float, str]]:  # type: ignore[no-untyped-def]
    """(font, size, text) of every string the receipt draws on its first copy, recorded
    from its own drawString calls (barcode caption included)."""
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


def bare_receipt(data, strings: list[tuple[str, float, str]]) -> bytes:  # type: ignore[no-untyped-def]
    """The same strings in the same fonts, and the same symbols, at fixed places: no
    measuring, wrapping, columns or table rules."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    font = font_family().regular
    for _copy in range(2):
        y = 800.0
        for name, size, text in strings:
            canvas.setFont(name, size)
            canvas.drawString(50, y, text)
            y -= 13
        draw_code128(canvas, code128(data.code), 50, 60, 13, font)
        draw_qr(canvas, data.code, 480, 60, 22)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(work: Callable[[], object], n: int) -> list[float]:
    for _ in range(5):  # warm: fonts registered, modules loaded
        work()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float, float, float]:
    """mean, p50, p95, max (ms)."""
    p50, p95, top = spread_ms([s / 1000 for s in samples])
    return statistics.mean(samples), p50, p95, top


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    n = parser.parse_args().n
    data = receipt_data()
    receipt = summary(timed(lambda: render_receipt(data), n))
    strings = receipt_strings(data)
    bare = summary(timed(lambda: bare_receipt(data, strings), n))
    a5 = summary(timed(lambda: render_receipt(data, PageOptions(paper="A5")), n))
    print(table(["receipt PDF, 2 copies, warm (ms)", "n", "mean", "p50", "p95", "max"], [
        ["counter-app render_receipt, A4", n, *receipt],
        [f"bare canvas, the same {len(strings)} strings + codes", n, *bare],
        ["counter-app render_receipt, A5 (fitted)", n, *a5]]))  # fmt: skip
    print(verdict_table([verdict("receipt A4 p50", receipt[1], 20),
                         verdict("receipt A4 / bare canvas (p50)", receipt[1] / bare[1], 1.5,
                                 "×", below=False)]))  # fmt: skip
    start = time.perf_counter()
    for i in range(100):
        render_receipt(receipt_data(code=f"000.00.20.H26-260213-{i:04d}"))
    batch = time.perf_counter() - start
    print(f"100 receipts in a batch: {batch:.2f} s ({100 / batch:.0f} receipts/s)")
    _raster(render_receipt(data))


def _raster(pdf: bytes) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication

    from counter_app.ui.prints.printer import open_pdf

    _app = QGuiApplication.instance() or QGuiApplication([])
    document, _buffer = open_pdf(pdf)
    size = document.pagePointSize(0)
    pixels = QSize(round(size.width() * 300 / 72), round(size.height() * 300 / 72))
    samples = timed(lambda: document.render(0, pixels), 20)
    mean, p50, p95, top = summary(samples)
    print(f"rasterise one A4 page at 300 dpi ({pixels.width()}×{pixels.height()}): "
          f"mean {mean:.1f} ms, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {top:.1f} ms")


if __name__ == "__main__":
    main()
