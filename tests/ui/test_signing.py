"""The desk with officers: a login page before any name is shown, Ctrl+L and idle lock,
switching officer without closing, screens offered by role, the officers and audit
screens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from counter_app.clock import now
from counter_app.config import Settings
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.models import Dossier
from counter_app.officers import accounts
from counter_app.officers.session import Place, act, sign_in
from counter_app.services import desk
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow

PW = "mật khẩu 2026"


@pytest.fixture
def office(demo_year_url, cheap_hashing) -> Iterator[str]:
    """The demo desk (a copy of the session's year) with an administrator, a reception
    officer and an inspector."""
    engine = make_engine(demo_year_url)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        accounts.add(
            session, desk.actor(session, "motcua", None), "admin", "Lê Văn Quản", "admin", PW, now()
        )
    place = Place(sessions)
    admin = sign_in(place, "admin", PW, now())
    for username, name, role in (
        ("hoa", "Nguyễn Thị Hoà", "reception"),
        ("tra", "Phạm Thanh Tra", "inspector"),
    ):
        act(
            place,
            admin,
            lambda s, who, u=username, n=name, r=role: accounts.add(s, who, u, n, r, PW, now()),
            now,
        )
    engine.dispose()
    yield demo_year_url


def opened(qtbot, db_url: str) -> MainWindow:
    window = MainWindow(AppContext.build(Settings(db_url=db_url)))
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def log_in(qtbot, window: MainWindow, username: str, password: str = PW) -> None:
    page = window.lock_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=20_000)
    page.username.setText(username)
    page.password.setText(password)
    with qtbot.waitSignal(window.model.modelReset, timeout=20_000):
        qtbot.keyClick(page.password, Qt.Key.Key_Return)


def test_a_login_comes_before_any_name(qtbot, office):
    window = opened(qtbot, office)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.lock_page, timeout=20_000)
    assert window.model.rowCount() == 0 and not window.menuBar().isEnabled()
    window.lock_page.username.setText("hoa")
    window.lock_page.password.setText("sai mật khẩu")
    with qtbot.waitSignal(window.lock_page.refused, timeout=10_000):
        window.lock_page.submit()
    assert "Sai tên đăng nhập hoặc mật khẩu" in window.lock_page.message.text()
    assert window.pages.currentWidget() is window.lock_page
    log_in(qtbot, window, "hoa")
    assert window.pages.currentIndex() == 0 and window.menuBar().isEnabled()
    qtbot.waitUntil(lambda: "Nguyễn Thị Hoà" in window.windowTitle(), timeout=10_000)


def test_ctrl_l_locks_and_the_same_officer_gets_their_windows_back(qtbot, office):
    window = opened(qtbot, office)
    log_in(qtbot, window, "hoa")
    window.new_reception()
    form = window.reception
    qtbot.keyClicks(form.inputs["name"], "Nguyen Van An")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.lock_page
    assert window.model.rowCount() == 0 and not form.isVisible()  # nothing readable
    assert window.lock_page.username.text() == "hoa"
    log_in(qtbot, window, "hoa")
    assert form.isVisible() and form.inputs["name"].text() == "Nguyen Van An"


def test_another_officer_takes_over_without_what_the_first_typed(qtbot, office):
    import shiboken6

    window = opened(qtbot, office)
    log_in(qtbot, window, "hoa")
    window.new_reception()
    form = window.reception
    window.lock()
    log_in(qtbot, window, "tra")
    qtbot.waitUntil(lambda: not shiboken6.isValid(form), timeout=5000)
    assert window._context.signed.username == "tra"


@pytest.mark.parametrize(
    ("username", "offered", "withheld"),
    [
        ("hoa", {"reception", "handoff", "results", "register"}, {"officers", "audit", "settings"}),
        (
            "admin",
            {"officers", "audit", "settings", "catalog"},
            {"reception", "handoff", "results", "register"},
        ),
        ("tra", {"audit", "find"}, {"reception", "handoff", "officers", "settings", "register"}),
    ],
)
def test_each_role_is_offered_its_screens_only(qtbot, office, username, offered, withheld):
    window = opened(qtbot, office)
    log_in(qtbot, window, username)
    visible = {name for name, action in window.actions.items() if action.isVisible()}
    assert offered <= visible and not withheld & visible


def test_idle_minutes_lock_the_desk(qtbot, office):
    from counter_app.ui.desk.idle import IdleWatch

    window = opened(qtbot, office)
    log_in(qtbot, window, "hoa")
    window.idle = IdleWatch(1, window)
    window.idle._timer.setInterval(200)  # the minutes, shortened for the test
    window.idle.idle.connect(window.lock)
    window.idle.restart()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.lock_page, timeout=5000)


def test_without_officers_the_desk_opens_as_before(qtbot, demo_year_url):
    window = opened(qtbot, demo_year_url)
    qtbot.waitUntil(lambda: window.model.rowCount() >= 0 and window._shown, timeout=20_000)
    assert window.pages.currentIndex() == 0
    window.lock()  # nothing to lock without login
    assert window.pages.currentIndex() == 0


def test_the_officers_screen_adds_an_officer(qtbot, office):
    from counter_app.ui.admin.officers_window import OfficersWindow

    window = opened(qtbot, office)
    log_in(qtbot, window, "admin")
    screen = OfficersWindow(window._context)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: len(screen.rows) == 4, timeout=10_000)  # and the demo's motcua
    screen.ask_new()
    dialog = screen.dialog
    dialog.username.setText("binh")
    dialog.name.setText("Trần Văn Bình")
    dialog.role.setCurrentIndex(dialog.role.findData("leader"))
    dialog.password.setText("ngắn")
    dialog.again.setText("ngắn")
    with qtbot.waitSignal(screen.failed, timeout=10_000):
        dialog._check()
    assert dialog.isVisible() and "8 ký tự" in dialog.error.text()
    dialog.password.setText(PW)
    dialog.again.setText(PW)
    with qtbot.waitSignal(screen.changed, timeout=10_000):
        dialog._check()
    qtbot.waitUntil(lambda: "binh" in [o.username for o in screen.rows], timeout=10_000)
    assert not dialog.isVisible()


def test_the_audit_screen_filters_and_checks_the_trail(qtbot, office):
    from counter_app.ui.admin.audit_window import AuditWindow

    window = opened(qtbot, office)
    log_in(qtbot, window, "tra")
    screen = AuditWindow(window._context)  # a week of every officer's entries…
    qtbot.addWidget(screen)
    screen.officer.setText("tra")  # …asked again for one officer before they arrive
    with qtbot.waitSignal(screen.shown, timeout=10_000) as shown:
        screen.load()
    assert shown.args[0] >= 1 and {r[1] for r in screen.model.rows} == {"tra"}
    with qtbot.waitSignal(screen.checked, timeout=10_000) as checked:
        screen.verify()
    assert checked.args == [True] and "nguyên vẹn" in screen.status.text()
    assert isinstance(screen, QWidget)


def test_a_scan_while_locked_opens_nothing(qtbot, office):
    from counter_app.ui.dossiers.dossier_dialog import DossierDialog

    window = opened(qtbot, office)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.lock_page, timeout=20_000)
    with unit_of_work(window._context.sessions) as session:
        code = session.scalars(select(Dossier.code).limit(1)).one()
    window.on_scanned(code)
    qtbot.wait(300)
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, DossierDialog) and w.isVisible()
    ]
    assert "Bàn đang khoá" in window.statusBar().currentMessage()
