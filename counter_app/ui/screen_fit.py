"""Windows sized for the desk's screen: 1366×768 and 1280×720 office monitors included.

A window asks for the size it would like; it gets at most what the screen offers, less
room for the window manager's title bar and a task bar, so its buttons stay on screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

FRAME_PX = 40  # title bar and borders the window manager adds around a window
MARGIN_PX = 8


def fit(window: QWidget, width: int, height: int) -> None:
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    window.resize(
        min(width, room.width() - 2 * MARGIN_PX), min(height, room.height() - FRAME_PX - MARGIN_PX)
    )
    # Centred on the screen: left to itself a window manager may put a tall window where
    # its bottom row of buttons falls under the task bar.
    window.move(
        room.x() + (room.width() - window.width()) // 2,
        room.y() + max(0, (room.height() - window.height() - FRAME_PX) // 2),
    )
