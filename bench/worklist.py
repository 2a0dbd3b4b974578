"""A worklist of 10,000 rows: filling the model, sorting by each column, and scrolling
page by page, as the GUI thread does it (off screen); and the whole list shown in the main
window (model, counts, column widths). Baseline in the same run: a bare QStandardItemModel
holding the same text, each step interleaved with it (the order rotated every round).

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

from _common import interleave, scope, spread_ms, table, verdict, verdict_table  # noqa: E402
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


def sorter(view: QTableView, columns: int):  # type: ignore[no-untyped-def]
    """Round i sorts by column i // 2 % columns, ascending then descending."""

    def work(i: int) -> None:
        order = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)[i % 2]
        view.sortByColumn(i // 2 % columns, order)
        QApplication.processEvents()

    return work


def scroller(view: QTableView):  # type: ignore[no-untyped-def]
    """Round i shows page i (from the top again past the end), painted."""

    def work(i: int) -> None:
        bar = view.verticalScrollBar()
        bar.setValue(i * max(1, bar.pageStep()) % max(1, bar.maximum()))
        view.viewport().repaint()

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    n = parser.parse_args().rows
    _app = QApplication([])
    t = now()
    rows = [
        DossierRow(
            f"000.00.20.H26-2611{i % 28 + 1:02d}-{i:04d}",
            f"Nguyễn Văn {i}",
            "Đăng ký khai sinh",
            ("received", "in_progress", "returned")[i % 3],
            t - timedelta(minutes=i),
            t + timedelta(hours=i % 97),
        )
        for i in range(n)
    ]
    ours = DossierTableModel()  # as the main window: the model sorts itself
    view = QTableView(sortingEnabled=True)
    view.setModel(ours)
    bare, bare_view = QStandardItemModel(), QTableView(sortingEnabled=True)
    bare_view.setModel(bare)
    for v in (view, bare_view):
        v.resize(1200, 700)
        v.show()

    def fill_ours(_: int) -> None:
        ours.set_rows(rows, t)
        QApplication.processEvents()

    def fill_bare(_: int) -> None:
        bare.clear()
        for i in range(n):
            bare.appendRow([QStandardItem(ours._display(rows[i], c)) for c in range(6)])
        QApplication.processEvents()

    # Each kind of step interleaved with the baseline's (_common.interleave: the order
    # rotated every round), so neither side always runs on a warmer or a busier machine.
    filled = interleave({"ours": fill_ours, "bare": fill_bare}, 4)
    fills, bare_fills = filled["ours"], filled["bare"]
    columns = 6  # the baseline's columns; ours has as many shown
    sorted_ = interleave(
        {"ours": sorter(view, columns), "bare": sorter(bare_view, columns)}, 2 * columns
    )
    sorts, bare_sorts = sorted_["ours"], sorted_["bare"]
    bar = view.verticalScrollBar()
    pages = max(1, bar.maximum() // max(1, bar.pageStep()))
    scrolled = interleave({"ours": scroller(view), "bare": scroller(bare_view)}, min(pages, 200))
    scrolls, bare_scrolls = scrolled["ours"], scrolled["bare"]
    window = MainWindow(AppContext.build(Settings(db_url="sqlite:///:memory:")))
    window.show()
    shown = []
    for _ in range(5):  # the officer switching lists: each answer shown on the GUI thread
        start = time.perf_counter()
        window._on_rows((rows, {}, t))
        QApplication.processEvents()
        shown.append(ms(start) / 1000)
    scope(
        f"{n:,} rows; fills {len(fills)}, sorts {len(sorts)} (6 columns both ways), "
        f"page scrolls {len(scrolls)} each side, interleaved; 5 lists shown in the window"
    )
    steps = [
        ("fill", fills, bare_fills),
        ("sort by a column", sorts, bare_sorts),
        ("scroll a page", scrolls, bare_scrolls),
        ("shown in the main window (model, counts, column widths)", shown, None),
    ]
    rows_out = []
    for name, mine, base in steps:
        p50, p95, top = spread_ms(mine)
        b = spread_ms(base) if base else [float("nan")] * 3
        rows_out.append([name, len(mine), p50, p95, top, *b, p50 / b[0] if base else "-"])
    print(
        table(
            [
                "step (ms)",
                "n",
                "p50",
                "p95",
                "max",
                "QStandardItemModel p50",
                "p95",
                "max",
                "ratio p50",
            ],
            rows_out,
            f"{n:,} rows",
        )
    )
    checks = [
        verdict(f"{name}: slowest", max(mine) * 1000, STALL_MS, n=len(mine))
        for name, mine, _ in steps
    ]
    print(verdict_table(checks))
    stalls = [row[0] for row in checks if row[4] != "met"]
    print(
        f"no visible stall: every step under {STALL_MS} ms"
        if not stalls
        else f"VISIBLE STALL: {'; '.join(stalls)} over {STALL_MS} ms"
    )
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
