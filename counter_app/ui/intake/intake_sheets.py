"""The sheets of an intake that is not received: supplement guidance (form 02) when a
required component is missing, refusal (form 03) when the request is not admissible.
Nothing is recorded; the preview opens ready to print."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from counter_app.printing import letters
from counter_app.services import desk
from counter_app.services.intake.intake_file import read_intake
from counter_app.services.printouts import sheets
from counter_app.ui.i18n import tr
from counter_app.ui.prints.print_preview import PrintPreview

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext

TITLES = {"guidance": "Phiếu hướng dẫn bổ sung", "refusal": "Phiếu từ chối"}


class IntakeSheets:
    """Prints for the form that owns it (`parent`): `document` reads what the form holds,
    `failed` shows a refusal next to its fields, `shown` tells that a preview opened."""

    def __init__(
        self,
        parent: QWidget,
        context: AppContext,
        document: Callable[[], dict[str, Any]],
        failed: Callable[[Exception], None],
        shown: Callable[[str], None],
    ) -> None:
        self._form, self._context = parent, context
        self._document, self._failed, self._shown = document, failed, shown
        self.preview: PrintPreview | None = None

    def offer_guidance(self, lacking: list[str]) -> None:
        answer = QMessageBox.question(
            self._form,
            tr("Hồ sơ chưa đủ"),
            tr(
                "Hồ sơ thiếu thành phần bắt buộc nên chưa tiếp nhận:\n{}\n\nIn phiếu hướng dẫn "
                "bổ sung cho công dân?"
            ).format("\n".join(lacking)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.print_guidance(lacking)

    def ask_refusal(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(
            self._form, tr("Từ chối tiếp nhận"), tr("Lý do từ chối:")
        )
        if ok and reason.strip():
            self.print_refusal(reason.strip())

    def print_guidance(self, lacking: list[str]) -> None:
        """Form 02 for the citizen: what to bring back."""
        items, now = "; ".join(lacking), self._context.now
        self._sheet(
            "guidance",
            lambda session, agency, document, officer: letters.render_supplement(
                sheets.guidance(session, agency, document, items, officer, now())
            ),
        )

    def print_refusal(self, reason: str) -> None:
        """Form 03 for an inadmissible request."""
        now = self._context.now
        self._sheet(
            "refusal",
            lambda session, agency, document, officer: letters.render_refusal(
                sheets.refusal(session, agency, document, reason, officer, now())
            ),
        )

    def _sheet(self, kind: str, render: Callable[..., bytes]) -> None:
        form = self._form
        c, s, raw = self._context, self._context.settings, self._document()
        officer = s.officer_name or ""  # a blank line to sign by hand, never a login name

        def work(session: Any) -> bytes:
            document = read_intake(raw | {"documents": []})
            return render(session, desk.desk_agency(session, s.agency_code), document, officer)

        c.tasks.run(
            lambda: c.read(work), lambda pdf: self._show(kind, pdf), self._failed, owner=form
        )

    def _show(self, kind: str, pdf: bytes) -> None:
        self.preview = PrintPreview.for_desk(self._context, pdf, tr(TITLES[kind]), self._form)
        self.preview.show()
        self._shown(kind)
