"""Helpers for the hall's window tests (kiosk, display, the desk's calls): a desk database
with the small catalog and two services, the desk's own queue on it, a Speaker that
records what it is asked to say, and a queue line that the office server never answers."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from counter_app.queue.base import QueueUnavailable
from counter_app.queue.local import LocalQueue
from counter_app.ui.hall.queue_line import QueueLine

ESC_CUT = b"\x1dV"  # GS V: the cut at the end of a ticket's job


def with_services(sessions: Any) -> LocalQueue:
    """A (Hộ tịch, every counter) and B (Đất đai, counter 3) on the desk's own queue."""
    queue = LocalQueue(sessions)
    queue.add_service("A", "Hộ tịch")
    queue.add_service("B", "Đất đai", (3,))
    return queue


class RecordingSpeaker:
    """A voice that speaks nothing and keeps every text, from whatever thread."""

    name = "thử"
    notice: str | None = None

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._lock = threading.Lock()

    def say(self, text: str) -> None:
        with self._lock:
            self.texts.append(text)

    def render(self, text: str, wav_path: Path) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class SilentServer:
    """A queue whose office server does not answer: every question is QueueUnavailable,
    and none is done (the queue is the server's: nothing is kept at the PC)."""

    def __init__(self, down: threading.Event, real: Any) -> None:
        self.down, self.real = down, real
        self.asked: list[str] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.real, name)

        def asked(*args: Any, **kwargs: Any) -> Any:
            self.asked.append(name)
            if self.down.is_set() and name != "close":
                raise QueueUnavailable("Không kết nối được máy chủ văn phòng: thử.")
            return method(*args, **kwargs)

        return asked


def line_with_server(context: Any, down: threading.Event) -> QueueLine:
    """A window's queue line on the desk's own queue that goes silent while `down` is set."""
    line = QueueLine(context)
    line._queue = SilentServer(down, LocalQueue(context.sessions))  # type: ignore[assignment]
    return line
