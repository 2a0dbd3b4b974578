"""Every window of the desk can be walked with Tab alone: no table keeps Tab inside itself,
and every enabled button is reached (issue 18: the Biểu 06 table and the admin lists held
the focus; "Sao lưu ngay" could not be reached from the keyboard)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QPushButton,
    QToolButton,
    QWidget,
)
from sqlalchemy import select

from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.services.dossiers.workflow import Action
from tests.ui.test_main_window import demo_url, started, window_for  # noqa: F401

SCREENS = [
    "main",
    "reception",
    "dossier",
    "batch",
    "dashboard",
    "bieu06",
    "satisfaction",
    "settings",
    "backup",
    "officers",
    "audit",
    "catalog",
    "conflicts",
    "register",
    "help",
]


def tab_stops(button: QWidget) -> bool:
    return (
        button.isEnabled()
        and button.isVisible()
        and bool(button.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def walk(qtbot, window: QWidget) -> set[QWidget]:
    """Tab pressed on whatever has the focus, as many times as the window has widgets."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    if window.focusWidget() is None:
        window.focusNextChild()
    reached: set[QWidget] = set()
    for _ in range(2 * len(window.findChildren(QWidget)) + 10):
        focused = QApplication.focusWidget() or window.focusWidget()
        if focused is None:
            break
        reached.add(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return reached


def opened(qtbot, window, screen: str, code: str) -> QWidget:
    if screen == "main":
        return window
    if screen == "reception":
        window.new_reception()
        return window.reception
    if screen == "dossier":
        shown = []
        window.dossier_opened.connect(shown.append)
        window.open_dossier(code)
        qtbot.waitUntil(lambda: bool(shown) and shown[0].isVisible(), timeout=20_000)
        return shown[0]
    if screen == "batch":
        window.open_batch(Action.HANDOFF)
        return window.batch
    if screen in ("dashboard", "bieu06", "satisfaction"):
        window.open_dashboard()
        dashboard = window.dashboard
        if screen == "bieu06":
            dashboard.tabs.setCurrentWidget(dashboard.bieu06)
            qtbot.waitUntil(lambda: dashboard.bieu06.report is not None, timeout=20_000)
            dashboard.bieu06.table.setFocus()  # where "Xem biểu" and an export leave it
        if screen == "satisfaction":
            page = dashboard.satisfaction
            dashboard.tabs.setCurrentWidget(page)
            qtbot.waitUntil(lambda: page.shown_data is not None, timeout=20_000)
            page.officers_view.setFocus()  # a table of it, rows in it
        return dashboard
    getattr(window, f"open_{screen}")()
    return getattr(window, {"settings": "settings_window"}.get(screen, screen))


@pytest.mark.parametrize("screen", SCREENS)
def test_tab_reaches_every_button(qtbot, demo_url, sessions, screen):  # noqa: F811
    with unit_of_work(sessions) as session:
        code = session.scalars(select(Dossier.code).limit(1)).one()
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    shown = opened(qtbot, window, screen, code)
    qtbot.waitUntil(shown.isVisible, timeout=10_000)
    qtbot.wait(200)  # its first answers from the database are on screen
    reached = walk(qtbot, shown)
    buttons = [
        b
        for b in shown.findChildren(QAbstractButton)
        if isinstance(b, (QPushButton, QToolButton)) and b.window() is shown and tab_stops(b)
    ]
    missed = [b.text() or b.objectName() or type(b).__name__ for b in buttons if b not in reached]
    assert missed == [], f"{screen}: Tab never reaches {missed}"
    assert holding(qtbot, shown) == [], f"{screen}: a list keeps Tab inside itself"


def holding(qtbot, window: QWidget) -> list[QAbstractItemView]:
    """The lists and tables that keep the focus when Tab is pressed on their first row."""
    held = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if not (
            tab_stops(view)
            and view.window() is window
            and model is not None
            and model.rowCount() > 0
        ):
            continue
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.setCurrentIndex(model.index(0, 0))
        qtbot.waitUntil(view.hasFocus, timeout=5000)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        if view.hasFocus():
            held.append(view)
    return held
