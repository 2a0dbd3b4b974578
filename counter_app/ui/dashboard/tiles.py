"""A row of the dashboard's figures (its tiles, the digitisation rates, the portal's
counts, the satisfaction page's): each a framed name over its value, large and bold, and
where a figure is made of others, a note under it that says of which."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from counter_app.ui.i18n import tr


def tile_row(
    names: Sequence[str],
    values: Sequence[QLabel],
    points: int = 20,
    wrap: bool = False,
    notes: Mapping[int, QLabel] | None = None,
) -> QHBoxLayout:
    """`values[i]` under the translated `names[i]`; `wrap`: long names on two lines;
    `notes[i]`: a smaller text under value i, its tile three times as wide as the others."""
    row = QHBoxLayout()
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        frame = QFrame(frameShape=QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        box.addWidget(QLabel(tr(name), wordWrap=wrap))
        value.setStyleSheet(f"font-size: {points}pt; font-weight: bold")
        box.addWidget(value)
        note = (notes or {}).get(i)
        if note is not None:
            note.setWordWrap(True)
            box.addWidget(note)
        row.addWidget(frame, 0 if not notes else 3 if note is not None else 1)
    return row
