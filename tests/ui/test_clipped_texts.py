"""On a 1366×768 office screen, with the default font, no window of the desk cuts a label
or a table heading short (issue 18, point 10: the settings' "Phông chữ in" row, the lock
page's fields, the catalog's "· thành phần hồ")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import select

from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.officers.signed import SignedIn
from counter_app.ui.app import AppContext
from counter_app.ui.desk.lock_page import LockPage
from counter_app.ui.tasks import Tasks
from tests.ui.clipping import clipped
from tests.ui.test_focus_chain import SCREENS, opened
from tests.ui.test_main_window import demo_url, started, window_for  # noqa: F401


@pytest.fixture
def office_screen(monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1366, 728))


def settled(qtbot, window: QWidget) -> None:
    """Shown, with its answers from the database and the font search on screen: no label
    still says "Đang đọc…" or "Đang tìm…" (the squashed font row came with the answer)."""
    qtbot.waitUntil(window.isVisible, timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            not [
                label
                for label in window.findChildren(QLabel)
                if label.isVisible()
                and label.text().startswith("Đang ")
                and label.text().endswith("…")
            ]
        ),
        timeout=20_000,
    )
    qtbot.wait(100)
    QApplication.processEvents()


@pytest.mark.parametrize("screen", SCREENS)
def test_no_window_cuts_a_text_short(qtbot, office_screen, demo_url, sessions, screen):  # noqa: F811
    with unit_of_work(sessions) as session:
        code = session.scalars(select(Dossier.code).limit(1)).one()
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    shown = opened(qtbot, window, screen, code)
    settled(qtbot, shown)
    assert clipped(shown) == [], screen


@pytest.mark.parametrize("locked", [False, True])
def test_the_lock_page_cuts_nothing_short(qtbot, office_screen, desk_db, db_url, locked):
    page = LockPage(AppContext.build(Settings(db_url=db_url), Tasks(synchronous=True)))
    qtbot.addWidget(page)
    page.resize(1366, 728)
    page.show()
    page.ask(SignedIn(None, "hoa", "Nguyễn Thị Hoà") if locked else None)
    page.message.setText(
        "Sai tên đăng nhập hoặc mật khẩu. Sau 5 lần sai, tên đăng nhập bị khoá 5 phút."
    )  # the longest it says
    settled(qtbot, page)
    assert clipped(page) == []
