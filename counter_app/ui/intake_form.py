"""Reception, keyboard only: find the procedure by typing, fill the applicant (checked as
typed, the reason next to the field), tick the documents, see the appointment computed
live, save with Ctrl+S. Missing required documents: the save is refused and the
supplement guidance sheet is offered; an inadmissible request: the refusal sheet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterError
from counter_app.formats import show_datetime
from counter_app.printing import letters
from counter_app.services import catalog, desk, intake, reception
from counter_app.services.applicant import check_email, check_id_number, phone_key
from counter_app.services.id_card import read_id_card
from counter_app.services.intake_file import NAME_MAX, read_intake
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.intake_models import (
    ChecklistModel,
    ProcedureFilter,
    ProcedureListModel,
)
from counter_app.ui.print_preview import PrintPreview

CHANNELS = (("direct", "Trực tiếp"), ("postal", "Qua bưu chính"), ("online", "Trực tuyến"))



def _name_problem(value: str) -> str | None:
    value = " ".join(value.split())
    if not value:
        return tr("Cần ghi họ tên người nộp.")
    return tr("Họ tên tối đa {} ký tự.").format(NAME_MAX) if len(value) > NAME_MAX else None


ID_TYPES = (("", "Căn cước / CMND"), ("passport", "Hộ chiếu"))

CHECKS = {  # field -> problem in the text as typed (with the ID type chosen), or None
    "name": lambda v, _: _name_problem(v),
    "id_number": lambda v, kind: _problem(lambda: check_id_number(v, kind or None))
    if v.strip() else None,
    "phone": lambda v, _: _problem(lambda: phone_key(v)) if v.strip() else None,
    "email": lambda v, _: _problem(lambda: check_email(v)) if v.strip() else None,
}


def _problem(check: Any) -> str | None:
    try:
        check()
    except CounterError as error:
        return str(error).split(": ", 1)[-1]
    return None


class IntakeForm(QWidget):
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
        self.procedures = ProcedureListModel(self)
        self.filter = ProcedureFilter(self)
        self.filter.setSourceModel(self.procedures)
        self.checklist = ChecklistModel(self)
        self._build()
        self._recompute = QTimer(self, singleShot=True, interval=250)
        self._recompute.timeout.connect(self._compute_appointment)
        self._clock = QTimer(self, interval=60_000)  # the cut-off and working hours move on
        self._clock.timeout.connect(self._compute_appointment)
        self._clock.start()
        self._load_procedures()

    def _build(self) -> None:
        self.find = QLineEdit(placeholderText=tr("Gõ tên hoặc mã thủ tục (không cần dấu)…"))
        self.list = QListView()
        self.list.setModel(self.filter)
        self.inputs = {k: QLineEdit() for k in ("name", "id_number", "phone", "address",
                                                "email")}  # fmt: skip
        self.errors = {k: QLabel(wordWrap=True, styleSheet="color: #a00") for k in CHECKS}
        self.channel, self.sets = QComboBox(), QSpinBox(minimum=1, maximum=99)
        self.id_type = QComboBox()
        for value, label in ID_TYPES:
            self.id_type.addItem(tr(label), value)
        for value, label in CHANNELS:
            self.channel.addItem(tr(label), value)
        self.documents = QTableView()
        self.documents.setModel(self.checklist)
        header = self.documents.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChecklistModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.documents.setWordWrap(True)
        self.appointment = QLabel(tr("Chọn thủ tục để tính ngày hẹn trả."), wordWrap=True)
        self.message = QLabel(wordWrap=True, styleSheet="color: #a00")
        self.save_button = QPushButton(tr("Tiếp nhận và in giấy hẹn (Ctrl+S)"))
        self.refuse_button = QPushButton(tr("Từ chối tiếp nhận…"))
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(tr("Loại giấy tờ"), self.id_type)
        labels = {"name": "Họ tên người nộp", "id_number": "Số giấy tờ",
                  "phone": "Điện thoại", "address": "Địa chỉ", "email": "Thư điện tử"}
        for key, label in labels.items():
            row = QVBoxLayout()
            row.addWidget(self.inputs[key])
            if key in self.errors:
                row.addWidget(self.errors[key])
            form.addRow(tr(label), row)
        form.addRow(tr("Hình thức nộp"), self.channel)
        form.addRow(tr("Số bộ hồ sơ"), self.sets)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refuse_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        left, right, page = QVBoxLayout(), QVBoxLayout(), QHBoxLayout(self)
        left.addWidget(self.find)
        left.addWidget(self.list)
        right.addLayout(form)
        right.addWidget(self.documents)
        right.addWidget(self.appointment)
        right.addWidget(self.message)
        right.addLayout(buttons)
        page.addLayout(left, 2)
        page.addLayout(right, 3)

    def _connect(self) -> None:
        self.find.textChanged.connect(self._on_find_edited)
        self.find.returnPressed.connect(lambda: self.choose_row(0))
        self.list.activated.connect(lambda index: self.choose_row(index.row()))
        for key in CHECKS:
            self.inputs[key].textEdited.connect(lambda _=None, k=key: self._check(k))
        self.channel.currentIndexChanged.connect(lambda _: self._recompute.start())
        self.id_type.currentIndexChanged.connect(lambda _: self._check("id_number"))
        self.save_button.clicked.connect(self.save)
        self.refuse_button.clicked.connect(self._on_refuse_clicked)
        self.missing_documents.connect(self._on_missing)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

    def _load_procedures(self) -> None:
        c, s = self._context, self._context.settings
        self._context.tasks.run(lambda: c.read(lambda session: catalog.procedures_in_force(
            session, desk.desk_agency(session, s.agency_code), c.now().date())),
            self.procedures.set_procedures, self._on_refused)  # fmt: skip

    def _on_find_edited(self, text: str) -> None:
        self.filter.set_query(text)
        if self.filter.rowCount():
            self.list.setCurrentIndex(self.filter.index(0, 0))

    def choose_row(self, row: int) -> None:
        """Pick the row-th procedure shown; its checklist and appointment follow."""
        if row >= self.filter.rowCount():
            return
        # Straight from the source model: PySide6 6.12 on Python 3.11 miscounts None's
        # references when Python calls QModelIndex.data() and the model answers None.
        source = self.filter.mapToSource(self.filter.index(row, 0)).row()
        self.procedure_code = self.procedures.code(source)
        c, code, s = self._context, self.procedure_code, self._context.settings
        self._context.tasks.run(lambda: c.read(lambda session: reception.checklist(
            session, desk.desk_agency(session, s.agency_code), code, c.now())),
            self._on_checklist, self._on_refused)  # fmt: skip

    def _on_checklist(self, checklist: reception.Checklist) -> None:
        if checklist.procedure != self.procedure_code:
            return  # the answer for a procedure chosen before: a newer one is coming
        self.checklist.set_items(checklist.items)
        self.documents.resizeRowsToContents()
        self._duration = f"{checklist.name} — {checklist.duration}"
        self._compute_appointment()
        self.inputs["name"].setFocus()

    def _compute_appointment(self) -> None:
        if not self.procedure_code:
            return
        c, code, s = self._context, self.procedure_code, self._context.settings
        channel = str(self.channel.currentData())
        asked = (code, channel)
        self._context.tasks.run(lambda: c.read(lambda session: (asked, reception.appointment(
            session, desk.desk_agency(session, s.agency_code), code, channel, c.now()))),
            self._on_appointment, self._on_refused)  # fmt: skip

    def _on_appointment(self, answer: tuple[tuple[str, str], intake.Appointment]) -> None:
        asked, dates = answer
        if asked != (self.procedure_code, str(self.channel.currentData())):
            return  # a stale answer: the procedure or channel changed since
        due = show_datetime(dates.due_at) if dates.due_at else tr("không hẹn ngày trả")
        text = tr("{}. Hẹn trả: {}").format(self._duration, due)
        self.appointment.setText(text)
        self.appointment_shown.emit(text)

    def _check(self, key: str) -> str | None:
        problem = CHECKS[key](self.inputs[key].text(), self.id_type.currentData())
        self.errors[key].setText(problem or "")
        self.errors[key].setVisible(bool(problem))
        return problem

    def document(self) -> dict[str, Any]:
        """The intake document (spec/cli.md) as the form holds it."""
        text = {k: w.text().strip() or None for k, w in self.inputs.items()}
        return {"procedure": self.procedure_code or "",
                "applicant": {"name": text["name"] or "", "id_number": text["id_number"],
                              "id_type": self.id_type.currentData() or None,
                              "phone": text["phone"], "address": text["address"],
                              "email": text["email"]},
                "documents": [{"name": n, "count": c}
                              for n, c in self.checklist.received().items()],
                "channel": self.channel.currentData(), "sets": self.sets.value()}  # fmt: skip

    def save(self) -> None:
        if self._saving:
            return
        problems = [p for p in (self._check(k) for k in CHECKS) if p]
        if not self.procedure_code or problems:
            self._on_refused(Exception(problems[0] if problems else tr("Chưa chọn thủ tục.")))
            return
        lacking = reception.missing(self.checklist.items, self.checklist.received())
        if lacking:
            self._on_refused(Exception(tr("Hồ sơ thiếu: {}").format("; ".join(lacking))))
            self.missing_documents.emit(lacking)
            return
        c, document = self._context, self.document()
        self._saving = True
        self.save_button.setEnabled(False)
        self._context.tasks.run(lambda: c.act(lambda session, who: intake.receive(
            session, who, read_intake(document), c.now()).code), self._on_saved,
            self._on_refused)  # fmt: skip

    def _on_saved(self, code: str) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.message.setText("")
        self.received.emit(code)

    def _on_refused(self, error: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.message.setText(str(error))
        self.refused.emit(str(error))

    def take_scan(self, text: str) -> bool:
        """A chip ID card's QR scanned at the reception: fill the applicant. False when the
        scan is something else (the caller then treats it as a dossier code)."""
        card = read_id_card(text)
        if card is None:
            return False
        self.id_type.setCurrentIndex(0)
        for key, value in (("name", card.name), ("id_number", card.id_number),
                           ("address", card.address)):
            self.inputs[key].setText(value)
        for key in ("name", "id_number"):
            self._check(key)
        self.inputs["phone"].setFocus()  # what the card does not hold
        return True

    def print_guidance(self, lacking: list[str]) -> None:
        """Form 02 for the citizen: what to bring back (nothing is recorded)."""
        items = "; ".join(lacking)
        self._sheet("guidance", lambda session, agency, document, officer: letters
                    .render_supplement(reception.guidance(session, agency, document, items,
                                                          officer, self._context.now())))

    def print_refusal(self, reason: str) -> None:
        """Form 03 for an inadmissible request (nothing is recorded)."""
        self._sheet("refusal", lambda session, agency, document, officer: letters
                    .render_refusal(reception.refusal(session, agency, document, reason,
                                                      officer, self._context.now())))

    def _sheet(self, kind: str, render: Any) -> None:
        c, s, raw = self._context, self._context.settings, self.document()
        officer = s.officer_name or s.officer

        def work(session):  # type: ignore[no-untyped-def]
            document = read_intake(raw | {"documents": []})
            return render(session, desk.desk_agency(session, s.agency_code), document, officer)

        self._context.tasks.run(lambda: c.read(work), lambda pdf: self._preview(kind, pdf),
                                self._on_refused)  # fmt: skip

    def _preview(self, kind: str, pdf: bytes) -> None:
        title = tr("Phiếu hướng dẫn bổ sung") if kind == "guidance" else tr("Phiếu từ chối")
        self.sheet_preview = PrintPreview.for_desk(self._context, pdf, title, self)
        self.sheet_preview.show()
        self.sheet_shown.emit(kind)

    def _on_refuse_clicked(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(self, tr("Từ chối tiếp nhận"),
                                                   tr("Lý do từ chối:"))  # fmt: skip
        if ok and reason.strip():
            self.print_refusal(reason.strip())

    def _on_missing(self, lacking: list[str]) -> None:
        answer = QMessageBox.question(self, tr("Hồ sơ chưa đủ"), tr(
            "Hồ sơ thiếu thành phần bắt buộc nên chưa tiếp nhận:\n{}\n\nIn phiếu hướng dẫn "
            "bổ sung cho công dân?").format("\n".join(lacking)))  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.print_guidance(lacking)
