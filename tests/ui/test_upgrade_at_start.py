"""The desk's start meets an older database (issue 25, item 4): a copy first, then the
migration; a failed migration is put back and told in the database window, not as a
traceback."""

from __future__ import annotations

from pathlib import Path

from counter_app.db import HEAD
from tests.integration.test_upgrade_keeps_data import (
    OLD,
    _failing_in_the_last_revision,
    before_upgrade,
    dump,
    old_db,  # noqa: F401  (fixture)
    revision,
)
from tests.ui.test_launch import desk_for  # noqa: F401  (fixture)


def test_the_desk_upgrades_an_older_database_after_a_copy(qtbot, desk_for, old_db: Path):  # noqa: F811
    desk = desk_for(f"sqlite:///{old_db}")
    desk.window.start()
    qtbot.waitUntil(lambda: revision(old_db) == HEAD, timeout=30_000)
    qtbot.waitUntil(lambda: desk.window.full_started, timeout=30_000)
    assert len(before_upgrade(old_db)) == 1
    assert getattr(desk.window, "trouble", None) is None


def test_the_desk_tells_a_failed_upgrade_in_a_window(qtbot, desk_for, old_db, monkeypatch):  # noqa: F811
    was = dump(old_db)
    _failing_in_the_last_revision(monkeypatch)
    desk = desk_for(f"sqlite:///{old_db}")
    desk.window.start()
    qtbot.waitUntil(lambda: getattr(desk.window, "trouble", None) is not None, timeout=30_000)
    told = desk.window.trouble.text()
    (copy,) = before_upgrade(old_db)
    assert desk.window.trouble.isVisible() and "đặt lại đúng như trước" in told
    assert str(copy) in told and "Traceback" not in told and "RuntimeError" not in told
    desk.context.tasks.wait()
    desk.context.dispose()
    assert (revision(old_db), dump(old_db)) == (OLD, was)
