"""Preview of a printed form (QtPdf), with Print and Save as PDF.

The PDF arrives as bytes (made off the GUI thread by the caller); printing runs in the
thread pool. With no printer installed the officer is told so and offered Save as PDF,
never a silent failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import for_people
from counter_app.ui.i18n import tr
from counter_app.ui.prints.printer import (
    PrinterChoice,
    installed_printers,
    make_printer,
    open_pdf,
    print_pdf,
)
from counter_app.ui.save_dialog import ask_save_path
from counter_app.ui.screen_fit import fit
from counter_app.ui.tasks import Tasks

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext


class PrintPreview(QDialog):
    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # path of the PDF written
    failed = Signal(str)  # what went wrong, for the officer

    def __init__(
        self,
        pdf: bytes,
        title: str,
        tasks: Tasks,
        choice: PrinterChoice,
        silent: bool = False,
        parent: QWidget | None = None,
        export_dir: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit(self, 760, 900)
        self._pdf, self._title, self._tasks, self._choice = pdf, title, tasks, choice
        self._silent, self._export_dir = silent, export_dir
        self.document, self._buffer = open_pdf(pdf)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.status = QLabel(tr("{} trang").format(self.document.pageCount()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(tr("In (Ctrl+P)"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton(tr("Lưu PDF…"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    @classmethod
    def for_desk(
        cls, context: AppContext, pdf: bytes, title: str, parent: QWidget | None = None
    ) -> PrintPreview:
        """A preview printing as the desk's settings say (printer, resolution, silence)."""
        s = context.settings
        return cls(
            pdf,
            title,
            context.tasks,
            PrinterChoice(s.printer, s.print_dpi),
            s.print_silently,
            parent,
            s.export_dir,
        )

    def _on_print_clicked(self) -> None:
        if not installed_printers():
            QMessageBox.information(
                self,
                tr("Chưa có máy in"),
                tr(
                    "Máy tính này chưa cài máy in nào. Hãy lưu phiếu thành tệp PDF để in sau "
                    "hoặc in ở máy khác."
                ),
            )
            self._on_save_clicked()
            return
        printer = make_printer(self._choice)
        if not self._silent and QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print in the background; `printed` or `failed` arrives on the GUI thread."""
        self.print_button.setEnabled(False)
        self.status.setText(tr("Đang in…"))
        pdf, dpi = self._pdf, self._choice.dpi
        self._tasks.run(
            lambda: print_pdf(pdf, printer, dpi), self._on_printed, self._on_failed, owner=self
        )

    def _on_printed(self, pages: int) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(tr("Đã gửi {} trang tới máy in.").format(pages))
        self.printed.emit(pages)

    def _on_failed(self, error: Exception) -> None:
        self.print_button.setEnabled(True)
        message = tr("Không in được: {}").format(for_people(error))
        self.status.setText(message)
        self.failed.emit(message)

    def _on_save_clicked(self) -> None:
        path = ask_save_path(
            self, tr("Lưu phiếu"), f"{self._title}.pdf", tr("Tệp PDF (*.pdf)"), self._export_dir
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        pdf = self._pdf

        def write() -> str:
            path.write_bytes(pdf)
            return str(path)

        self._tasks.run(write, self._on_saved, self._on_failed, owner=self)

    def _on_saved(self, path: str) -> None:
        self.status.setText(tr("Đã lưu {}").format(path))
        self.saved.emit(path)
