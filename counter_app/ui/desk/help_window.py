"""F1: a short Vietnamese page of the desk's keys and flows."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from counter_app.ui.assets import help_page
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit


class HelpWindow(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Trợ giúp — phím tắt và cách làm"))
        fit(self, 760, 620)
        self.page = QTextBrowser(openExternalLinks=False)
        self.page.setHtml(help_page(language))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.page.setFocus()
