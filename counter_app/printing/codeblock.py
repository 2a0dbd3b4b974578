"""The dossier code as Code 128 (left) and QR code (right), for receipts and control sheets."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from counter_app.printing.barcodes import code128, draw_code128, draw_qr


def block_height(small: bool) -> float:
    return max((10 if small else 13) * mm + 13, (18 if small else 22) * mm)


def draw_code_block(
    canvas: Canvas,
    code: str,
    qr_value: str,
    font: str,
    x: float,
    bottom: float,
    width: float,
    small: bool,
) -> None:
    """Raises BarcodeError when the code cannot be printed as a barcode that scans."""
    qr_size = 18 if small else 22
    draw_code128(canvas, code128(code), x, bottom, 10 if small else 13, font)
    draw_qr(canvas, qr_value, x + width - qr_size * mm, bottom, qr_size)


class CodeBlock(Flowable):
    """The same block inside a platypus story."""

    def __init__(self, code: str, qr_value: str, font: str, width: float, small: bool) -> None:
        super().__init__()
        code128(code)  # refuse an unprintable code before layout starts
        self.code, self.qr_value, self.font, self.small = code, qr_value, font, small
        self.width, self.height = width, block_height(small)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_code_block(
            self.canv, self.code, self.qr_value, self.font, 0, 0, self.width, self.small
        )
