"""The pages of a scan before they are saved: in the order chosen, each with its rotation
(90° steps) and a preview image made in the scanning worker. The page bytes themselves
never change: the rotation goes to the PDF's page (pdfa.Page.rotation)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QTransform

from counter_app.ui.i18n import tr
from counter_app.ui.table_base import DISPLAY, Index

PREVIEW_PX = 700  # the preview's longest side, made by the worker
ICON = QSize(120, 120)


@dataclass(frozen=True)
class ScannedPage:
    data: bytes  # the scanner's page (TIFF G4 or JPEG), stored as it is
    preview: bytes  # a small JPEG of it, for the screen only
    run: int  # which scan it came from (a cancelled scan's pages are taken back)
    serial: int  # the page's own number in this window
    rotation: int = 0


def preview_of(data: bytes) -> bytes:
    """A small JPEG of a page (worker thread: Pillow reads G4 TIFF, Qt may not)."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((PREVIEW_PX, PREVIEW_PX))
        out = io.BytesIO()
        image.convert("L" if image.mode in ("1", "L") else "RGB").save(out, "JPEG", quality=80)
    return out.getvalue()


class PagesModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.pages: list[ScannedPage] = []
        self._images: dict[int, QImage] = {}  # serial -> decoded preview

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.pages)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        page = self.pages[index.row()]
        if role == DISPLAY:
            text = tr("Trang {}").format(index.row() + 1)
            if page.rotation:
                text += " " + tr("(xoay {}°)").format(page.rotation)
            return text
        if role == int(Qt.ItemDataRole.DecorationRole):
            return QPixmap.fromImage(self.image(index.row())).scaled(
                ICON, Qt.AspectRatioMode.KeepAspectRatio
            )
        return None

    def image(self, row: int) -> QImage:
        """The page's preview as it will be shown in the PDF (rotated)."""
        page = self.pages[row]
        image = self._images.get(page.serial)
        if image is None:
            image = self._images[page.serial] = QImage.fromData(QByteArray(page.preview))
        return image.transformed(QTransform().rotate(page.rotation)) if page.rotation else image

    def add(self, page: ScannedPage) -> None:
        row = len(self.pages)
        self.beginInsertRows(QModelIndex(), row, row)
        self.pages.append(page)
        self.endInsertRows()

    def take_back(self, run: int) -> None:
        """A scan cancelled or failed: its pages go."""
        self.beginResetModel()
        self.pages = [p for p in self.pages if p.run != run]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.pages, self._images = [], {}
        self.endResetModel()

    def rotate(self, row: int, degrees: int) -> None:
        if 0 <= row < len(self.pages):
            page = self.pages[row]
            self.pages[row] = replace(page, rotation=(page.rotation + degrees) % 360)
            self.dataChanged.emit(self.index(row), self.index(row))

    def move(self, row: int, to: int) -> bool:
        if not (0 <= row < len(self.pages) and 0 <= to < len(self.pages)) or row == to:
            return False
        self.beginResetModel()
        self.pages.insert(to, self.pages.pop(row))
        self.endResetModel()
        return True

    def drop(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.beginRemoveRows(QModelIndex(), row, row)
            page = self.pages.pop(row)
            self._images.pop(page.serial, None)
            self.endRemoveRows()
