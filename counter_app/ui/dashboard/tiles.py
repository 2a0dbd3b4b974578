"""A row of the dashboard's figures (its tiles, the digitisation rates, the portal's
counts): each a framed name over its value, large and bold."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from counter_app.ui.i18n import tr


def tile_row(
    names: Sequence[str], values: Sequence[QLabel], points: int = 20, wrap: bool = False
) -> QHBoxLayout:
    """`values[i]` under the translated `names[i]`; `wrap`: long names on two lines."""
    row = QHBoxLayout()
    for name, value in zip(names, values, strict=True):
        frame = QFrame(frameShape=QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        box.addWidget(QLabel(tr(name), wordWrap=wrap))
        value.setStyleSheet(f"font-size: {points}pt; font-weight: bold")
        box.addWidget(value)
        row.addWidget(frame)
    return row
