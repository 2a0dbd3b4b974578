"""Background work: the GUI thread never waits on the database or on PDF generation.

`Tasks.run(work, done, failed)` runs `work()` in the thread pool and calls `done(result)`
or `failed(error)` back on the GUI thread (queued signal). Tests pass `synchronous=True`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object, object)  # (result, error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result, error = self._work(), None
        except Exception as failure:  # handed to the GUI thread, which shows it
            result, error = None, failure
        with suppress(RuntimeError):  # the window that asked is gone (closing): nobody to tell
            self._relay.finished.emit(result, error)


class Tasks:
    def __init__(self, pool: QThreadPool | None = None, synchronous: bool = False) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._synchronous = synchronous
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        if self._synchronous:
            try:
                result = work()
            except Exception as error:
                failed(error)
            else:
                done(result)
            return
        relay = _Relay()
        self._relays.add(relay)

        def deliver(result: Any, error: Exception | None) -> None:
            self._relays.discard(relay)
            if error is None:
                done(result)
            else:
                failed(error)

        relay.finished.connect(deliver)
        self._pool.start(_Job(work, relay))

    def wait(self) -> None:
        """Block until running work is done (on exit: nothing is cut off mid-write)."""
        self._pool.waitForDone()
