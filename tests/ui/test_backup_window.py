"""The backup screen: the copies kept, a copy now with its progress, a restore that says
what it will do first and is not done when the officer says no, a bad copy told."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from counter_app.backup import service
from counter_app.config import Settings
from counter_app.ui.admin.backup_window import BackupWindow
from counter_app.ui.app import AppContext
from counter_app.ui.tasks import Tasks
from tests.conftest import at
from tests.unit.test_backup import receive

DAY = at("2026-02-12T07:40:00+07:00")


def dossiers(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM dossiers").fetchone()[0]


@pytest.fixture
def live(desk_db, db_url) -> Path:
    receive(desk_db, 2)
    return Path(db_url.removeprefix("sqlite:///"))


@pytest.fixture
def window(qtbot, live, db_url):
    w = BackupWindow(AppContext.build(Settings(db_url=db_url), Tasks()))
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_copies_kept_are_listed_with_their_kind(qtbot, live, db_url):
    service.daily_backup(live, DAY)
    service.daily_backup(live, DAY + timedelta(days=1))
    service.take_backup(live, DAY + timedelta(days=1, hours=2))
    w = BackupWindow(AppContext.build(Settings(db_url=db_url), Tasks()))
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.copies.rowCount() == 3, timeout=10_000)
    # the copy on request of 13/02 keeps that morning's automatic copy (issue 16)
    assert [
        (when, kind, size.endswith(" MiB"), count) for when, kind, size, count, _ in w.copies.rows
    ] == [
        ("13/02/2026 09:40", "Theo yêu cầu", True, "2"),
        ("13/02/2026 07:40", "Hằng ngày", True, "2"),
        ("12/02/2026 07:40", "Hằng ngày", True, "2"),
    ]


def test_a_copy_now_names_the_copies_the_rule_removed(qtbot, live, db_url):
    """Issue 16: no copy goes without the admin seeing it."""
    long_ago = at("2020-01-01T08:00:00+07:00")
    old = [service.take_backup(live, long_ago + timedelta(hours=h)).file for h in (0, 1, 2)]
    w = BackupWindow(AppContext.build(Settings(db_url=db_url, backup_all_days=1), Tasks()))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.backed_up, timeout=20_000) as done:
        w.back_up()
    # today is the one day kept whole; 01/01/2020 keeps its newest copy
    assert (
        f"Đã xoá 2 bản sao cũ theo quy tắc giữ bản sao: {old[1].name}, {old[0].name}"
        in done.args[0]
    )
    assert w.status.text() == done.args[0] and old[2].exists()


def test_backup_now_shows_its_progress_and_the_new_copy(qtbot, window, live):
    steps: list[tuple[int, int]] = []
    window._relay.advanced.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(window.backed_up, timeout=20_000) as done:
        qtbot.mouseClick(window.backup_button, Qt.MouseButton.LeftButton)
    assert "Đã sao lưu 2 hồ sơ" in done.args[0] and window.status.text() == done.args[0]
    assert steps and steps[-1] == (1000, 1000) and window.progress.value() == 1000
    qtbot.waitUntil(lambda: window.copies.rowCount() == 1, timeout=10_000)
    assert window.backup_button.isEnabled()


@pytest.fixture
def copy(live, desk_db, tmp_path) -> Path:
    path = service.take_backup(live, DAY, tmp_path / "copy.db").file
    receive(desk_db, 3)  # five now, two in the copy
    return path


def test_restore_says_what_it_will_do_then_does_it(qtbot, window, live, copy, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    with qtbot.waitSignal(window.restored, timeout=20_000) as done:
        window.inspect(copy)
    assert "12/02/2026 07:40 (2 hồ sơ, 2 sự kiện)" in asked[0]
    assert "được giữ nguyên" in asked[0] and "những gì ghi sau" in asked[0]
    kept = next(live.parent.glob("desk.db.before-restore-*[0-9]"))
    assert str(kept) in done.args[0] and (dossiers(live), dossiers(kept)) == (2, 5)


def test_no_at_the_question_changes_nothing(qtbot, window, live, copy, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    window.inspect(copy)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert dossiers(live) == 5 and not list(live.parent.glob("*before-restore*"))


def test_a_bad_copy_is_told_and_nothing_changes(qtbot, window, live, copy):
    copy.write_bytes(copy.read_bytes()[:4096])
    with qtbot.waitSignal(window.failed, timeout=20_000) as failed:
        window.restore(copy)
    assert "bị cắt cụt" in failed.args[0] and "Không thực hiện được" in window.status.text()
    assert dossiers(live) == 5 and window.restore_button.isEnabled()


def test_a_desk_on_the_office_server_is_told_to_use_postgresql_tools(qtbot):
    w = BackupWindow(
        AppContext.build(
            Settings(db_url="postgresql+psycopg://desk@office/c"), Tasks(synchronous=True)
        )
    )
    qtbot.addWidget(w)
    labels = " ".join(label.text() for label in w.findChildren(type(w.status)))
    assert "PostgreSQL" in labels
    assert (w.backup_button.isEnabled(), w.restore_button.isEnabled()) == (False, False)


def test_model(qtmodeltester, qtbot, live, db_url):
    service.daily_backup(live, DAY)
    w = BackupWindow(AppContext.build(Settings(db_url=db_url), Tasks(synchronous=True)))
    qtbot.addWidget(w)
    assert w.copies.rowCount() == 1
    qtmodeltester.check(w.copies)
