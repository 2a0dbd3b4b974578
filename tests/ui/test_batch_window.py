"""A handover batch of three scans, with one duplicate and one unknown code rejected
visibly and audibly; the list printed; results coming back; and a return."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.formats import show_datetime
from counter_app.services.dossiers import views
from counter_app.services.dossiers.workflow import Action
from counter_app.ui.app import AppContext
from counter_app.ui.dossiers.dossier_dialog import DossierDialog
from counter_app.ui.handover.batch_model import BatchModel
from counter_app.ui.handover.batch_window import BatchWindow
from counter_app.ui.tasks import Tasks
from tests.unit.test_lifecycle import received
from tests.unit.test_printing import pdf_text


@pytest.fixture
def context(desk_db, db_url):
    return AppContext.build(Settings(db_url=db_url), Tasks(synchronous=True))


def window(qtbot, context, action) -> BatchWindow:
    w = BatchWindow(context, action)
    qtbot.addWidget(w)
    w.show()
    return w


def status(sessions, code):
    with unit_of_work(sessions) as session:
        return views.dossier_by_code(session, code)


def test_handover_batch_by_scanning(qtbot, context, desk_db, monkeypatch):
    beeps = []
    monkeypatch.setattr(
        "counter_app.ui.handover.batch_window.QApplication.beep", lambda: beeps.append(1)
    )
    a, b, c = received(desk_db, 3)
    batch = window(qtbot, context, Action.HANDOFF)
    for code in (a, b.lower(), c):
        batch.add(code)
    assert batch.unit.currentData() == "TP-HT"  # the unit of the first dossier's procedure
    batch.add(a)  # scanned twice
    assert "đã có trong lô" in batch.status.text()
    batch.add("000.00.20.H26-260213-0999")  # not a dossier
    assert "không có hồ sơ mã này" in batch.status.text() and len(beeps) == 2
    assert batch.model.codes() == [a, b, c]
    refused = [batch.model.data(batch.model.index(row, 6)) for row in (3, 4)]
    assert refused == ["Không nhận: đã có trong lô", "Không nhận: không có hồ sơ mã này"]
    with qtbot.waitSignal(batch.confirmed) as done:
        batch.confirm()
    assert done.args == [[a, b, c]]
    assert {status(desk_db, x).current_unit for x in (a, b, c)} == {"TP-HT"}
    listing = " ".join(pdf_text(batch.preview._pdf)).replace(" ", "").replace("\n", "")
    assert all(x in listing for x in (a, b, c))


def test_results_back_then_a_return(qtbot, context, desk_db):
    a, b = received(desk_db, 2)
    out = window(qtbot, context, Action.HANDOFF)
    for code in (a, b):
        out.add(code)
    out.confirm()
    back = window(qtbot, context, Action.RESULT)
    back.add(a)
    with qtbot.waitSignal(back.confirmed):
        back.confirm()
    assert status(desk_db, a).status == "resolved" and status(desk_db, b).status == "in_progress"
    back.add(a)  # already back: refused by the state machine
    assert "Không thể" in back.status.text()
    dossier = DossierDialog(context, a)
    qtbot.addWidget(dossier)
    with qtbot.waitSignal(dossier.changed):
        dossier.perform(
            Action.RETURN, {"receiver": "Nguyễn Thị Hoà", "receiver_id": "026190001234"}
        )
    returned = status(desk_db, a)
    assert returned.status == "returned" and returned.timeliness is not None


def test_batch_model(qtmodeltester, qtbot, context, desk_db):
    (a,) = received(desk_db)
    batch = window(qtbot, context, Action.HANDOFF)
    batch.add(a)
    qtmodeltester.check(batch.model)


def test_scans_during_a_confirm_stay_and_a_second_click_does_nothing(qtbot, desk_db, db_url):
    from tests.ui.conftest import HeldTasks

    tasks = HeldTasks()
    batch = BatchWindow(AppContext.build(Settings(db_url=db_url), tasks), Action.HANDOFF)  # type: ignore[arg-type]
    qtbot.addWidget(batch)
    tasks.release_all()
    a, b, c = received(desk_db, 3)
    for code in (a, b):
        batch.add(code)
        tasks.release_all()
    rejected = []
    batch.line_rejected.connect(rejected.append)
    batch.confirm()
    batch.confirm()  # clicked twice
    batch.add(c)  # scanned while the batch is being written…
    tasks.release(len(tasks.jobs) - 1)  # …and checked before the confirm is done
    tasks.release_all()
    assert batch.model.codes() == [c] and rejected == []
    assert {status(desk_db, x).status for x in (a, b)} == {"in_progress"}
    assert status(desk_db, c).status == "received"


def test_results_back_with_a_refusal_and_the_unit_to_desk_list(qtbot, context, desk_db):
    a, b = received(desk_db, 2)
    out = window(qtbot, context, Action.HANDOFF)
    out.unit.setCurrentIndex(out.unit.findData("TP-HT"))
    for code in (a, b):
        out.add(code)
    out.confirm()
    back = window(qtbot, context, Action.RESULT)
    back.add(a)
    back.outcome.setCurrentIndex(back.outcome.findData("refused"))
    back.add(b)
    back.table.setCurrentIndex(back.model.index(0, 0))
    back._on_flip_clicked()  # a was refused too… then flipped back: approved
    back._on_flip_clicked()
    with qtbot.waitSignal(back.confirmed):
        back.confirm()
    assert (status(desk_db, a).outcome, status(desk_db, b).outcome) == ("approved", "refused")
    listing = " ".join(" ".join(pdf_text(back.preview._pdf)).split())
    assert "Bên giao: Công chức Tư pháp - Hộ tịch" in listing
    assert "Bên nhận: Bộ phận TN&TKQ" in listing and "Không giải quyết" in listing


def test_a_dossier_of_another_unit_is_flagged_not_added(qtbot, context, desk_db, monkeypatch):
    beeps = []
    monkeypatch.setattr(
        "counter_app.ui.handover.batch_window.QApplication.beep", lambda: beeps.append(1)
    )
    (birth,) = received(desk_db)  # 1.001193: Tư pháp - Hộ tịch
    (permit,) = received(desk_db, procedure="9.000001", documents=[])  # Địa chính - Xây dựng
    batch = window(qtbot, context, Action.HANDOFF)
    batch.add(birth)
    batch.add(permit)
    assert batch.unit.currentData() == "TP-HT" and batch.model.codes() == [birth]
    assert len(beeps) == 1 and batch.model.rowCount() == 2
    flagged = batch.model.index(1, 6)
    assert "Địa chính - Xây dựng" in batch.model.data(flagged)
    assert batch.model.data(flagged, Qt.ItemDataRole.BackgroundRole) is not None
    batch.unit.setCurrentIndex(batch.unit.findData("DC-XD"))  # the officer changes the unit
    batch.unit.activated.emit(batch.unit.currentIndex())
    assert batch.model.codes() == [permit]  # now the birth registration is the odd one out


def test_the_unit_chosen_before_scanning_is_kept(qtbot, context, desk_db):
    (birth,) = received(desk_db)
    batch = window(qtbot, context, Action.HANDOFF)
    batch.unit.setCurrentIndex(batch.unit.findData("DC-XD"))
    batch.unit.activated.emit(batch.unit.currentIndex())
    batch.add(birth)
    assert batch.unit.currentData() == "DC-XD" and batch.model.codes() == []


def test_ctrl_enter_confirms(qtbot, context, desk_db):
    a, b = received(desk_db, 2)
    batch = window(qtbot, context, Action.HANDOFF)
    batch.add(a)
    batch.add(b)
    batch.activateWindow()
    qtbot.waitUntil(batch.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(batch.confirmed) as done:
        qtbot.keyClick(batch.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert done.args == [[a, b]]


@pytest.mark.parametrize("how", ["close", "escape"])
def test_closing_with_unconfirmed_scans_asks_first(qtbot, context, desk_db, monkeypatch, how):
    (a,) = received(desk_db)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    batch = window(qtbot, context, Action.HANDOFF)
    batch.add(a)

    def close() -> None:
        if how == "close":
            batch.close()
        else:
            qtbot.keyClick(batch.table, Qt.Key.Key_Escape)

    batch.activateWindow()
    qtbot.waitUntil(batch.isActiveWindow, timeout=5000)
    close()
    assert batch.isVisible() and batch.model.codes() == [a]
    close()
    assert not batch.isVisible() and answers == []


def test_f4_in_the_handover_window_opens_the_units(qtbot, context, desk_db, monkeypatch):
    batch = window(qtbot, context, Action.HANDOFF)
    opened = []
    monkeypatch.setattr(batch.unit, "showPopup", lambda: opened.append(1))
    assert batch.desk_key("results") and opened == [1]
    assert not window(qtbot, context, Action.RESULT).desk_key("handoff")


def test_tab_leaves_the_batch_table(qtbot, context, desk_db):
    a, b = received(desk_db, 2)
    batch = window(qtbot, context, Action.HANDOFF)
    batch.add(a)
    batch.add(b)
    batch.table.setFocus()
    batch.table.setCurrentIndex(batch.model.index(0, 0))
    qtbot.keyClick(batch.table, Qt.Key.Key_Tab)
    assert not batch.table.hasFocus()


def test_a_dossier_already_at_the_unit_is_flagged_at_the_scan(qtbot, context, desk_db):
    a, b = received(desk_db, 2)
    first = window(qtbot, context, Action.HANDOFF)
    first.add(a)
    first.confirm()  # a is at Tư pháp - Hộ tịch now
    batch = window(qtbot, context, Action.HANDOFF)
    batch.add(b)
    batch.add(a)
    assert batch.model.codes() == [b]
    assert "đã bàn giao cho Công chức Tư pháp - Hộ tịch lúc" in batch.model.data(
        batch.model.index(1, 6)
    )
    with qtbot.waitSignal(batch.confirmed) as done:  # the rest of the batch goes through
        batch.confirm()
    assert done.args == [[b]]


def test_a_dossier_handed_to_another_unit_is_told_as_handed_over(qtbot, context, desk_db):
    """Not "not the unit chosen": the paper is at a unit already; which, and since when."""
    (birth,) = received(desk_db)
    first = window(qtbot, context, Action.HANDOFF)
    first.add(birth)
    first.confirm()  # at Tư pháp - Hộ tịch now
    handed = show_datetime(status(desk_db, birth).history[-1].at)
    batch = window(qtbot, context, Action.HANDOFF)
    batch.unit.setCurrentIndex(batch.unit.findData("DC-XD"))
    batch.unit.activated.emit(batch.unit.currentIndex())
    batch.add(birth)
    told = batch.model.data(batch.model.index(0, 6))
    assert told == f"Không nhận: Hồ sơ đã bàn giao cho Công chức Tư pháp - Hộ tịch lúc {handed}"
    assert batch.status.text() == (
        f"Không nhận: {birth}: Hồ sơ đã bàn giao cho Công chức Tư pháp - Hộ tịch lúc {handed}"
    )  # the code said once
    where = batch.model.data(batch.model.index(0, BatchModel.HEADERS.index("Đang ở")))
    assert where == "" and batch.model.codes() == []  # not "Bộ phận một cửa": not known here


def test_a_long_reason_wraps_inside_the_window(qtbot, context, desk_db):
    """The reason a scan was refused wraps in its column; it ran past the window's edge,
    behind a horizontal scroll bar (seen on screen at 1366×768)."""
    (birth,) = received(desk_db)
    first = window(qtbot, context, Action.HANDOFF)
    first.add(birth)
    first.confirm()
    batch = window(qtbot, context, Action.HANDOFF)
    batch.resize(800, 600)
    qtbot.waitUntil(lambda: batch.table.viewport().width() > 700)
    batch.add(birth)
    batch.add("000.00.20.H26-260213-0999")
    assert batch.table.horizontalScrollBar().maximum() == 0
