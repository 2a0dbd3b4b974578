"""Once the desk has started in full, what start-up loaded is kept out of the garbage
collector's way: a full collection walking it stalled a scan for 100-140 ms (bench/scan.py
at 2,000,000 dossiers)."""

from __future__ import annotations

import gc

from counter_app.config import Settings
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow


def test_the_full_start_freezes_what_start_up_loaded(qtbot, tmp_path):
    window = MainWindow(AppContext.build(Settings(db_url=f"sqlite:///{tmp_path / 'd.db'}")))
    qtbot.addWidget(window)
    window.show()
    before = gc.get_freeze_count()
    with qtbot.waitSignal(window.windowTitleChanged, timeout=20_000):  # the desk's name: last
        window.start()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > before, timeout=10_000)
    window._context.tasks.wait()
    assert gc.get_freeze_count() > before
