"""Background work: the GUI thread never waits on the database or on PDF generation.

`Tasks.run(work, done, failed, owner=widget)` runs `work()` in the thread pool and calls
`done(result)` or `failed(error)` back on the GUI thread (queued signal). Tests pass
`synchronous=True`.

Every answer names its `owner`, the widget that asked. An answer can arrive after its
widget was closed and deleted (the officer closed the window, a test tore it down): it
is then dropped here, in one place, instead of reaching a deleted C++ object
("Internal C++ object already deleted"). The work itself is never cut short, so a write
that was started is finished whatever happened to the window.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

import shiboken6
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
        with suppress(RuntimeError):  # the application is shutting down: nobody to tell
            self._relay.finished.emit(result, error)


class Progress(QObject):
    """Progress of background work for a bar: `report(done, total)` may be called from the
    worker; `advanced` arrives on the GUI thread. Owned by the widget that shows it."""

    advanced = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        with suppress(RuntimeError):  # the window showing it was closed meanwhile
            self.advanced.emit(done, total)


def alive(owner: QObject | None) -> bool:
    """True while the widget that asked still exists on the C++ side."""
    return owner is None or shiboken6.isValid(owner)


class Tasks:
    def __init__(self, pool: QThreadPool | None = None, synchronous: bool = False) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._synchronous = synchronous
        self._relays: set[_Relay] = set()
        self._watchers: list[Callable[[Exception], None]] = []

    def watch(self, watcher: Callable[[Exception], None]) -> None:
        """`watcher(error)` hears every failure first, on the GUI thread, whoever asked (the
        desk locks itself when any work finds that a login is now needed)."""
        self._watchers.append(watcher)

    def _heard(self, error: Exception) -> None:
        for watcher in list(self._watchers):
            watcher(error)

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
        *,
        owner: QObject | None,
    ) -> None:
        """`owner`: the widget whose callbacks these are (None only for work that touches
        no widget); its answer is dropped if it is gone by then."""
        if self._synchronous:
            try:
                result = work()
            except Exception as error:
                self._heard(error)
                if alive(owner):
                    failed(error)
            else:
                if alive(owner):
                    done(result)
            return
        relay = _Relay()
        self._relays.add(relay)

        def deliver(result: Any, error: Exception | None) -> None:
            self._relays.discard(relay)
            if error is not None:
                self._heard(error)
            if not alive(owner):
                return
            if error is None:
                done(result)
            else:
                failed(error)

        relay.finished.connect(deliver)
        self._pool.start(_Job(work, relay))

    def wait(self) -> None:
        """Block until running work is done (on exit: nothing is cut off mid-write)."""
        self._pool.waitForDone()
