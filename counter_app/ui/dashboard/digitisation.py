"""The digitisation figure of the dashboard: for the current reporting month, the portal's
rate and the strict one side by side with their difference, the result rate, and the
dossiers that miss a rate (the newest LIMIT of them; double click opens one). Every
query runs in the thread pool (reports.digitisation, the command line's service)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import for_people
from counter_app.reports.digitisation import Digitisation, MissingList
from counter_app.ui.app import AppContext
from counter_app.ui.dashboard.tiles import tile_row
from counter_app.ui.i18n import tr

LIMIT = 200
FIGURES = (
    "Số hóa hồ sơ — cách tính của Cổng",
    "Số hóa đủ thành phần bắt buộc",
    "Chênh lệch",
    "Số hóa kết quả",
)
MISSES = (
    ("required", "Hồ sơ chưa số hóa đủ thành phần bắt buộc"),
    ("component", "Hồ sơ chưa có thành phần nào được số hóa"),
    ("result", "Hồ sơ có kết quả chưa được số hóa"),
)


@dataclass(frozen=True)
class Shown:
    report: Digitisation
    missing: MissingList


def _rate(value: float | None, unit: str = " %") -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + unit


class DigitisationPanel(QWidget):
    shown = Signal()  # figures and the list filled
    failed = Signal(str)

    def __init__(self, context: AppContext, open_dossier: Callable[[str], None] | None) -> None:
        super().__init__()
        self._context, self._open_dossier = context, open_dossier
        self.shown_data: Shown | None = None
        self.period_label = QLabel("...")
        self.values = [QLabel("...") for _ in FIGURES]
        figures = tile_row(FIGURES, self.values, wrap=True)
        self.which = QComboBox()
        for key, label in MISSES:
            self.which.addItem(tr(label), key)
        self.which.currentIndexChanged.connect(self._on_which_changed)
        self.count_label = QLabel("")
        self.codes = QStringListModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.codes)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list_view.doubleClicked.connect(self._on_code_opened)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_label)
        layout.addLayout(figures)
        picker = QHBoxLayout()
        picker.addWidget(self.which)
        picker.addWidget(self.count_label, 1)
        layout.addLayout(picker)
        layout.addWidget(self.list_view, 1)

    def refresh(self) -> None:
        which = str(self.which.currentData())
        self._context.tasks.run(
            lambda: self._compute(which), self._on_computed, self._on_failed, owner=self
        )

    # ------------------------------------------------------------ in the pool

    def _compute(self, which: str) -> Shown:
        from counter_app.reports import digitisation, periods
        from counter_app.reports.access import seen
        from counter_app.services import desk

        now = self._context.now()
        self._context.act(lambda s, who: seen(s, who, "digitisation", now), need_agency=False)

        def work(session: Any) -> Shown:
            agency = desk.desk_agency(session, self._context.settings.agency_code)
            period = periods.recent_months(now.date(), 1, agency.report_cutoff_day)[-1]
            return Shown(
                digitisation.digitisation(session, agency, period, "field"),
                digitisation.missing(session, agency, period, which, limit=LIMIT),
            )

        return self._context.read(work, snapshot=True)

    # ------------------------------------------------------------ on the GUI thread

    def _on_computed(self, shown: Shown) -> None:
        self.shown_data = shown
        f = shown.report.total.figures
        self.period_label.setText(shown.report.period.wording)
        values = (_rate(f.portal_rate), _rate(f.strict_rate), _rate(f.gap, tr(" điểm")))
        for label, value in zip(self.values, (*values, _rate(f.result_rate)), strict=True):
            label.setText(value)
        missing = shown.missing
        self.codes.setStringList([f"{d.code}  {d.applicant}" for d in missing.dossiers])
        more = missing.count - len(missing.dossiers)
        text = tr("{} hồ sơ").format(missing.count)
        if more > 0:
            text += tr(" (hiện {} hồ sơ mới nhất)").format(len(missing.dossiers))
        self.count_label.setText(text)
        self.shown.emit()

    def _on_which_changed(self, _index: int) -> None:
        self.refresh()

    def _on_code_opened(self, index: Any) -> None:
        if self._open_dossier is not None and self.shown_data and index.isValid():
            self._open_dossier(self.shown_data.missing.dossiers[index.row()].code)

    def _on_failed(self, error: Exception) -> None:
        self.failed.emit(for_people(error))
