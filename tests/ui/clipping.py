"""Texts a window cuts short: labels given less room than their text needs, and table
headings narrower than their words (issue 18, point 10: "Phông chữ in" squashed, the lock
page's fields, "· thành phần hồ" in the catalog)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QStyle, QWidget

SLACK_PX = 1  # rounding of font metrics


def clipped(window: QWidget) -> list[str]:
    """What of the window's visible texts does not fit the room it was given."""
    return [*_labels(window), *_headings(window)]


def _labels(window: QWidget) -> list[str]:
    found = []
    for label in window.findChildren(QLabel):
        if not (label.isVisible() and label.window() is window and label.text()):
            continue
        inner = label.contentsRect()
        if label.wordWrap():  # wraps to the width it has: needs the height of its lines
            width, height = inner.width(), label.heightForWidth(label.width())
            need = (0, height - (label.height() - inner.height()))
        else:
            width, need = inner.width(), (label.sizeHint().width(), label.sizeHint().height())
            need = (need[0] - (label.width() - width), need[1] - (label.height() - inner.height()))
        if need[0] > width + SLACK_PX or need[1] > inner.height() + SLACK_PX:
            found.append(f"{label.text()!r}: {width}×{inner.height()} for {need[0]}×{need[1]}")
    return found


def _headings(window: QWidget) -> list[str]:
    found = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        header = getattr(view, "horizontalHeader", lambda: None)()
        if not (
            view.isVisible()
            and view.window() is window
            and model is not None
            and isinstance(header, QHeaderView)
            and header.isVisible()
        ):
            continue
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        metrics = header.fontMetrics()
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            need = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 2 * margin
            if header.sectionSize(section) + SLACK_PX < need:
                found.append(f"heading {text!r}: {header.sectionSize(section)} for {need}")
    return found
