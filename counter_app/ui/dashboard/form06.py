"""Biểu 06 on screen: a period picker (presets and dates), the table, and export to
Excel or PDF with a progress bar. Every query and file runs in the background.

What is on screen is what is exported: choosing a preset (or the rows' grouping) shows
it at once; an export writes the report object on screen, never the dates re-read, and
says where it wrote (and, when the dates were edited since, that they are not shown)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import for_people
from counter_app.reports import form06
from counter_app.reports.model import Bieu06
from counter_app.reports.periods import Period, between, month_of, preset
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.save_dialog import ask_save_path
from counter_app.ui.table_base import HeaderedTableModel, TableView
from counter_app.ui.tasks import Progress

Index = QModelIndex | QPersistentModelIndex
SHORT = (
    "STT",
    "Lĩnh vực, thủ tục",
    "Nhận: tổng",
    "Từ kỳ trước",
    "Trực tuyến",
    "Trực tiếp, BC",
    "Đã GQ: tổng",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Đang GQ: tổng",
    "Trong hạn",
    "Đang GQ: quá hạn",
    "Rút",
    "Dừng",
    "Từ chối",
    "Tạm dừng",
    "Tỷ lệ (%)",
)


class Bieu06Model(HeaderedTableModel):
    HEADERS = SHORT

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[list[object]] = []

    def set_report(self, report: Bieu06) -> None:
        self.beginResetModel()
        self.rows = form06.body(report)
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def presets(today: date, cutoff_day: int) -> list[tuple[str, str]]:
    """(label, preset) choices around today: months, quarters, halves, years."""
    year, month = month_of(today, cutoff_day)
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    quarter = (month - 1) // 3 + 1
    return [
        (tr("Tháng này"), f"{year}-{month:02d}"),
        (tr("Tháng trước"), f"{previous[0]}-{previous[1]:02d}"),
        (tr("Quý này"), f"{year}-Q{quarter}"),
        (tr("Quý trước"), f"{year}-Q{quarter - 1}" if quarter > 1 else f"{year - 1}-Q4"),
        (tr("6 tháng đầu năm"), f"{year}-H1"),
        (tr("6 tháng cuối năm"), f"{year}-H2"),
        (tr("Năm nay"), f"{year}"),
        (tr("Năm trước"), f"{year - 1}"),
    ]


class Bieu06Panel(QWidget):
    shown = Signal(object)  # the Bieu06 on screen
    exported = Signal(str)  # the file written
    told = Signal(str)  # what an export did, as told to the officer
    failed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        compute: Callable[[Period, str], tuple[Bieu06, str]],
        write: Callable[[Bieu06, Path, Callable[[], None]], None],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._compute, self._write = context, compute, write
        self.report: Bieu06 | None = None  # on screen: what an export writes
        self._asked = 0  # the latest refresh: older answers are dropped
        self._computing = False
        self._export_waits: Path | None = None  # asked while the figures were coming
        self.cutoff_day = 14
        self.choice, self.by = QComboBox(), QComboBox()
        self.by.addItem(tr("Theo lĩnh vực"), "field")
        self.by.addItem(tr("Theo thủ tục"), "procedure")
        self.first, self.last = QDateEdit(calendarPopup=True), QDateEdit(calendarPopup=True)
        for edit in (self.first, self.last):
            edit.setDisplayFormat("dd/MM/yyyy")
        self.show_button = QPushButton(tr("Xem biểu"))
        self.xlsx_button, self.pdf_button = (
            QPushButton(tr("Xuất Excel…")),
            QPushButton(tr("Xuất PDF…")),
        )
        self.progress = QProgressBar(visible=False)
        self._steps = Progress(self)  # reported from the worker, shown on the GUI thread
        self._steps.advanced.connect(lambda done, total: self.progress.setValue(done))
        self.title = QLabel()
        self.source = QLabel(
            visible=False
        )  # "Số liệu từ bản sao …, trễ 2 giây" when not this desk's
        self.model = Bieu06Model(self)
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setDefaultSectionSize(70)
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 40)
        self.table.setColumnWidth(1, 260)
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._layout()
        self.choice.currentIndexChanged.connect(self._on_preset_chosen)
        self.by.currentIndexChanged.connect(lambda _: self.report is not None and self.refresh())
        self.show_button.clicked.connect(self.refresh)
        self.xlsx_button.clicked.connect(lambda: self._on_export_clicked(".xlsx"))
        self.pdf_button.clicked.connect(lambda: self._on_export_clicked(".pdf"))

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Kỳ báo cáo:")))
        bar.addWidget(self.choice)
        bar.addWidget(QLabel(tr("từ")))
        bar.addWidget(self.first)
        bar.addWidget(QLabel(tr("đến")))
        bar.addWidget(self.last)
        bar.addWidget(self.by)
        for widget in (self.show_button, self.xlsx_button, self.pdf_button, self.progress):
            bar.addWidget(widget)
        bar.addStretch()
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.title)
        column.addWidget(self.source)
        column.addWidget(self.table)

    def set_presets(self, today: date, cutoff_day: int) -> None:
        self.cutoff_day = cutoff_day
        self.choice.blockSignals(True)
        self.choice.clear()
        for label, value in presets(today, cutoff_day):
            self.choice.addItem(label, value)
        self.choice.blockSignals(False)
        self._set_dates(0)

    def _on_preset_chosen(self, index: int) -> None:
        """Choosing a period shows it (an officer expects the table and its caption to
        follow, and an export to write what they show)."""
        self._set_dates(index)
        self.refresh()

    def _set_dates(self, index: int) -> None:
        period = preset(self.choice.itemData(index), self.cutoff_day)
        self.first.setDate(QDate(period.first.year, period.first.month, period.first.day))
        self.last.setDate(QDate(period.last.year, period.last.month, period.last.day))

    def period(self) -> Period:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        chosen = self.choice.currentData()
        named = preset(chosen, self.cutoff_day) if chosen else None
        if named is not None and (named.first, named.last) == (first, last):
            return named
        return between(first, last)  # type: ignore[arg-type]

    def refresh(self) -> None:
        period, by = self.period(), self.by.currentData()
        self._asked += 1
        asked, self._computing = self._asked, True
        self._busy(True)
        self._context.tasks.run(
            lambda: self._compute(period, by),
            lambda found: self._on_computed(found, asked),
            lambda error: asked == self._asked and self._on_failed(error),
            owner=self,
        )

    def _on_computed(self, found: tuple[Bieu06, str], asked: int | None = None) -> None:
        if asked is not None and asked != self._asked:
            return  # another period was chosen since: its figures are coming
        report, source = found
        self.source.setText(source)
        self.source.setVisible(bool(source))
        self._computing = False
        self._busy(False)
        self.report = report
        self.model.set_report(report)
        self.table.resizeColumnsToContents()  # headings whole, names as wide as they need
        self.title.setText(f"<b>{tr(form06.FORM)}</b>: {form06.period_line(report)}")
        self.shown.emit(report)
        waiting, self._export_waits = self._export_waits, None
        if waiting is not None:
            self.export_to(waiting)

    def _on_export_clicked(self, suffix: str) -> None:
        name = "bieu06" + suffix
        path = ask_save_path(
            self, tr("Xuất Biểu 06"), name, f"*{suffix}", self._context.settings.export_dir
        )
        if path:
            self.export_to(Path(path if path.endswith(suffix) else path + suffix))

    def export_to(self, path: Path) -> None:
        """Write the report on screen to `path` (.xlsx or .pdf); the bar moves as the file
        is made and saved. Figures still coming (or none yet): written once shown."""
        if self._computing or self.report is None:
            self._export_waits = path
            if not self._computing:
                self.refresh()
            return
        report = self.report
        self._busy(True)
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        steps = self._steps

        def work() -> str:
            steps.report(1, 3)  # the figures: those on screen
            self._write(report, path, lambda: steps.report(2, 3))
            steps.report(3, 3)
            return str(path)

        self._context.tasks.run(
            work, lambda done: self._on_exported(report, done), self._on_failed, owner=self
        )

    def _on_exported(self, report: Bieu06, path: str) -> None:
        self._busy(False)
        text = tr("Đã ghi Biểu 06 ({}) vào {}").format(report.period.wording, path)
        chosen = self.period()
        if (chosen.first, chosen.last) != (report.period.first, report.period.last):
            text += " " + tr(
                "— kỳ đang hiển thị; kỳ đã chọn từ {} đến {} chưa được xem (bấm “Xem biểu”)."
            ).format(f"{chosen.first:%d/%m/%Y}", f"{chosen.last:%d/%m/%Y}")
        self.told.emit(text)
        self.exported.emit(path)

    def _on_failed(self, error: Exception) -> None:
        self._computing, self._export_waits = False, None
        self._busy(False)
        self.failed.emit(for_people(error))

    def _busy(self, busy: bool) -> None:
        if busy:
            self.progress.setRange(0, 0)  # moving while it works, unless steps are told
        self.progress.setVisible(busy)
        for button in (self.show_button, self.xlsx_button, self.pdf_button):
            button.setEnabled(not busy)
