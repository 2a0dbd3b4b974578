"""Several steps of one operation shown as one progress bar."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total), as ui.tasks.Progress.report takes
SCALE = 1000


class Meter:
    """Each step reports its own (done, total); `on_progress` gets the whole operation's
    (done, SCALE), never going back."""

    def __init__(self, on_progress: Progress | None, shares: tuple[int, ...]) -> None:
        self._on, self._shares, self._shown = on_progress, shares, -1

    def step(self, index: int) -> Progress:
        start, share, whole = sum(self._shares[:index]), self._shares[index], sum(self._shares)

        def report(done: int, total: int) -> None:
            if total > 0:
                self._show((start + share * min(done, total) // total) * SCALE // whole)

        return report

    def finish(self) -> None:
        self._show(SCALE)

    def _show(self, value: int) -> None:
        if self._on is not None and value > self._shown:
            self._shown = value
            self._on(value, SCALE)
