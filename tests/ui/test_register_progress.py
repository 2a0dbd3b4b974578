"""The register window's bar follows the lines as they are drawn, up to all of them."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from sqlalchemy import func, select

from counter_app.clock import now
from counter_app.config import Settings
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.models import Dossier
from counter_app.ui.app import AppContext
from counter_app.ui.prints.register_dialog import RegisterDialog


def test_the_register_bar_counts_the_lines_drawn(qtbot, demo_year_url):
    engine = make_engine(demo_year_url)
    with unit_of_work(session_factory(engine)) as session:
        lines = session.scalar(select(func.count()).select_from(Dossier))
    engine.dispose()
    dialog = RegisterDialog(AppContext.build(Settings(db_url=demo_year_url)))
    qtbot.addWidget(dialog)
    start = now().date() - timedelta(days=366)
    dialog.first.setDate(QDate(start.year, start.month, start.day))
    seen: list[tuple[int, int]] = []
    dialog._progress.advanced.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000):
        dialog.make()
    assert lines and seen[-1] == (lines, lines)
