"""Background answers never reach a window that is gone: closed and deleted while its
work ran, the answer is dropped in the helper itself, and the work still finishes."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from counter_app.ui.tasks import Tasks


def test_a_late_answer_to_a_deleted_window_is_dropped(qtbot):
    tasks, gate, finished = Tasks(), threading.Event(), threading.Event()
    window = QWidget()
    answers: list[object] = []

    def work() -> str:
        gate.wait(5)
        finished.set()
        return "rows"

    def done(result: object) -> None:
        window.setWindowTitle(str(result))  # would raise on a deleted window
        answers.append(result)

    tasks.run(work, done, answers.append, owner=window)
    shiboken6.delete(window)  # the officer closed it; a test tore it down
    gate.set()
    assert finished.wait(5)
    tasks.wait()
    qtbot.wait(50)  # let the queued answer arrive (it must be dropped)
    assert answers == []


def test_an_answer_to_a_live_window_arrives(qtbot):
    tasks, window = Tasks(), QWidget()
    qtbot.addWidget(window)
    answers: list[object] = []
    tasks.run(lambda: 42, answers.append, answers.append, owner=window)
    qtbot.waitUntil(lambda: answers == [42], timeout=5000)
