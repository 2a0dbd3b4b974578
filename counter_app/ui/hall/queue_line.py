"""One window's line to the office's queue (counter_app.queue): opened in a worker the
first time it is asked (choosing the desk's own queue or the office server's reads the
database), then each question asked in the thread pool, one at a time (a joined desk's
queue keeps one connection to the server), the answer or the error back on the GUI
thread. The GUI thread never waits on it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from counter_app.queue.base import Queue
    from counter_app.ui.app import AppContext

T = TypeVar("T")


class QueueLine:
    def __init__(self, context: AppContext, prepare: bool = False) -> None:
        """`prepare`: create or migrate the database first (the kiosk and the display
        start on their own, before any desk window did it)."""
        self._context, self._prepare = context, prepare
        self._queue: Queue | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _opened(self) -> Queue:
        if self._queue is None:
            from counter_app.queue.choose import queue_for

            c = self._context
            if self._prepare:
                c.prepare_database()
            self._queue = queue_for(c.settings.db_url, c.sessions)
        return self._queue

    def call(self, work: Callable[[Queue], T]) -> T:
        """Ask the queue now, on this (worker) thread."""
        with self._lock:
            if self._closed:
                from counter_app.queue.base import QueueUnavailable

                raise QueueUnavailable("Cửa sổ đã đóng.")
            return work(self._opened())

    def ask(
        self,
        work: Callable[[Queue], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
        owner: QObject,
    ) -> None:
        """`work(queue)` in the pool; `done(answer)` or `failed(error)` on the GUI thread,
        dropped if `owner` is gone by then."""
        self._context.tasks.run(lambda: self.call(work), done, failed, owner=owner)

    def close(self) -> None:
        """When the window closes: in the pool, after any question still asked."""

        def close() -> None:
            with self._lock:
                self._closed = True
                if self._queue is not None:
                    self._queue.close()

        self._context.tasks.run(close, lambda _: None, lambda _: None, owner=None)
