"""Windows open whole and centred on an office screen, never with buttons under the task bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget

from counter_app.ui.screen_fit import FRAME_PX, fit


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720), (800, 600)])
def test_a_window_opens_centred_within_the_screen(qtbot, monkeypatch, width, height):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, width, height))
    window = QWidget()
    qtbot.addWidget(window)
    fit(window, 760, 700)
    left, top = window.x(), window.y()
    assert abs(left - (width - window.width()) // 2) <= 1  # centred across
    assert top >= 0 and top + window.height() + FRAME_PX <= height  # whole, title bar included
    assert abs(top - (height - FRAME_PX - window.height()) // 2) <= 1
