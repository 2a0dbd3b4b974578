"""A worklist of 10,000 rows: filling the model, sorting by each column, and scrolling
page by page, as the GUI thread does it (off screen); and the whole list shown in the main
window (model, counts, column widths). Baseline in the same run: a bare QStandardItemModel
holding the same text.

    python bench/worklist.py [--rows 10000]

"Without a visible stall" read as: every single step under 100 ms. Each kind of step is
shown with its median, p95 and maximum, beside the baseline's; the verdict is computed
from the maxima measured, step by step.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import spread_ms, table, verdict, verdict_table  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from counter_app.clock import now  # noqa: E402
from counter_app.config import Settings  # noqa: E402
from counter_app.services.worklists.worklist_kinds import DossierRow  # noqa: E402
from counter_app.ui.app import AppContext  # noqa: E402
from counter_app.ui.desk.main_window import MainWindow  # noqa: E402
from counter_app.ui.dossiers.dossier_table import DossierTableModel  # noqa: E402


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


STALL_MS = 100


def exercise(view: QTableView, columns: int) -> tuple[list[float], list[float]]:
    """(every sort, every page scroll) in seconds."""
    app = QApplication.instance()
    sorts, scrolls = [], []
    for column in range(columns):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            start = time.perf_counter()
            view.sortByColumn(column, order)
            app.processEvents()
            sorts.append(ms(start) / 1000)
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum(), max(1, bar.pageStep())):
        start = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        scrolls.append(ms(start) / 1000)
    return sorts, scrolls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    n = parser.parse_args().rows
    _app = QApplication([])
    t = now()
    rows = [DossierRow(f"000.00.20.H26-2611{i % 28 + 1:02d}-{i:04d}", f"Nguyễn Văn {i}",
                       "Đăng ký khai sinh", ("received", "in_progress", "returned")[i % 3],
                       t - timedelta(minutes=i), t + timedelta(hours=i % 97)) for i in range(n)]
    ours = DossierTableModel()  # as the main window: the model sorts itself
    view = QTableView(sortingEnabled=True)
    view.setModel(ours)
    view.resize(1200, 700)
    view.show()
    fills = []
    for _ in range(3):
        start = time.perf_counter()
        ours.set_rows(rows, t)
        QApplication.processEvents()
        fills.append(ms(start) / 1000)
    sorts, scrolls = exercise(view, ours.columnCount())
    window = MainWindow(AppContext.build(Settings(db_url="sqlite:///:memory:")))
    window.show()
    shown = []
    for _ in range(5):  # the officer switching lists: each answer shown on the GUI thread
        start = time.perf_counter()
        window._on_rows((rows, {}, t))
        QApplication.processEvents()
        shown.append(ms(start) / 1000)
    bare_fills = []
    for _ in range(3):
        bare, bare_view = QStandardItemModel(), QTableView(sortingEnabled=True)
        start = time.perf_counter()
        for i in range(n):
            bare.appendRow([QStandardItem(ours._display(rows[i], c)) for c in range(6)])
        bare_view.setModel(bare)
        bare_view.resize(1200, 700)
        bare_view.show()
        QApplication.processEvents()
        bare_fills.append(ms(start) / 1000)
    bare_sorts, bare_scrolls = exercise(bare_view, 6)
    steps = [("fill", fills, bare_fills), ("sort by a column", sorts, bare_sorts),
             ("scroll a page", scrolls, bare_scrolls),
             ("shown in the main window (model, counts, column widths)", shown, None)]
    rows_out = []
    for name, mine, base in steps:
        p50, p95, top = spread_ms(mine)
        b = spread_ms(base) if base else [float("nan")] * 3
        rows_out.append([name, len(mine), p50, p95, top, *b, p50 / b[0] if base else "-"])
    print(table(["step (ms)", "n", "p50", "p95", "max", "QStandardItemModel p50", "p95", "max",
                 "ratio p50"], rows_out, f"{n:,} rows"))  # fmt: skip
    checks = [verdict(f"{name}: slowest", max(mine) * 1000, STALL_MS, n=len(mine))
              for name, mine, _ in steps]
    print(verdict_table(checks))
    stalls = [row[0] for row in checks if row[4] != "met"]
    print(f"no visible stall: every step under {STALL_MS} ms" if not stalls else
          f"VISIBLE STALL: {'; '.join(stalls)} over {STALL_MS} ms")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
