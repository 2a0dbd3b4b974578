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

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)  # fmt: skip
