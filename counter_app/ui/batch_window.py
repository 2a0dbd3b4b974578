"""Handover by scanning: choose the unit, scan the paper dossiers, confirm, print the list.
The same screen takes results coming back from the units."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.printing.data import PageOptions
from counter_app.services import batches, operations, printouts
from counter_app.services.codes import read_scan
from counter_app.services.desk import desk_agency
from counter_app.services.workflow import Action
from counter_app.ui.app import AppContext
from counter_app.ui.batch_model import BatchModel
from counter_app.ui.i18n import tr
from counter_app.ui.print_preview import PrintPreview

TITLES = {Action.HANDOFF: "Bàn giao hồ sơ cho đơn vị", Action.RESULT: "Nhận kết quả từ đơn vị"}



class BatchWindow(QWidget):
    line_added = Signal(str)
    line_rejected = Signal(str)  # why, as shown to the officer
    confirmed = Signal(list)  # the codes recorded

    def __init__(self, context: AppContext, action: Action, parent: QWidget | None = None
                 ) -> None:  # fmt: skip
        super().__init__(parent)
        self._context, self.action = context, action
        self.setWindowTitle(tr(TITLES[action]))
        self.resize(950, 600)
        self.model = BatchModel(self, with_outcome=action == Action.RESULT)
        self.outcome = QComboBox()  # results back: what the next scans bring
        for value, text in BatchModel.OUTCOMES.items():
            self.outcome.addItem(tr(text), value)
        self.flip = QPushButton(tr("Đổi kết quả dòng đang chọn"))
        self.unit = QComboBox()
        self.note = QLineEdit(placeholderText=tr("Ghi chú (không bắt buộc)"))
        self.status = QLabel(tr("Quét mã vạch từng hồ sơ…"), wordWrap=True)
        self.confirm_button = QPushButton(tr("Xác nhận và in danh sách"))
        self.table = table = QTableView()
        table.setModel(self.model)
        table.horizontalHeader().setStretchLastSection(True)
        self.model.rowsInserted.connect(lambda *_: table.resizeColumnsToContents())
        top = QHBoxLayout()
        if action == Action.HANDOFF:
            top.addWidget(QLabel(tr("Giao cho:")))
            top.addWidget(self.unit, 1)
        else:
            top.addWidget(QLabel(tr("Kết quả khi quét:")))
            top.addWidget(self.outcome, 1)
            top.addWidget(self.flip)
            self.flip.clicked.connect(self._on_flip_clicked)
        top.addWidget(self.note, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(table)
        layout.addWidget(self.status)
        layout.addWidget(self.confirm_button)
        self.confirm_button.clicked.connect(self.confirm)
        self._load_units()

    def _load_units(self) -> None:
        c, s = self._context, self._context.settings

        def work(session):  # type: ignore[no-untyped-def]
            agency = desk_agency(session, s.agency_code)
            return operations.units_of_agency(session, agency.id)

        def show(units: list[tuple[str, str]]) -> None:
            for code, name in units:
                self.unit.addItem(f"{code} — {name}", code)

        self._context.tasks.run(lambda: c.read(work), show, self._reject)

    def add(self, scanned: str) -> None:
        """A scan: the dossier joins the batch, or is rejected with a cue."""
        scan = read_scan(scanned)
        if not scan.valid:
            self._reject(Exception(scan.warning))
            return
        if scan.code in self.model.codes():
            self._reject(Exception(tr("{} đã có trong lô.").format(scan.code)))
            return
        c, action = self._context, self.action
        self._context.tasks.run(lambda: c.read(lambda s: batches.candidate(s, scan.code, action)),
                                self._accept, self._reject)  # fmt: skip

    def _accept(self, line: batches.BatchLine) -> None:
        if line.code in self.model.codes():  # two quick scans of one code
            self._reject(Exception(tr("{} đã có trong lô.").format(line.code)))
            return
        self.model.add(line)
        self.model.outcomes[line.code] = str(self.outcome.currentData())
        self.status.setText(tr("{} hồ sơ trong lô; vừa thêm {}.").format(
            self.model.rowCount(), line.code))  # fmt: skip
        self.line_added.emit(line.code)

    def _reject(self, error: Exception) -> None:
        QApplication.beep()  # audible, and visible below
        self.status.setText(tr("Không nhận: {}").format(error))
        self.line_rejected.emit(str(error))

    def confirm(self) -> None:
        if not self.confirm_button.isEnabled():
            return  # already being recorded
        codes = self.model.codes()
        if not codes:
            self._reject(Exception(tr("Lô chưa có hồ sơ nào.")))
            return
        c, action, unit = self._context, self.action, self.unit.currentData()
        note = self.note.text().strip() or None
        self.confirm_button.setEnabled(False)
        outcomes = dict(self.model.outcomes)
        self._context.tasks.run(lambda: c.act(lambda s, who: batches.confirm(
            s, who, action, codes, unit, note, c.now(), outcomes)), self._on_confirmed,
            self._on_confirm_refused)  # fmt: skip

    def _on_flip_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.model.rowCount():
            code = self.model.lines[row].code
            now = self.model.outcomes.get(code, "approved")
            self.model.set_outcome(row, "refused" if now == "approved" else "approved")

    def _on_confirm_refused(self, error: Exception) -> None:
        self.confirm_button.setEnabled(True)
        self._reject(error)

    def _on_confirmed(self, codes: list[str]) -> None:
        self.confirm_button.setEnabled(True)
        self.model.remove(codes)  # what was scanned during the confirm stays
        self.status.setText(tr("Đã ghi nhận {} hồ sơ.").format(len(codes)))
        self.confirmed.emit(codes)
        self._print_list(codes[0])  # desk → unit, or unit → desk

    def _print_list(self, code: str) -> None:
        c = self._context
        self._context.tasks.run(lambda: c.read(lambda session: printouts.render(
            session, "handover", code, PageOptions(), c.now(), "")), self._preview,
            self._reject)  # fmt: skip

    def _preview(self, result: tuple[bytes, list[str]]) -> None:
        pdf, codes = result
        c = self._context
        self.preview = PrintPreview.for_desk(c, pdf, tr("Danh sách bàn giao"), self)

        def record(*_: object) -> None:
            c.tasks.run(lambda: c.act(lambda session, who: [printouts.record_print(
                session, who, code, "handover", c.now()) for code in codes]),
                lambda _: None, self._reject)  # fmt: skip

        self.preview.printed.connect(record)
        self.preview.saved.connect(record)
        self.preview.show()
