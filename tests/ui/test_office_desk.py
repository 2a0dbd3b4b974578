"""The desk in an office, against a real office server: login arriving through the sync
locks the desk at once (the open form kept behind the lock), an officer's save that finds
login now needed locks it too, and offline the status bar says what waits to be sent and
notices the server's return by a cheap probe, not at the end of its backing off."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, Settings
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.officers import accounts
from counter_app.services import desk
from counter_app.sync import server
from counter_app.sync.join import join
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow
from counter_app.ui.desk.sync_runner import MAX_BACKOFF_MS, PROBE_MS, SyncRunner

AGENCY = "000.00.20.H26"
PW = "mật khẩu 2026"


def joined_desk(admin_url: str, folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / (name.replace(' ', '_') + '.db')}"
    engine = make_engine(url)
    migrate(engine)
    with unit_of_work(session_factory(engine), write=True) as session:
        desk.local_desk(session)
    join(session_factory(engine), url, server.add_desk(admin_url, name, AGENCY))
    engine.dispose()
    return url


@pytest.fixture
def office(pg_url: str) -> str:
    server.install(pg_url)
    server.publish_catalog(pg_url, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")), now())
    return pg_url


def opened(qtbot: Any, url: str) -> MainWindow:
    window = MainWindow(AppContext.build(Settings(db_url=url)))
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window._shown, timeout=30_000)
    return window


def add_admin(url: str) -> None:
    """An administrator created at a desk (the first officer turns login on there)."""
    engine = make_engine(url)
    with unit_of_work(session_factory(engine), write=True) as session:
        accounts.add(
            session,
            desk.actor(session, "motcua", None),
            "quantri",
            "Lê Văn Quản",
            "admin",
            PW,
            now(),
        )
    engine.dispose()


def test_login_arriving_from_the_office_locks_the_desk_and_keeps_the_open_form(
    qtbot, office, tmp_path, cheap_hashing
):
    here = joined_desk(office, tmp_path, "Ban 1")
    window = opened(qtbot, here)
    window.new_reception()
    form = window.reception
    qtbot.keyClicks(form.inputs["name"], "Nguyen Van An")
    from counter_app.sync import office_officers

    # the office's first administrator, made on its server…
    office_officers.add(office, AGENCY, "quantri", "Lê Văn Quản", "admin", PW, now())
    # …and this desk, by its background sync: it locks itself at once
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.lock_page, timeout=30_000)
    assert not form.isVisible() and window.model.rowCount() == 0
    assert "bật đăng nhập" in window.lock_page.message.text()
    page = window.lock_page
    page.username.setText("quantri")
    page.password.setText(PW)
    page.submit()
    qtbot.waitUntil(lambda: window.pages.currentIndex() == 0, timeout=20_000)
    assert form.isVisible() and form.inputs["name"].text() == "Nguyen Van An"  # nothing lost


def test_a_save_that_finds_login_needed_locks_the_desk(qtbot, demo_year_url, cheap_hashing):
    window = opened(qtbot, demo_year_url)
    window.new_reception()
    form = window.reception
    form.procedure_code = "1.001193"  # what the save checks is not the point here
    add_admin(demo_year_url)  # as a pull would bring it, before the runner noticed
    window.refresh()  # any work of any window that needs an officer
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.lock_page, timeout=20_000)
    assert not form.isVisible()


def test_ctrl_l_without_login_says_why_it_cannot_lock(qtbot, demo_year_url):
    window = opened(qtbot, demo_year_url)
    window.lock()
    assert window.pages.currentIndex() == 0
    assert "chưa bật đăng nhập" in window.statusBar().currentMessage()


def test_offline_the_bar_counts_what_waits_and_a_return_is_noticed_by_the_probe(
    qtbot, new_pg_server, tmp_path
):
    pg = new_pg_server()
    admin = pg.create_database()
    server.install(admin)
    server.publish_catalog(admin, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")), now())
    url = joined_desk(admin, tmp_path, "Ban 1")
    context = AppContext.build(Settings(db_url=url))
    label = QLabel()
    qtbot.addWidget(label)
    runner = SyncRunner(context, label)
    runner.start()
    qtbot.waitUntil(lambda: label.text().startswith("Trực tuyến"), timeout=30_000)
    pg.stop("immediate")
    from counter_app.services.intake import intake
    from counter_app.services.intake.intake_file import read_intake
    from counter_app.sync import numbers
    from tests.integration.test_sync import intake_doc

    with unit_of_work(context.sessions, write=True) as session:  # an offline reception
        intake.receive(
            session,
            desk.actor(session, "motcua", None),
            read_intake(intake_doc("Trần Thị Bình")),
            now(),
            numbers.source(None),
        )
    runner.soon()
    qtbot.waitUntil(
        lambda: "chờ gửi: 1" in label.text() and "Mất kết nối" in label.text(), timeout=30_000
    )
    runner.delay = MAX_BACKOFF_MS
    runner._timer.start(MAX_BACKOFF_MS)  # the next full try is a minute away
    qtbot.wait(3 * PROBE_MS)  # the outage goes on a few probes
    pg.start()
    qtbot.waitUntil(
        lambda: label.text().startswith("Trực tuyến · chờ gửi: 0"), timeout=20_000
    )  # well before the minute of backing off
    runner.stop()
    context.dispose()
