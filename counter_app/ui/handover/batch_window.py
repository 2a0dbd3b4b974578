"""Handover by scanning: scan the paper dossiers, check the unit, confirm (Ctrl+Enter),
print the list. The same screen takes results coming back from the units.

The unit is chosen by the first dossier scanned (the unit its procedure names), unless
the officer chose one first. A scan that cannot go in the batch — scanned twice, not in a
state to move, unknown, or a procedure of another unit — is a red line with its reason
and a beep, never silently added. Closing with scanned, unconfirmed dossiers asks first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import RefusedInput, UnknownDossier
from counter_app.messages import for_people
from counter_app.printing.data import PageOptions
from counter_app.services.codes.codes import read_scan
from counter_app.services.desk import desk_agency
from counter_app.services.dossiers import batches, operations
from counter_app.services.dossiers.batches import BatchLine
from counter_app.services.dossiers.workflow import Action
from counter_app.services.printouts import printouts
from counter_app.ui.app import AppContext
from counter_app.ui.handover.batch_model import BatchModel
from counter_app.ui.i18n import tr
from counter_app.ui.prints.print_preview import PrintPreview
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import TableView
from counter_app.ui.unsaved import KeepsWork

TITLES = {Action.HANDOFF: "Bàn giao hồ sơ cho đơn vị", Action.RESULT: "Nhận kết quả từ đơn vị"}
NO_UNIT = ""  # the unit drop-down before anything is scanned or chosen


class BatchWindow(KeepsWork, QWidget):
    line_added = Signal(str)
    line_rejected = Signal(str)  # why, as shown to the officer
    confirmed = Signal(list)  # the codes recorded

    def __init__(self, context: AppContext, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self.action = context, action
        self._unit_chosen = False  # by the officer or by the first scan: kept after
        self.setWindowTitle(tr(TITLES[action]))
        fit(self, 950, 600)
        self.model = BatchModel(self, with_outcome=action == Action.RESULT)
        self.outcome = QComboBox()  # results back: what the next scans bring
        for value, text in BatchModel.OUTCOMES.items():
            self.outcome.addItem(tr(text), value)
        self.flip = QPushButton(tr("Đổi kết quả dòng đang chọn"))
        self.unit = QComboBox()
        self.unit.addItem(tr("— theo hồ sơ quét đầu tiên —"), NO_UNIT)
        self.note = QLineEdit(placeholderText=tr("Ghi chú (không bắt buộc)"))
        self.status = QLabel(tr("Quét mã vạch từng hồ sơ…"), wordWrap=True)
        self.confirm_button = QPushButton(tr("Xác nhận và in danh sách (Ctrl+Enter)"))
        self.table = table = TableView()
        table.setModel(self.model)
        table.setTabKeyNavigation(False)  # Tab leaves the table
        table.horizontalHeader().setStretchLastSection(True)
        self.model.rowsInserted.connect(lambda *_: self._fit_columns())
        self._lay_out()
        self._load_units()

    def _fit_columns(self) -> None:
        """Columns fit their text, the long procedure name capped so that the reason a
        scan was refused stays in sight."""
        table = self.table
        table.resizeColumnsToContents()
        procedure = BatchModel.HEADERS.index("Thủ tục")
        table.setColumnWidth(procedure, min(table.columnWidth(procedure), 240))
        # the reason wraps within the window rather than running past its edge
        note = BatchModel.HEADERS.index("Lưu ý")
        others = sum(table.columnWidth(i) for i in range(self.model.columnCount()) if i != note)
        room = table.viewport().width() - others
        if room >= 160 and table.columnWidth(note) > room:
            table.setColumnWidth(note, room)
        table.resizeRowsToContents()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        if self.action == Action.HANDOFF:
            top.addWidget(QLabel(tr("Giao cho (F4):")))
            top.addWidget(self.unit, 1)
            self.unit.activated.connect(self._on_unit_chosen)
        else:
            top.addWidget(QLabel(tr("Kết quả khi quét:")))
            top.addWidget(self.outcome, 1)
            top.addWidget(self.flip)
            self.flip.clicked.connect(self._on_flip_clicked)
        top.addWidget(self.note, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(self.confirm_button)
        self.confirm_button.clicked.connect(self.confirm)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.confirm)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)

    def desk_key(self, name: str) -> bool:
        """F4 in the handover window opens the unit drop-down; F3 or F4 for this very
        window keep it in front."""
        if name == "results" and self.action == Action.HANDOFF:
            self.unit.setFocus()
            self.unit.showPopup()
            return True
        return name == {Action.HANDOFF: "handoff", Action.RESULT: "results"}[self.action]

    def _load_units(self) -> None:
        c, s = self._context, self._context.settings

        def work(session):  # type: ignore[no-untyped-def]
            return operations.units_of_agency(session, desk_agency(session, s.agency_code).id)

        def show(units: list[tuple[str, str]]) -> None:
            for code, name in units:
                self.unit.addItem(f"{code} — {name}", code)

        c.tasks.run(lambda: c.read(work), show, self._tell_refusal, owner=self)

    def chosen_unit(self) -> str | None:
        return str(self.unit.currentData()) or None

    def _on_unit_chosen(self, _index: int) -> None:
        self._unit_chosen = self.chosen_unit() is not None
        self.model.rejudge(self._unit_problem)

    def _unit_problem(self, line: BatchLine) -> str | None:
        unit = self.chosen_unit()
        if self.action != Action.HANDOFF or not unit:
            return None
        if not line.procedure_unit or line.procedure_unit == unit:
            return None
        name = line.procedure_unit_shown
        return tr("thủ tục này do {} giải quyết, không phải đơn vị đang chọn").format(name)

    def add(self, scanned: str) -> None:
        """A scan: the dossier joins the batch, or its red line says why not."""
        scan = read_scan(scanned)
        if not scan.valid:
            self._tell_refusal(Exception(scan.warning))
            return
        if scan.code in [row.line.code for row in self.model.rows]:
            self._refuse_line(BatchLine(scan.code, "", "", None, None), tr("đã có trong lô"))
            return
        c, action = self._context, self.action
        c.tasks.run(
            lambda: c.look(
                lambda s, _: batches.candidate(s, scan.code, action), code=lambda line: line.code
            ),
            self._accept,
            lambda error: self._on_candidate_refused(scan.code, error),
            owner=self,
        )

    def _accept(self, line: BatchLine) -> None:
        if line.code in [row.line.code for row in self.model.rows]:  # two quick scans
            self._refuse_line(line, tr("đã có trong lô"))
            return
        if self.action == Action.HANDOFF and not self._unit_chosen and line.procedure_unit:
            self.unit.setCurrentIndex(max(0, self.unit.findData(line.procedure_unit)))
            self._unit_chosen = True
        problem = self._unit_problem(line)
        if problem:
            self._refuse_line(line, problem, by_unit=True)
            return
        self.model.add(line)
        self.model.outcomes[line.code] = str(self.outcome.currentData())
        self.status.setText(
            tr("{} hồ sơ trong lô; vừa thêm {}.").format(len(self.model.codes()), line.code)
        )
        self.line_added.emit(line.code)

    def _on_candidate_refused(self, code: str, error: Exception) -> None:
        reason = for_people(error).rstrip(".")
        if isinstance(error, UnknownDossier):
            reason = tr("không có hồ sơ mã này")
        self._refuse_line(BatchLine(code, "", "", None, None), reason)

    def _refuse_line(self, line: BatchLine, reason: str, by_unit: bool = False) -> None:
        self.model.add(line, reason, by_unit)
        self.table.scrollToBottom()
        self._tell_refusal(RefusedInput(tr("{}: {}").format(line.code, reason)))

    def _tell_refusal(self, error: Exception) -> None:
        QApplication.beep()  # audible, and visible in the list and below it
        self.status.setText(tr("Không nhận: {}").format(for_people(error)))
        self.line_rejected.emit(for_people(error))

    def confirm(self) -> None:
        if not self.confirm_button.isEnabled():
            return  # already being recorded
        codes = self.model.codes()
        if not codes:
            self._tell_refusal(RefusedInput(tr("Lô chưa có hồ sơ nào để ghi nhận.")))
            return
        unit = self.chosen_unit()
        if self.action == Action.HANDOFF and unit is None:
            self._tell_refusal(RefusedInput(tr("Chưa chọn đơn vị nhận (F4).")))
            return
        c, action, note = self._context, self.action, self.note.text().strip() or None
        self.confirm_button.setEnabled(False)
        outcomes = dict(self.model.outcomes)
        c.tasks.run(
            lambda: c.act(
                lambda s, who: batches.confirm(s, who, action, codes, unit, note, c.now(), outcomes)
            ),
            self._on_confirmed,
            self._on_confirm_refused,
            owner=self,
        )

    def _on_flip_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.model.rowCount() and self.model.rows[row].problem is None:
            code = self.model.rows[row].line.code
            now = self.model.outcomes.get(code, "approved")
            self.model.set_outcome(row, "refused" if now == "approved" else "approved")

    def _on_confirm_refused(self, error: Exception) -> None:
        self.confirm_button.setEnabled(True)
        self._tell_refusal(error)

    def _on_confirmed(self, codes: list[str]) -> None:
        self.confirm_button.setEnabled(True)
        self.model.remove(codes)  # what was scanned during the confirm stays
        self.status.setText(tr("Đã ghi nhận {} hồ sơ.").format(len(codes)))
        self.confirmed.emit(codes)
        self._print_list(codes[0])  # desk → unit, or unit → desk

    def unsaved(self) -> tuple[str, str] | None:
        """Scanned dossiers not yet confirmed: asked before they are dropped (Esc, the
        window's X, the desk quitting)."""
        waiting = len(self.model.codes())
        return (
            (
                tr(TITLES[self.action]),
                tr("{} hồ sơ đã quét chưa được xác nhận và sẽ bị bỏ. Đóng?").format(waiting),
            )
            if waiting
            else None
        )

    def busy(self) -> bool:
        return not self.confirm_button.isEnabled()  # the batch is being recorded

    def _print_list(self, code: str) -> None:
        c = self._context
        c.tasks.run(
            lambda: c.look(
                lambda session, _: printouts.render(
                    session, "handover", code, PageOptions(), c.now(), ""
                ),
                detail=lambda got: {"form": "handover", "rows": len(got[1])},
            ),
            self._preview,
            self._tell_refusal,
            owner=self,
        )

    def _preview(self, result: tuple[bytes, list[str]]) -> None:
        pdf, codes = result
        c = self._context
        self.preview = PrintPreview.for_desk(c, pdf, tr("Danh sách bàn giao"), self)

        def record(*_: object) -> None:
            c.tasks.run(
                lambda: c.act(
                    lambda session, who: [
                        printouts.record_print(session, who, code, "handover", c.now())
                        for code in codes
                    ]
                ),
                lambda _: None,
                self._tell_refusal,
                owner=self,
            )

        self.preview.printed.connect(record)
        self.preview.saved.connect(record)
        self.preview.show()
