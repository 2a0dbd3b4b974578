"""The three choices as a citizen who does not read well sees them: a colour and a face
(smiling, content, unhappy), drawn here so that no font or icon file is needed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

# score: (colour of the button, the face's mouth: how far its middle bends down, in px)
LOOKS = {3: ("#2e7d32", 22.0), 2: ("#1565c0", 9.0), 1: ("#c62828", -16.0)}


def face(score: int, size: int = 128) -> QIcon:
    colour, bend = LOOKS[score]
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = size / 128
    painter.scale(scale, scale)
    painter.setPen(QPen(QColor("white"), 6))
    painter.setBrush(QColor(colour).lighter(115))
    painter.drawEllipse(QRectF(6, 6, 116, 116))
    painter.setBrush(QColor("white"))
    for x in (44, 84):
        painter.drawEllipse(QPointF(x, 50), 7, 9)
    mouth = QPainterPath(QPointF(38, 86))
    mouth.quadTo(QPointF(64, 86 + 2 * bend), QPointF(90, 86))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(mouth)
    painter.end()
    return QIcon(pixmap)
