"""Quitting the desk with work open (issue 16): Ctrl+Q / Alt+F4 on the main window asks
every window holding unsaved work with its own question, closes nothing on a "no", closes
them all with the desk on a "yes", and waits for a save under way to reach its receipt."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.services.dossiers.batches import BatchLine
from counter_app.services.dossiers.workflow import Action
from tests.ui.test_main_window import demo_url as demo_url  # noqa: F401 - the fixture
from tests.ui.test_main_window import started, window_for

RECEPTION = "Thông tin đã nhập chưa được ghi nhận và sẽ mất. Đóng?"
BATCH = "1 hồ sơ đã quét chưa được xác nhận và sẽ bị bỏ. Đóng?"


def with_work(qtbot, window, kind: str):  # type: ignore[no-untyped-def]
    if kind == "reception":
        window.new_reception()
        qtbot.keyClicks(window.reception.inputs["name"], "Nguyen")
        return window.reception
    window.open_batch(Action.HANDOFF)
    window.batch.model.add(BatchLine("SCANNED-1", "", "", None, None))
    return window.batch


def answering(monkeypatch, answer):  # type: ignore[no-untyped-def]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), answer)[1])
    return asked


@pytest.mark.parametrize(
    ("kind", "question"), [("reception", RECEPTION), ("batch", BATCH)], ids=["reception", "batch"]
)
def test_quitting_asks_each_window_holding_work_and_no_closes_nothing(
    qtbot, tmp_path, monkeypatch, kind, question
):
    window = window_for(qtbot, f"sqlite:///{tmp_path / 'desk.db'}")
    started(qtbot, window)
    other = with_work(qtbot, window, kind)
    stopped: list[int] = []
    monkeypatch.setattr(window.syncing, "stop", lambda: stopped.append(1))
    asked = answering(monkeypatch, QMessageBox.StandardButton.No)
    assert window.close() is False  # Ctrl+Q and Alt+F4 close the main window
    assert asked == [question] and window.isVisible() and other.isVisible() and stopped == []
    asked = answering(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.close() is True
    assert asked == [question] and not other.isVisible() and stopped == [1]  # asked once
    window._context.tasks.wait()


def test_windows_without_work_close_with_the_desk(qtbot, tmp_path, monkeypatch):
    window = window_for(qtbot, f"sqlite:///{tmp_path / 'desk.db'}")
    started(qtbot, window)
    window.new_reception()  # nothing typed
    window.open_help()
    asked = answering(monkeypatch, QMessageBox.StandardButton.No)
    assert window.close() is True
    assert asked == [] and not window.reception.isVisible() and not window.help.isVisible()
    window._context.tasks.wait()


def test_a_save_under_way_reaches_its_receipt_before_the_desk_may_quit(
    qtbot, demo_url, sessions, monkeypatch
):  # noqa: F811
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    form = with_work(qtbot, window, "reception")
    with unit_of_work(sessions) as session:
        code = session.scalars(select(Dossier.code).limit(1)).one()
    asked = answering(monkeypatch, QMessageBox.StandardButton.Yes)
    form._saving = True  # Ctrl+S pressed: the dossier is being recorded
    assert window.close() is False and form.isVisible() and asked == []
    assert "giấy hẹn" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.dossier_opened, timeout=10_000) as opened:
        form._on_saved(code)  # recorded: the form closes, the receipt is on its way
    assert window.close() is False  # the receipt is not on screen yet
    dialog = opened.args[0]
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=20_000
    )
    assert window.close() is True and asked == [] and not dialog.preview.isVisible()
    window._context.tasks.wait()
