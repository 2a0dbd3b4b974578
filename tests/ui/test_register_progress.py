"""The register window's bar follows the lines as they are drawn, up to all of them."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from sqlalchemy import func, select

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, Settings
from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.services.demo import demo
from counter_app.ui.app import AppContext
from counter_app.ui.prints.register_dialog import RegisterDialog


def test_the_register_bar_counts_the_lines_drawn(qtbot, sessions, db_url):
    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua")
    with unit_of_work(sessions) as session:
        lines = session.scalar(select(func.count()).select_from(Dossier))
    dialog = RegisterDialog(AppContext.build(Settings(db_url=db_url)))
    qtbot.addWidget(dialog)
    start = now().date() - timedelta(days=366)
    dialog.first.setDate(QDate(start.year, start.month, start.day))
    seen: list[tuple[int, int]] = []
    dialog._progress.advanced.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000):
        dialog.make()
    assert lines and seen[-1] == (lines, lines)
