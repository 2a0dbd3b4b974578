"""A chart of the dashboard (QtCharts) from a `reports.dashboard.Chart`: bars per
category, one set per series; a click on a bar says which (kind, key, series)."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter

from counter_app.reports.dashboard import Chart
from counter_app.ui.i18n import tr

STACKED = ("received", "ratings")  # channels add up to the day's receptions, levels to
# the week's ratings
COLOURS = {  # the satisfaction levels read at a glance: green, light green, red
    "very_satisfied": "#2e7d32",
    "satisfied": "#9ccc65",
    "unsatisfied": "#c62828",
}


class ChartView(QChartView):
    bar_clicked = Signal(str, str, str)  # chart kind, category key, series key

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)  # title, bars and upright labels whole; the page scrolls
        self.chart_data: Chart | None = None
        self.bar_sets: list[QBarSet] = []

    def show_chart(self, data: Chart) -> None:
        """Replace the chart with `data` (on the GUI thread)."""
        self.chart_data = data
        chart = QChart()
        chart.setTitle(tr(data.title))
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        series = QStackedBarSeries() if data.kind in STACKED else QBarSeries()
        self.bar_sets = []
        for key, label, values in data.series:
            bar_set = QBarSet(tr(label))
            if key in COLOURS:
                bar_set.setColor(QColor(COLOURS[key]))
            bar_set.append(list(values))
            bar_set.clicked.connect(lambda index, key=key: self._clicked(index, key))
            series.append(bar_set)
            self.bar_sets.append(bar_set)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(list(data.categories))
        if len(data.categories) > 6:  # upright, labels of narrow bars would be cut ("01/…")
            x.setLabelsAngle(-90)
        y = QValueAxis()
        stacked = data.kind in STACKED
        columns = list(zip(*(values for _, _, values in data.series), strict=True))
        top = max((sum(c) if stacked else max(c)) for c in columns) if columns else 0.0
        y.setRange(0, 100 if data.kind == "ontime" else max(1.0, top * 1.1))
        y.applyNiceNumbers()
        if y.max() < y.tickCount() - 1:  # a few counts: whole steps, not "0 0 0 0 1"
            whole = math.ceil(y.max())
            y.setRange(0, whole)
            y.setTickCount(whole + 1)
        y.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        chart.legend().setVisible(len(data.series) > 1)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _clicked(self, index: int, series: str) -> None:
        if self.chart_data is not None and 0 <= index < len(self.chart_data.keys):
            self.bar_clicked.emit(self.chart_data.kind, self.chart_data.keys[index], series)
