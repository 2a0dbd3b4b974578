"""The desk locks itself after some idle minutes: a shared PC left open at the counter
must not let the next person act, or read, in the officer's name."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})


class IdleWatch(QObject):
    """Installed on the application: any key, click or wheel restarts the count."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=max(1, minutes) * 60_000)
        self._timer.timeout.connect(self.idle)
        self._timer.start()

    def eventFilter(self, _target: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY:
            self._timer.start()
        return False

    def restart(self) -> None:
        self._timer.start()
