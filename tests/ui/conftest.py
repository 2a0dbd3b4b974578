import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class HeldTasks:
    """Background work held until the test releases it, in the order it chooses: races
    between answers become reproducible."""

    def __init__(self) -> None:
        self.jobs: list = []

    def run(self, work, done, failed, *, owner) -> None:  # type: ignore[no-untyped-def]
        self.jobs.append((work, done, failed, owner))

    def release(self, index: int = 0) -> None:
        from counter_app.ui.tasks import alive

        work, done, failed, owner = self.jobs.pop(index)
        try:
            result = work()
        except Exception as error:
            if alive(owner):
                failed(error)
        else:
            if alive(owner):
                done(result)

    def release_all(self) -> None:
        while self.jobs:
            self.release(0)

    def wait(self) -> None:
        self.release_all()


@pytest.fixture(autouse=True)
def _answer_yes_when_closing(monkeypatch):
    """A window closed by a test's teardown with data in it asks "close anyway?": off
    screen nobody could answer, so the default answer is Yes. Tests of the question
    patch it themselves."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def ticking_clock(step_s: float = 0.001):  # type: ignore[no-untyped-def]
    """A scanner's clock that moves 1 ms at each key: keys sent by qtbot.keyClicks arrive
    at scanner speed whatever the machine's load (with the wall clock a busy CI can put
    40 ms between two of them and cut a scan in two). A person's slowness is still
    simulated by a real delay between keys, which lets the filter's own timer run."""
    now = [0.0]

    def tick() -> float:
        now[0] += step_s
        return now[0]

    return tick
