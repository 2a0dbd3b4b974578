"""Reception, keyboard only: find the procedure by typing (the best match first, ↑/↓ and
Enter), fill the applicant (checked as typed, the reason next to the field), tick the
documents, see the chosen procedure and the appointment at the top, save with Ctrl+S.
Missing required documents: the save is refused and the supplement guidance sheet is
offered; an inadmissible request: the refusal sheet. The same applicant and procedure
received here within 30 minutes: asked before a second dossier is made. Closing with
typed data asks first."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.formats import show_datetime
from counter_app.services import desk
from counter_app.services.applicants.id_card import read_id_card
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake, reception
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.intake.applicant_fields import ApplicantFields
from counter_app.ui.intake.intake_models import ChecklistModel
from counter_app.ui.intake.intake_saving import Saving
from counter_app.ui.intake.intake_sheets import IntakeSheets
from counter_app.ui.intake.procedure_picker import ProcedurePicker
from counter_app.ui.table_base import TableView
from counter_app.ui.unsaved import KeepsWork

CHANNELS = (("direct", "Trực tiếp"), ("postal", "Qua bưu chính"), ("online", "Trực tuyến"))
RED = "color: #a00"


class IntakeForm(Saving, KeepsWork, QWidget):
    received = Signal(str)  # the new dossier's code
    refused = Signal(str)  # why the save was refused
    missing_documents = Signal(list)  # required components not ticked
    appointment_shown = Signal(str)
    sheet_shown = Signal(str)  # "guidance" | "refusal", its preview is open

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.procedure_code: str | None = None
        self._saving = False  # a second Ctrl+S while saving must not receive twice
        self._done = False  # recorded: closing asks nothing
        self._duration = ""
        # One reception, one request: a save retried after a failure (the database was
        # busy, the desk was closed mid-way) returns the dossier already recorded.
        self._request_id = str(uuid.uuid4())
        self.checklist = ChecklistModel(self)
        self.sheets = IntakeSheets(
            self, context, self.document, self._on_refused, self.sheet_shown.emit
        )
        self._build()
        self._recompute = QTimer(self, singleShot=True, interval=250)
        self._recompute.timeout.connect(self._compute_appointment)
        self._clock = QTimer(self, interval=60_000)  # the cut-off and working hours move on
        self._clock.timeout.connect(self._compute_appointment)
        self._clock.start()
        self._load_procedures()
        self._check_numbers()

    # the picker's and the applicant's parts, by the names the desk (and its tests) know
    inputs = property(lambda self: self.applicant.inputs)
    errors = property(lambda self: self.applicant.errors)
    id_type = property(lambda self: self.applicant.id_type)
    find = property(lambda self: self.picker.find)
    list = property(lambda self: self.picker.list)
    filter = property(lambda self: self.picker.filter)
    procedures = property(lambda self: self.picker.procedures)
    print_guidance = property(lambda self: self.sheets.print_guidance)
    print_refusal = property(lambda self: self.sheets.print_refusal)
    sheet_preview = property(lambda self: self.sheets.preview)

    def _build(self) -> None:
        self.picker = ProcedurePicker(self)
        self.applicant = ApplicantFields()
        self.channel, self.sets = QComboBox(), QSpinBox(minimum=1, maximum=99)
        for value, label in CHANNELS:
            self.channel.addItem(tr(label), value)
        self.documents = TableView()
        self.documents.setModel(self.checklist)
        header = self.documents.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChecklistModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.documents.setWordWrap(True)
        self.appointment = QLabel(
            tr("Chọn thủ tục để tính ngày hẹn trả."),
            wordWrap=True,
            styleSheet="font-weight: bold; padding: 4px; border: 1px solid #888",
        )
        self.message = QLabel(wordWrap=True, styleSheet=RED)
        self.save_button = QPushButton(tr("Tiếp nhận và in giấy hẹn (Ctrl+S)"))
        self.refuse_button = QPushButton(tr("Từ chối tiếp nhận…"))
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        form = QFormLayout()
        self.applicant.add_rows(form)
        form.addRow(tr("Hình thức nộp"), self.channel)
        form.addRow(tr("Số bộ hồ sơ"), self.sets)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refuse_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        right, page = QVBoxLayout(), QHBoxLayout(self)
        right.addWidget(self.appointment)  # the chosen procedure stays in sight
        right.addLayout(form)
        right.addWidget(QLabel(tr("Thành phần hồ sơ (Alt+T)")))
        right.addWidget(self.documents)
        right.addWidget(self.message)
        right.addLayout(buttons)
        page.addWidget(self.picker, 2)
        page.addLayout(right, 3)
        QWidget.setTabOrder(self.documents, self.save_button)  # saving before refusing
        QWidget.setTabOrder(self.save_button, self.refuse_button)

    def _connect(self) -> None:
        self.picker.chosen.connect(self.choose)
        self.channel.currentIndexChanged.connect(lambda _: self._recompute.start())
        self.save_button.clicked.connect(self.save)
        self.refuse_button.clicked.connect(self.sheets.ask_refusal)
        self.missing_documents.connect(self.sheets.offer_guidance)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        QShortcut(QKeySequence("Alt+T"), self, activated=self.to_documents)

    def to_documents(self) -> None:
        """Alt+T: straight to the first document, past address, e-mail, channel and sets."""
        self.documents.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.documents.setCurrentIndex(self.checklist.index(0, ChecklistModel.RECEIVED))

    def _check_numbers(self) -> None:
        """Offline with no dossier number left for today: said now, before anything is
        typed, not after (spec: a desk says so before the officer starts)."""
        c = self._context

        def work() -> str | None:
            from counter_app.sync.guard import before_intake

            return c.read(
                lambda s: before_intake(
                    s, c.settings.db_url, c.settings.agency_code, c.now().date()
                )
            )

        def told(problem: str | None) -> None:
            if problem:
                self.message.setText(problem)
                self.save_button.setEnabled(False)
                self.refused.emit(problem)

        c.tasks.run(work, told, lambda _: None, owner=self)

    def desk_key(self, name: str) -> bool:
        """F2 in the reception window: back to the procedure search, nothing lost."""
        if name == "reception":
            self.find.setFocus()
            self.find.selectAll()
            return True
        return False

    def _load_procedures(self) -> None:
        c, s = self._context, self._context.settings
        c.tasks.run(
            lambda: c.read(
                lambda session: catalog.procedures_in_force(
                    session, desk.desk_agency(session, s.agency_code), c.now().date()
                )
            ),
            self.picker.set_procedures,
            self._on_refused,
            owner=self,
        )

    def choose_row(self, row: int) -> None:
        self.picker.choose_row(row)

    def choose(self, code: str) -> None:
        """This procedure: its checklist and appointment follow."""
        self.procedure_code = code
        c, s = self._context, self._context.settings
        c.tasks.run(
            lambda: c.read(
                lambda session: reception.checklist(
                    session, desk.desk_agency(session, s.agency_code), code, c.now()
                )
            ),
            self._on_checklist,
            self._on_refused,
            owner=self,
        )

    def _on_checklist(self, checklist: reception.Checklist) -> None:
        if checklist.procedure != self.procedure_code:
            return  # the answer for a procedure chosen before: a newer one is coming
        self.checklist.set_items(checklist.items)
        self.documents.resizeRowsToContents()
        self._duration = f"{checklist.procedure} — {checklist.name} · {checklist.duration}"
        self.appointment.setText(self._duration)
        self._compute_appointment()
        self.inputs["name"].setFocus()

    def _compute_appointment(self) -> None:
        if not self.procedure_code:
            return
        c, code, s = self._context, self.procedure_code, self._context.settings
        channel = str(self.channel.currentData())
        asked = (code, channel)
        c.tasks.run(
            lambda: c.read(
                lambda session: (
                    asked,
                    reception.appointment(
                        session, desk.desk_agency(session, s.agency_code), code, channel, c.now()
                    ),
                )
            ),
            self._on_appointment,
            self._on_refused,
            owner=self,
        )

    def _on_appointment(self, answer: tuple[tuple[str, str], intake.Appointment]) -> None:
        asked, dates = answer
        if asked != (self.procedure_code, str(self.channel.currentData())):
            return  # a stale answer: the procedure or channel changed since
        due = show_datetime(dates.due_at) if dates.due_at else tr("không hẹn ngày trả")
        text = tr("{}. Hẹn trả: {}").format(self._duration, due)
        self.appointment.setText(text)
        self.appointment_shown.emit(text)

    def document(self) -> dict[str, Any]:
        """The intake document (docs/cli.md) as the form holds it."""
        return {
            "procedure": self.procedure_code or "",
            "applicant": self.applicant.applicant(),
            "documents": [{"name": n, "count": c} for n, c in self.checklist.received().items()],
            "channel": self.channel.currentData(),
            "sets": self.sets.value(),
            "request_id": self._request_id,
        }

    def has_typed_data(self) -> bool:
        return not self._done and (
            bool(self.procedure_code)
            or self.applicant.has_text()
            or bool(self.checklist.received())
        )

    def unsaved(self) -> tuple[str, str] | None:
        """Window X, Esc or the desk quitting with typed data: asked before it is lost."""
        return (
            (
                tr("Đóng phiếu tiếp nhận"),
                tr("Thông tin đã nhập chưa được ghi nhận và sẽ mất. Đóng?"),
            )
            if self.has_typed_data()
            else None
        )

    def busy(self) -> bool:
        return self._saving  # the dossier is being recorded: its receipt comes next

    def take_scan(self, text: str) -> bool:
        """A chip ID card's QR scanned at the reception: fill the applicant. False when the
        scan is something else (the caller then treats it as a dossier code)."""
        card = read_id_card(text)
        if card is not None:
            self.applicant.fill_from(card)
        return card is not None
