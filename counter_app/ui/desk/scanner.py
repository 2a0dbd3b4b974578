"""A USB barcode scanner in keyboard mode, recognised application-wide by timing.

A scanner types a code much faster than a person and ends with Enter. The filter holds
printable key presses while they come fast; a run that ends with Enter, long enough, is a
scan: `scanned` is emitted and neither its characters nor its Enter reach the focused
widget (so a dialog's default button is not pressed). When keys come slowly, the held
keys are given back to the widget they were meant for, in order: a person typing sees
no difference. An optional prefix character makes detection certain.

While a menu or a drop-down's list is open nothing is held: a person is choosing in it (a
menu's underlined letter, a list's first letter), and held keys given back later would go to
the focused widget of the window behind it, not to the popup. A modal dialog still has
its scans caught (its keys are given back to its own focused field): a scanner's Enter must
not press its default button.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MOUSE_PRESS, WHEEL = QEvent.Type.MouseButtonPress, QEvent.Type.Wheel
# A scanner in keyboard mode presses Shift for a capital letter, as a keyboard does: a key
# that only changes the next one neither belongs to the scan nor ends it.
MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
)


@dataclass(frozen=True)
class ScannerSettings:
    gap_ms: int = 35  # most time between two keys of a scan
    min_length: int = 8  # shorter runs are typing
    prefix: str = ""  # a character the scanner sends first (configured on the scanner)
    # The form of what scanners send (codes.scanner_made): a fast run without it is a
    # person typing quickly (a phone number into the search field). A prefix makes it sure.
    accepts: Callable[[str], bool] = lambda _: True


class ScanFilter(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        settings: ScannerSettings = ScannerSettings(),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.settings, self._clock = settings, clock
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._last = 0.0
        self._replaying = False
        # Told of every key, click and wheel (the idle lock's count): one filter on the
        # application rather than two, each a call into Python for every event of every widget
        self.activity: Callable[[], None] | None = None
        self._timer = QTimer(self, singleShot=True, interval=settings.gap_ms)
        self._timer.timeout.connect(self._give_back)

    def eventFilter(self, target: QObject, event: QEvent) -> bool:  # noqa: N802
        if self._replaying:
            return False
        kind = event.type()  # once: every event of every widget comes here, and each
        # call makes a Python enum (with the idle watch: a tenth of a scan's CPU)
        if kind == QEvent.Type.KeyRelease and self._held:
            assert isinstance(event, QKeyEvent)
            return self._hold_release(event)
        if kind != QEvent.Type.KeyPress:
            if self.activity is not None and kind in (MOUSE_PRESS, WHEEL):
                self.activity()
            return False
        if self.activity is not None:
            self.activity()
        assert isinstance(event, QKeyEvent)
        if event.key() in MODIFIER_KEYS:
            return False
        if QApplication.activePopupWidget() is not None:  # a menu or a drop-down's list
            self._give_back()
            return False
        now = self._clock()
        fast = bool(self._held) and (now - self._last) * 1000 <= self.settings.gap_ms
        if self._held and not fast:
            self._give_back()
        if event.key() in ENTER_KEYS and self._held:
            return self._finish()
        # the widget with the focus now, not the window the event is passing through
        receiver = QApplication.focusWidget() or target
        if _secret(receiver):  # a password is typed, never scanned: its keys go straight
            self._give_back()
            return False
        if self._holds(event):
            self._held.append(
                (receiver, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))
            )
            self._last = now
            self._timer.start()
            return True
        if self._held:  # Backspace, Tab, arrows…: the held keys go first, in order
            self._give_back()
        return False

    def _hold_release(self, event: QKeyEvent) -> bool:
        """The release of a held key waits behind its press: given back, the widget gets
        press then release, as typed (a button pressed with Space clicks)."""
        pressed = [
            (target, held)
            for target, held in self._held
            if held.type() == QEvent.Type.KeyPress and held.key() == event.key()
        ]
        released = sum(
            1
            for _, held in self._held
            if held.type() == QEvent.Type.KeyRelease and held.key() == event.key()
        )
        if event.isAutoRepeat() or len(pressed) <= released:
            return False
        self._held.append(
            (pressed[-1][0], QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))
        )
        return True

    def _holds(self, event: QKeyEvent) -> bool:
        text = event.text()
        if (
            len(text) != 1
            or not text.isprintable()
            or event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            return False
        prefix = self.settings.prefix
        return not prefix or bool(self._held) or text == prefix

    def _finish(self) -> bool:
        text = "".join(e.text() for _, e in self._held if e.type() == QEvent.Type.KeyPress)
        prefix = self.settings.prefix
        if prefix:
            text = text[len(prefix) :] if text.startswith(prefix) else ""
        if len(text) < self.settings.min_length or (not prefix and not self.settings.accepts(text)):
            self._give_back()
            return False  # the Enter goes through: a person pressed it
        self._held.clear()
        self._timer.stop()
        self.scanned.emit(text)
        return True

    def _give_back(self) -> None:
        """A person is typing: deliver the held keys, in order, to their widgets."""
        held, self._held = self._held, []
        self._timer.stop()
        self._replaying = True
        try:
            for target, event in held:
                QCoreApplication.sendEvent(target, event)
        finally:
            self._replaying = False


def _secret(widget: QObject) -> bool:
    """A password field: an officer typing fast there (or a password manager) must get
    every key, and nothing of it may ever reach a dossier lookup."""
    return isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal
