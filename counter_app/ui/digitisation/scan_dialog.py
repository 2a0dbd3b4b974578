"""Scanning one checklist line: pages come in while the scanner works (a progress bar, the
window answering), each previewed; the officer turns, reorders and drops pages by keyboard,
then saves them as one PDF/A through the panel (record.digitise in a worker).

Keys: F9 scans (more pages are added after those there), Up/Down choose a page,
Ctrl+Up/Ctrl+Down move it, Ctrl+Right/Ctrl+Left turn it 90°, Delete drops it, Ctrl+S saves,
Esc cancels a scan under way (nothing of it kept) or closes (asking if pages would be lost).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.digitisation.pages_model import ICON, PagesModel, ScannedPage
from counter_app.ui.digitisation.scan_worker import ScanWorker
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext
    from counter_app.ui.digitisation.panel import ChecklistPanel

MODES = (("lineart", "Đen trắng"), ("gray", "Xám"), ("color", "Màu"))
DPIS = (300, 200, 150)


class PageCount(QSpinBox):
    """Reached by Alt+T, its number is selected: typing replaces it (Qt selects it only
    when reached by Tab)."""

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        super().focusInEvent(event)
        # now, so that a digit typed at once (a fast typist, xdotool) replaces the number;
        # and once more after the click that may have brought focus has placed the cursor
        self.selectAll()
        QTimer.singleShot(0, self.selectAll)
        self._fresh = True

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        # the first digit after reaching the field replaces the number whatever the cursor
        # (a digit typed before the selection took place went before the 1: 21 pages)
        if getattr(self, "_fresh", False) and event.text().isdigit():
            self.lineEdit().clear()
        self._fresh = False
        super().keyPressEvent(event)


class ScanDialog(QDialog):
    scan_ended = Signal(str)  # "scanned" | "cancelled" | "failed"
    saved = Signal(object)  # record.Digitised

    def __init__(
        self,
        context: AppContext,
        panel: ChecklistPanel,
        item: int | str,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._panel, self.item = context, panel, item
        self.worker: ScanWorker | None = None
        self._run = self._serial = 0
        self._close_after_scan = False
        self.setWindowTitle(tr("Quét giấy tờ: {}").format(name))
        fit(self, 900, 680)
        self.pages = PagesModel(self)
        self.list = QListView(iconSize=ICON, spacing=4)
        self.list.setModel(self.pages)
        self.list.setMaximumWidth(260)
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, minimumSize=ICON)
        self.mode, self.dpi = QComboBox(), QComboBox()
        for value, text in MODES:
            self.mode.addItem(tr(text), value)
        for value in DPIS:
            self.dpi.addItem(f"{value} dpi", value)
        self.count = PageCount(minimum=1, maximum=200, value=1)
        self.feeder = QCheckBox(tr("Khay nạp giấy tự động"))
        self.progress = QProgressBar(visible=False, textVisible=True)
        self.status = QLabel(wordWrap=True)
        self.scan_button = QPushButton(tr("Quét (F9)"))
        self.cancel_button = QPushButton(tr("Hủy quét (Esc)"), enabled=False)
        self.save_button = QPushButton(tr("Lưu (Ctrl+S)"), enabled=False)
        self._lay_out()
        self._connect()
        self.scan_button.setFocus()

    def _lay_out(self) -> None:
        options = QHBoxLayout()
        for label, widget in (
            (tr("Chế &độ:"), self.mode),
            (tr("Độ &phân giải:"), self.dpi),
            (tr("Số &trang:"), self.count),
        ):
            text = QLabel(label)
            text.setBuddy(widget)
            options.addWidget(text)
            options.addWidget(widget)
        options.addWidget(self.feeder)
        options.addStretch()
        pages = QHBoxLayout()
        pages.addWidget(self.list)
        pages.addWidget(self.preview, 1)
        keys = QLabel(
            tr(
                "Lên/Xuống: chọn trang · Ctrl+Lên/Xuống: đổi thứ tự · Ctrl+Phải/Trái: xoay 90° · "
                "Delete: bỏ trang"
            ),
            wordWrap=True,
        )
        buttons = QHBoxLayout()
        for button in (self.scan_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addLayout(pages, 1)
        layout.addWidget(keys)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.save_button.clicked.connect(self.save)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_preview())
        self.pages.dataChanged.connect(lambda *_: self._show_preview())
        self.pages.modelReset.connect(self._pages_changed)
        self.pages.rowsInserted.connect(self._pages_changed)
        self.pages.rowsRemoved.connect(self._pages_changed)
        for keys, do in (
            ("F9", self.start_scan),
            ("Ctrl+S", self.save),
            ("Ctrl+Up", lambda: self.move_page(-1)),
            ("Ctrl+Down", lambda: self.move_page(1)),
            ("Ctrl+Right", lambda: self.rotate_page(90)),
            ("Ctrl+Left", lambda: self.rotate_page(-90)),
            ("Delete", self.drop_page),
        ):
            QShortcut(QKeySequence(keys), self, activated=do)

    @property
    def scanning(self) -> bool:
        return self.worker is not None

    def start_scan(self) -> None:
        if self.scanning:
            return
        self._run += 1
        feeder = self.feeder.isChecked()
        self.count.interpretText()  # what is typed, even before the field is left
        count = self.count.value()
        self.worker = worker = ScanWorker(
            self._context.digitisation.scanner(),
            self._context.digitisation.device(),
            count,
            int(self.dpi.currentData()),
            self.mode.currentData(),
            feeder,
        )
        worker.page_scanned.connect(self._on_page)
        worker.scanned.connect(lambda n: self._ended("scanned", tr("Đã quét {} trang.").format(n)))
        worker.cancelled.connect(
            lambda: self._ended(
                "cancelled", tr("Đã hủy quét: không giữ trang nào của lần quét này.")
            )
        )
        worker.failed.connect(lambda text: self._ended("failed", text))
        self.progress.setRange(0, count)
        self.progress.setValue(0)
        self.progress.setFormat(tr("Đang quét trang %v/%m…"))
        self.progress.show()
        self.status.setText(tr("Đang quét… (Esc: hủy)"))
        self._set_busy(True)
        worker.start()

    def _on_page(self, index: int, data: bytes, preview: bytes) -> None:
        self._serial += 1
        self.pages.add(ScannedPage(data, preview, self._run, self._serial))
        self.progress.setValue(index + 1)
        self.list.setCurrentIndex(self.pages.index(self.pages.rowCount() - 1))

    def cancel_scan(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText(tr("Đang dừng máy quét…"))
            self.cancel_button.setEnabled(False)

    def _ended(self, how: str, text: str) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()  # the thread has emitted its last signal: it ends at once
            worker.deleteLater()
        if how != "scanned":
            self.pages.take_back(self._run)
        self.progress.hide()
        self.status.setText(text)
        self._set_busy(False)
        self.scan_ended.emit(how)
        if self._close_after_scan:
            self._close_after_scan = False
            self.reject()

    def _set_busy(self, busy: bool) -> None:
        self.scan_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.save_button.setEnabled(not busy and self.pages.rowCount() > 0)
        if busy:
            self.cancel_button.setFocus()
        else:  # the pages next, by keyboard: turn, move, drop, Ctrl+S
            (self.list if self.pages.rowCount() else self.scan_button).setFocus()

    def _pages_changed(self, *_: Any) -> None:
        self.save_button.setEnabled(not self.scanning and self.pages.rowCount() > 0)
        self._show_preview()

    def _row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    def _show_preview(self) -> None:
        row = self._row()
        if row < 0 or row >= self.pages.rowCount():
            self.preview.clear()
            return
        size = self.preview.size()
        self.preview.setPixmap(
            QPixmap.fromImage(self.pages.image(row)).scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def rotate_page(self, degrees: int) -> None:
        self.pages.rotate(self._row(), degrees)

    def move_page(self, step: int) -> None:
        row = self._row()
        if self.pages.move(row, row + step):
            self.list.setCurrentIndex(self.pages.index(row + step))

    def drop_page(self) -> None:
        row = self._row()
        if row < 0:
            return
        self.pages.drop(row)
        if self.pages.rowCount():
            self.list.setCurrentIndex(self.pages.index(min(row, self.pages.rowCount() - 1)))

    def save(self) -> None:
        if self.scanning or not self.pages.rowCount() or not self.save_button.isEnabled():
            return
        from counter_app.digitisation.pdfa import Page
        from counter_app.digitisation.record import Scanned

        chosen = tuple(Page(p.data, p.rotation) for p in self.pages.pages)
        self.save_button.setEnabled(False)
        self.scan_button.setEnabled(False)
        self.status.setText(tr("Đang lưu {} trang…").format(len(chosen)))
        self._panel.save(
            self.item,
            lambda: Scanned(chosen),
            signable=True,
            on_done=self._on_saved,
            on_failed=self._on_save_failed,
        )

    def _on_saved(self, result: Any) -> None:
        self.pages.clear()  # the pages are the document now: nothing to ask about
        self.saved.emit(result)
        self.accept()

    def _on_save_failed(self, text: str) -> None:
        self.status.setText(text)
        self._set_busy(False)

    def reject(self) -> None:
        """Esc: a scan under way is cancelled first; pages not saved are asked about."""
        if self.scanning:
            self._close_after_scan = False
            self.cancel_scan()
            return
        if self.pages.rowCount():
            answer = QMessageBox.question(
                self,
                tr("Bỏ các trang đã quét?"),
                tr("Các trang đã quét chưa được lưu. Đóng cửa sổ và bỏ chúng?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.scanning:  # closed mid-scan: the scan is stopped, the window closes after
            self._close_after_scan = True
            self.cancel_scan()
            event.ignore()
            return
        super().closeEvent(event)
