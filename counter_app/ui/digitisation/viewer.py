"""A stored document on screen (QtPdf), with what can be trusted about it: its bytes checked
against the SHA-256 recorded, and its signature's state (pades.verify with the agency's
trusted roots). Both are worked out in a worker; the window shows "Đang kiểm tra…" meanwhile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from counter_app.messages import for_people
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit

if TYPE_CHECKING:
    from counter_app.signing.base import SignatureState
    from counter_app.ui.app import AppContext

HASH_OK = "Mã SHA-256 khớp với bản đã lưu: tệp còn nguyên vẹn."
STATES = {
    "none": "Tài liệu chưa được ký số.",
    "valid": "Chữ ký số hợp lệ.",
    "invalid": "Chữ ký số KHÔNG hợp lệ: tài liệu đã bị sửa sau khi ký hoặc chữ ký bị hỏng.",
    "untrusted": "Tài liệu còn nguyên vẹn như khi ký, nhưng không xác minh được chuỗi chứng thư.",
}


@dataclass(frozen=True)
class Checked:
    pdf: bytes
    signature: SignatureState


class DocumentViewer(QDialog):
    checked = Signal(object)  # the Checked shown

    def __init__(
        self,
        context: AppContext,
        code: str,
        item: int | str,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._code, self._item = context, code, item
        self.setWindowTitle(tr("Giấy tờ số hóa: {} — hồ sơ {}").format(name, code))
        fit(self, 760, 900)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.document = None
        self._buffer = None
        self.signature = QLabel(tr("Đang kiểm tra chữ ký số…"), wordWrap=True)
        self.integrity = QLabel(tr("Đang kiểm tra mã SHA-256…"), wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.signature)
        layout.addWidget(self.integrity)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        from counter_app.digitisation.listing import document_bytes
        from counter_app.signing.pades import verify

        c, code, item, tools = self._context, self._code, self._item, self._context.digitisation

        def work() -> Checked:
            _fetch_if_elsewhere(c.settings.db_url, tools.store(), c, code, item)
            pdf = c.look(
                lambda s, _who: document_bytes(s, code, item, tools.store()),
                code=lambda _: code,
                detail=lambda _: {"document": str(item)},
            )
            return Checked(pdf, verify(pdf, tools.roots()))

        c.tasks.run(work, self._on_checked, self._on_failed, owner=self)

    def _on_checked(self, got: Checked) -> None:
        from counter_app.ui.prints.printer import open_pdf

        self.document, self._buffer = open_pdf(got.pdf)
        self.view.setDocument(self.document)
        self.integrity.setText(tr(HASH_OK))
        s = got.signature
        text = tr(STATES[s.kind])
        if s.kind in ("valid", "untrusted") and s.signer:
            when = ""
            if s.signed_at is not None:
                from counter_app.formats import show_datetime

                when = " " + tr("lúc {}").format(show_datetime(s.signed_at))
            text += " " + tr("Người ký: {}{}.").format(s.signer, when)
        self.signature.setText(text)
        colour = {"valid": "#060", "invalid": "#a00", "untrusted": "#a60"}.get(s.kind, "")
        self.signature.setStyleSheet(f"color: {colour}" if colour else "")
        self.checked.emit(got)

    def _on_failed(self, error: Exception) -> None:
        self.signature.setText("")
        self.integrity.setText(for_people(error))
        self.integrity.setStyleSheet("color: #a00")


def _fetch_if_elsewhere(db_url: str, store: Any, c: Any, code: str, item: int | str) -> None:
    """The line's file digitised on another desk and not here yet: brought from the office
    server first (worker thread; the window shows a wait meanwhile). Nothing to do when it
    is here; without a server, document_bytes then says the file is missing."""
    from counter_app.digitisation.listing import documents
    from counter_app.sync import documents as shared

    found = c.look(lambda s, _who: documents(s, code, store), code=lambda _: code)
    for line in found.lines:
        now = line.current
        if str(line.item) == str(item) and now is not None and now.sha256 and not now.here:
            shared.fetch(db_url, now.sha256)
