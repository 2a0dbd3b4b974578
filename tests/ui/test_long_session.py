"""A day of scrolling and sorting worklists must not crash the desk.

PySide6 6.12.0 on Python 3.11 loses a reference to None each time a model answers None
(Qt's "no data"): None's count runs down with every scroll until the interpreter aborts,
after a few thousand pages. This test fails on such a binding, before an officer finds out.
"""

from __future__ import annotations

import sys
from datetime import timedelta

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableView

from counter_app.clock import now
from counter_app.services.worklist_kinds import DossierRow
from counter_app.ui.dossier_table import SORT_ROLE, DossierTableModel


def test_scrolling_and_sorting_keep_none_alive(qtbot):
    t = now()
    rows = [DossierRow(f"000.00.20.H26-261120-{i:04d}", f"Người nộp {i}", "Đăng ký khai sinh",
                       ("received", "in_progress", "returned")[i % 3], t - timedelta(minutes=i),
                       t + timedelta(hours=i % 97)) for i in range(3000)]  # fmt: skip
    model, proxy = DossierTableModel(), QSortFilterProxyModel(sortRole=SORT_ROLE)
    model.set_rows(rows, t)
    proxy.setSourceModel(model)
    view = QTableView(sortingEnabled=True)
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(1200, 700)
    view.show()
    before = sys.getrefcount(None)
    for column in range(model.columnCount()):
        view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        for value in range(0, view.verticalScrollBar().maximum(), 40):
            view.verticalScrollBar().setValue(value)
            view.viewport().repaint()
    # a few hundred pages: a leaking binding drops by hundreds here
    assert sys.getrefcount(None) >= before - 50
