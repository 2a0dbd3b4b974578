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
    """A queue whose office server does not answer while `down` is set: every question is
    QueueUnavailable. None is done, or, with `answers_lost`, each is done and its answer
    lost on the way back (the network failed after the server had acted)."""

    def __init__(self, down: threading.Event, real: Any, answers_lost: bool = False) -> None:
        self.down, self.real, self.answers_lost = down, real, answers_lost

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.real, name)

        def asked(*args: Any, **kwargs: Any) -> Any:
            if not self.down.is_set() or name == "close":
                return method(*args, **kwargs)
            if self.answers_lost:
                method(*args, **kwargs)
            raise QueueUnavailable("Không kết nối được máy chủ văn phòng: thử.")

        return asked


def line_with_server(context: Any, down: threading.Event, answers_lost: bool = False) -> QueueLine:
    """A window's queue line on the desk's own queue that goes silent while `down` is set."""
    line = QueueLine(context)
    line._queue = SilentServer(down, LocalQueue(context.sessions), answers_lost)  # type: ignore[assignment]
    return line
