"""The hall's call display (`counter-app display`, docs/hall.md): the current call large
("A021 → Quầy 3"), the calls before it, the people waiting per service.

The queue has no push yet: the display asks `Queue.status()` in the thread pool every
POLL_MS (one question at a time; a slow answer skips ticks instead of piling them up). A
call not seen before (new_calls.py; a recall too) is shown at once and handed to the
Speaker, whose `say` returns at once: the voice never holds the screen up. Without a
voice the display says so in a small line and goes on."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from counter_app.messages import for_people
from counter_app.queue.base import Call, QueueUnavailable, Status
from counter_app.ui.hall.new_calls import new_calls
from counter_app.ui.hall.queue_line import QueueLine
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext
    from counter_app.voice import Speaker

# A call reaches the screen within one period and the question's own time: half a second
# keeps "shown within 1 s of F12" with room for a loaded PC (bench/call.py); a look is one
# short read (the office server: one function call), twice a second per display.
POLL_MS = 500
LARGEST_PT = 110.0  # the current call's size where the screen is wide enough
CALLS = 12  # calls asked at each look: the current one and 4 other tickets, recalls aside
BEFORE = 4  # calls listed under the current one
FLASH_MS = 4_000  # a new call is highlighted so long
VOICE_TROUBLE_MS = 60_000  # a call not spoken is told so long
STYLE = """
QWidget { background: #0b2545; color: white; }
QLabel#invite { font-size: 34pt; color: #f6c667; }
QLabel#heading { font-size: 26pt; color: #8da9c4; }
QLabel#call, QLabel#waiting { font-size: 30pt; }
QLabel#notice { font-size: 14pt; color: #f6c667; }
"""


def call_text(call: Call) -> str:
    return tr("{} → Quầy {}").format(call.ticket, call.counter)


def _label(name: str, text: str = "") -> QLabel:
    return QLabel(text, objectName=name, wordWrap=True)


class OneLine(QLabel):
    """The current call, as large as the width allows and on one line: "A021 → Quầy 12"
    at the style's size is wider than a 1280-pixel screen, and broken in two it read as
    two calls. LARGEST_PT where it fits, else as large as fits (set here, not in the
    style sheet, whose font size would win over this one)."""

    def __init__(self, name: str) -> None:
        super().__init__("—", objectName=name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.font()
        font.setBold(True)
        font.setPointSizeF(LARGEST_PT)
        self.setFont(font)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.fit()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        font = self.font()
        font.setPointSizeF(LARGEST_PT)
        room = self.contentsRect().width() - 2 * self.margin() - 8
        wide = QFontMetricsF(font).horizontalAdvance(self.text())
        if room > 0 and wide > room:
            font.setPointSizeF(max(12.0, 0.98 * LARGEST_PT * room / wide))
        if font.pointSizeF() != self.font().pointSizeF():
            self.setFont(font)


class _VoiceRelay(QObject):
    """The voice's errors come from its own thread: brought to the GUI thread here."""

    failed = Signal(str)

    def tell(self, message: str) -> None:
        """The voice's `on_error` (its thread): a window already closed hears nothing."""
        with suppress(RuntimeError):
            self.failed.emit(message)


class DisplayWindow(QWidget):
    polled = Signal()  # a look answered: the status shown, or the trouble told
    call_shown = Signal(object)  # a new Call, shown (and given to the voice)

    def __init__(
        self,
        context: AppContext,
        speaker: Speaker | None = None,
        line: QueueLine | None = None,
        poll_ms: int = POLL_MS,
    ) -> None:
        """`speaker` None: the voice is chosen at start, in the pool (COUNTER_APP_VOICE)."""
        super().__init__()
        self._context = context
        self.line = line or QueueLine(context, prepare=True)
        self.speaker = speaker
        self._seen: tuple[Call, ...] | None = None  # the calls of the previous look
        self._asking = False
        self._voice_notice = self._voice_base = ""  # the voice's line; a failure told a while
        self.relay = _VoiceRelay(self)
        self.relay.failed.connect(self._on_voice_failed)
        self.setWindowTitle(tr("Màn hình gọi số"))
        self.setStyleSheet(STYLE)
        self.invite = _label("invite", tr("MỜI CÔNG DÂN CÓ SỐ"))
        self.current = OneLine("current")
        self.invite.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.calls = [_label("call") for _ in range(BEFORE)]
        self.waiting = _label("waiting")
        self.notice = _label("notice")
        self._lay_out()
        self._timer = QTimer(self, interval=poll_ms, timeout=self.poll)
        self._flash = QTimer(self, singleShot=True, timeout=lambda: self._highlight(False))
        self._voice_trouble = QTimer(self, singleShot=True, timeout=self._voice_trouble_over)

    def _lay_out(self) -> None:
        lower = QGridLayout()
        lower.addWidget(_label("heading", tr("Các số vừa gọi")), 0, 0)
        lower.addWidget(_label("heading", tr("Đang chờ")), 0, 1)
        before = QVBoxLayout()
        for label in self.calls:
            before.addWidget(label)
        before.addStretch()
        lower.addLayout(before, 1, 0)
        lower.addWidget(self.waiting, 1, 1, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(40, 24, 40, 16)
        column.addWidget(self.invite)
        column.addWidget(self.current, 2)
        column.addLayout(lower, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notice)
        column.addLayout(bottom)

    def start(self) -> None:
        """The voice (chosen in the pool: it asks the machine for espeak-ng), then polling."""
        if self.speaker is not None:
            self._voice_ready(self.speaker)
            return

        def pick() -> Speaker:
            from counter_app.voice import pick_speaker

            return pick_speaker(on_error=self.relay.tell)

        def failed(error: Exception) -> None:
            from counter_app.voice import NoVoice

            self._voice_ready(NoVoice(for_people(error)))

        self._context.tasks.run(pick, self._voice_ready, failed, owner=self)

    def _voice_ready(self, speaker: Speaker) -> None:
        self.speaker = speaker
        reason = getattr(speaker, "reason", "")  # NoVoice: what is missing, for the IT person
        self._voice_base = self._voice_notice = " — ".join(t for t in (speaker.notice, reason) if t)
        self._show_notice("")
        self.poll()
        self._timer.start()

    def poll(self) -> None:
        if self._asking:
            return  # the previous question is still out: this tick is skipped
        self._asking = True
        self.line.ask(lambda q: q.status(CALLS), self._on_status, self._on_failed, owner=self)

    def _on_status(self, status: Status) -> None:
        self._asking = False
        fresh = new_calls(self._seen, status.calls)
        self._seen = status.calls
        self._show(status)
        self._show_notice("")
        if fresh:
            self._highlight(True)
            self._flash.start(FLASH_MS)
        for call in fresh:  # oldest first: spoken in the order they were made
            if self.speaker is not None:
                from counter_app.voice import call_phrase

                self.speaker.say(call_phrase(call.ticket, call.counter))
            self.call_shown.emit(call)
        self.polled.emit()

    def _show(self, status: Status) -> None:
        calls = status.calls
        self.current.setText(call_text(calls[0]) if calls else "—")
        others: list[Call] = []
        for call in calls[1:]:  # the other tickets, each once (a recall is not a new line)
            if call.ticket != calls[0].ticket and all(c.ticket != call.ticket for c in others):
                others.append(call)
        for label, call in zip(self.calls, [*others[:BEFORE], *[None] * BEFORE], strict=False):
            label.setText(call_text(call) if call is not None else "")
        self.waiting.setText(
            "\n".join(
                tr("{}  {}: {} người").format(s.prefix, s.name, s.waiting) for s in status.services
            )
        )

    def _highlight(self, on: bool) -> None:
        self.current.setStyleSheet("color: #f6c667" if on else "")

    def _on_failed(self, error: Exception) -> None:
        self._asking = False
        if isinstance(error, QueueUnavailable):
            self._show_notice(tr("Mất kết nối máy chủ văn phòng: đang thử lại…"))
        else:
            self._show_notice(for_people(error))
        self.polled.emit()

    def _on_voice_failed(self, message: str) -> None:
        """Told for a while (the next call may well be spoken), then the voice's notice."""
        self._voice_notice = message
        self._show_notice("")
        self._voice_trouble.start(VOICE_TROUBLE_MS)

    def _voice_trouble_over(self) -> None:
        self._voice_notice = self._voice_base
        self._show_notice("")

    def _show_notice(self, trouble: str) -> None:
        self.notice.setText("   |   ".join(t for t in (trouble, self._voice_notice) if t))

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self._timer.stop()
        self.line.close()
        speaker = self.speaker
        if speaker is not None:  # what is being said is finished, then its folder removed
            self._context.tasks.run(speaker.close, lambda _: None, lambda _: None, owner=None)
        super().closeEvent(event)
