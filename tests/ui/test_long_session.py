"""A day of scrolling and sorting worklists must not crash the desk.

PySide6 6.12.0 on Python 3.11 loses a reference to None each time a model answers None
(Qt's "no data"): None's count runs down with every scroll until the interpreter aborts,
after a few thousand pages. This test fails on such a binding, before an officer finds out.
"""

from __future__ import annotations

import gc
import sys
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from counter_app.clock import now
from counter_app.services.worklists.worklist_kinds import DossierRow
from counter_app.ui.dossiers.dossier_table import DossierTableModel


def test_scrolling_and_sorting_keep_none_alive(qtbot):
    t = now()
    rows = [
        DossierRow(
            f"000.00.20.H26-261120-{i:04d}",
            f"Người nộp {i}",
            "Đăng ký khai sinh",
            ("received", "in_progress", "returned")[i % 3],
            t - timedelta(minutes=i),
            t + timedelta(hours=i % 97),
        )
        for i in range(3000)
    ]
    model = DossierTableModel()  # as the main window: the model sorts itself
    model.set_rows(rows, t)
    view = QTableView(sortingEnabled=True)
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    pages = 0
    gc.collect()  # other tests' garbage would free references to None while we count
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for column in range(model.columnCount()):
            view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
            for value in range(0, view.verticalScrollBar().maximum(), 40):
                view.verticalScrollBar().setValue(value)
                view.viewport().repaint()
                pages += 1
        lost = before - sys.getrefcount(None)
    finally:
        gc.enable()
    # a leaking binding loses about two per page (hundreds here); a sound one about none
    assert pages > 300 and lost < pages // 4


def test_worklist_sorts_by_name_accents_aside_and_due_date_last_when_none(qtbot):
    t = now()

    def row(name: str, hours: int | None) -> DossierRow:
        due = None if hours is None else t + timedelta(hours=hours)
        return DossierRow(f"C-{name}", name, "P", "received", t, due)

    model = DossierTableModel()
    model.set_rows([row("Đặng An", 5), row("Bùi Bình", None), row("Dương Cúc", 1)], t)
    model.sort(model.APPLICANT)
    assert [model.row_at(i).applicant for i in range(3)] == ["Bùi Bình", "Dương Cúc", "Đặng An"]
    model.sort(model.DUE, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(i).applicant for i in range(3)] == ["Dương Cúc", "Đặng An", "Bùi Bình"]


def test_a_refresh_keeps_the_officers_sort(qtbot):
    t = now()
    rows = [
        DossierRow(f"C-{n}", n, "P", "received", t - timedelta(hours=i), None)
        for i, n in enumerate(["Bùi", "An", "Cao"])
    ]
    model = DossierTableModel()
    model.set_rows(rows, t)
    assert [model.row_at(i).applicant for i in range(3)] == ["Bùi", "An", "Cao"]  # newest
    model.sort(model.APPLICANT)
    model.set_rows(list(reversed(rows)), t)  # a refresh brings them in another order
    assert [model.row_at(i).applicant for i in range(3)] == ["An", "Bùi", "Cao"]
