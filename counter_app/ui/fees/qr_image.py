"""A QR symbol drawn as a pixmap for a screen: the same modules the printed receipt draws
(printing/barcodes.qr_rows), black on white with its quiet zone, whole pixels a module."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from counter_app.printing.barcodes import QR_QUIET, qr_rows


def qr_pixmap(payload: str, side: int) -> QPixmap:
    rows = qr_rows(payload)
    modules = len(rows) + 2 * QR_QUIET
    module = max(1, side // modules)
    image = QImage(modules * module, modules * module, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, runs in enumerate(rows):
        for start, length in runs:
            painter.drawRect(
                (start + QR_QUIET) * module, (y + QR_QUIET) * module, length * module, module
            )
    painter.end()
    return QPixmap.fromImage(image)
