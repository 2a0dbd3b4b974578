"""Esc closes whatever desk window is in front, as the help page promises; windows holding
unsaved work ask first (tests/ui/test_batch_window.py, test_intake_form.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_main_window import started, window_for


@pytest.mark.parametrize(
    "screen", ["officers", "audit", "backup", "catalog", "conflicts", "dashboard"]
)
def test_escape_closes_the_window_in_front(qtbot, tmp_path, screen):
    window = window_for(qtbot, f"sqlite:///{tmp_path / 'desk.db'}")
    started(qtbot, window)
    getattr(window, f"open_{screen}")()
    opened = getattr(window, screen)
    qtbot.waitUntil(opened.isVisible, timeout=5000)
    opened.activateWindow()
    qtbot.waitUntil(opened.isActiveWindow, timeout=5000)
    qtbot.keyClick(opened.focusWidget() or opened, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not opened.isVisible(), timeout=5000)
    window._context.tasks.wait()
