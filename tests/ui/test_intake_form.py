"""A complete reception typed with the keyboard only, ending with a code in the database
and a receipt whose barcode decodes; refusals and the sheets for a dossier not received."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.printing.data import PageOptions
from counter_app.services.dossiers import views
from counter_app.services.printouts import printouts
from counter_app.text import fold
from counter_app.ui.app import AppContext
from counter_app.ui.intake.intake_form import IntakeForm
from counter_app.ui.tasks import Tasks
from tests.conftest import counts
from tests.unit.test_printing import decoded, pdf_text


@pytest.fixture
def form(qtbot, desk_db, db_url):
    context = AppContext.build(Settings(db_url=db_url, officer="tranthib"), Tasks(synchronous=True))
    widget = IntakeForm(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_reception(qtbot, form: IntakeForm, tick: bool = True, tasks=None) -> None:
    qtbot.keyClicks(form.find, "khai sinh")  # accents optional
    qtbot.keyClick(form.find, Qt.Key.Key_Return)  # the first procedure shown
    if tasks is not None:
        tasks.release_all()  # the checklist arrives
    for key, text in (
        ("name", "Nguyen Thi Hoa"),
        ("id_number", "026190001234"),
        ("phone", "0912345678"),
        ("address", "Thon 3"),
    ):
        qtbot.keyClicks(form.inputs[key], text)
    if tick:
        form.documents.setFocus()
        for row in range(form.checklist.rowCount()):
            form.documents.setCurrentIndex(form.checklist.index(row, 0))
            qtbot.keyClick(form.documents, Qt.Key.Key_Space)


def test_keyboard_only_reception_gives_a_code_and_a_receipt_that_scans(qtbot, form, desk_db):
    type_reception(qtbot, form)
    assert form.procedure_code == "1.001193"
    assert "Hẹn trả:" in form.appointment.text()
    with qtbot.waitSignal(form.received) as saved:
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    code = saved.args[0]
    with unit_of_work(desk_db) as session:
        view = views.dossier_by_code(session, code)
        pdf, _ = printouts.render(session, "receipt", code, PageOptions(), view.received_at, "")
    assert view.applicant.name == "Nguyen Thi Hoa" and view.history[0].officer == "tranthib"
    assert ("Code128", code) in decoded(pdf)


def test_missing_documents_refuse_and_offer_the_guidance_sheet(qtbot, form, desk_db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    type_reception(qtbot, form, tick=False)
    before = counts(desk_db)
    with qtbot.waitSignal(form.sheet_shown) as shown:
        form.save()
    assert shown.args == ["guidance"] and "Giấy chứng sinh" in form.message.text()
    text = " ".join(" ".join(pdf_text(form.sheet_preview._pdf)).split())
    assert "chưa tiếp nhận" in text and "Giấy chứng sinh (cần 1, có 0)" in text
    assert counts(desk_db) == before


def test_inline_check_next_to_the_field(qtbot, form):
    qtbot.keyClicks(form.inputs["id_number"], "12345")
    assert form.errors["id_number"].isVisible() and "12 chữ số" in form.errors["id_number"].text()
    qtbot.keyClicks(form.inputs["id_number"], "6789")
    assert not form.errors["id_number"].isVisible()


def test_appointment_follows_the_channel(qtbot, form):
    type_reception(qtbot, form)
    with qtbot.waitSignal(form.appointment_shown, timeout=3000):
        form.channel.setCurrentIndex(2)  # online


def test_refusal_sheet(qtbot, form, desk_db):
    type_reception(qtbot, form)
    before = counts(desk_db)
    with qtbot.waitSignal(form.sheet_shown):
        form.print_refusal("Không thuộc thẩm quyền của UBND xã")
    assert "Không thuộc thẩm quyền" in " ".join(pdf_text(form.sheet_preview._pdf))
    assert counts(desk_db) == before


def test_checklist_model(qtmodeltester, qtbot, form):
    type_reception(qtbot, form)
    assert form.checklist.received() == {
        "Tờ khai đăng ký khai sinh": 1,
        "Giấy chứng sinh": 1,
        "Văn bản ủy quyền": 1,
    }
    qtmodeltester.check(form.checklist)
    qtmodeltester.check(form.filter)


def test_passport_chosen_as_id_type(qtbot, form):
    qtbot.keyClicks(form.inputs["id_number"], "C1234567")
    assert form.errors["id_number"].isVisible()
    form.id_type.setCurrentIndex(1)  # Hộ chiếu
    assert not form.errors["id_number"].isVisible()
    assert form.document()["applicant"]["id_type"] == "passport"


@pytest.fixture
def held_form(qtbot, desk_db, db_url):
    from tests.ui.conftest import HeldTasks

    tasks = HeldTasks()
    widget = IntakeForm(AppContext.build(Settings(db_url=db_url), tasks))  # type: ignore[arg-type]
    qtbot.addWidget(widget)
    widget.show()
    tasks.release_all()
    return widget, tasks


def test_a_second_ctrl_s_while_saving_receives_nothing_more(qtbot, held_form, desk_db):
    form, tasks = held_form
    type_reception(qtbot, form, tasks=tasks)
    tasks.release_all()
    received = []
    form.received.connect(received.append)
    before = counts(desk_db)["dossiers"]
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    tasks.release_all()
    assert len(received) == 1 and counts(desk_db)["dossiers"] == before + 1


def test_a_late_checklist_for_an_earlier_choice_is_dropped(qtbot, held_form):
    form, tasks = held_form
    qtbot.keyClicks(form.find, "9.0000")  # the three test procedures 9.000001–3
    form.choose_row(0)
    form.choose_row(1)
    chosen = form.procedure_code
    tasks.release(1)  # the newer answer first…
    tasks.release_all()  # …then the older one, late
    second = form.procedures.item(form.filter.mapToSource(form.filter.index(1, 0)).row())
    assert chosen == second.code and form.procedure_code == chosen
    assert second.name in form.appointment.text()


def test_id_card_qr_fills_the_applicant(qtbot, form):
    from tests.unit.test_id_card import CARD

    assert form.take_scan(CARD) is True
    assert (form.inputs["name"].text(), form.inputs["id_number"].text()) == (
        "Nguyễn Thị Hoà",
        "026190001234",
    )
    assert "Tam Đảo" in form.inputs["address"].text()
    assert not form.errors["id_number"].isVisible()
    assert form.take_scan("000.00.20.H26-260213-0007") is False  # a dossier code: not ours


@pytest.fixture
def sample_form(qtbot, sample_db, db_url):
    """The reception form on the shipped commune catalog (35 procedures, several birth
    registrations among them)."""
    context = AppContext.build(Settings(db_url=db_url), Tasks(synchronous=True))
    widget = IntakeForm(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(
    ("typed", "moves", "expected"),
    [
        ("khai sinh", 0, "1.001193"),  # the plain procedure before its combined variants
        ("KHAI SINH", 0, "1.001193"),
        ("Dang Ky Khai Sinh", 0, "1.001193"),  # the exact name, accents and case aside
        ("1.000689", 0, "1.000689"),  # the exact code
        ("khai sinh", 1, None),  # ↓ then Enter: the second one shown, whatever it is
    ],
)
def test_enter_takes_the_best_match_or_the_highlighted_one(
    qtbot, sample_form, typed, moves, expected
):
    qtbot.keyClicks(sample_form.find, typed)
    assert sample_form.filter.rowCount() > 1 or typed == "1.000689"
    for _ in range(moves):
        qtbot.keyClick(sample_form.find, Qt.Key.Key_Down)
    highlighted = sample_form.picker.highlighted()
    qtbot.keyClick(sample_form.find, Qt.Key.Key_Return)
    assert sample_form.procedure_code == (expected or highlighted)
    if moves:
        assert highlighted != "1.001193"
    assert sample_form.procedure_code in sample_form.appointment.text()  # stays in sight


def test_the_list_is_ranked_best_first(qtbot, sample_form):
    from counter_app.ui.intake.procedure_picker import ProcedurePicker

    qtbot.keyClicks(sample_form.find, "khai sinh")
    picker: ProcedurePicker = sample_form.picker
    names = [
        picker.procedures.item(picker.filter.mapToSource(picker.filter.index(r, 0)).row()).name
        for r in range(picker.filter.rowCount())
    ]
    assert names[0] == "Đăng ký khai sinh" and len(names) > 2
    assert all("khai sinh" in fold(name) for name in names[1:])


def test_an_empty_save_lists_every_missing_field(qtbot, form, desk_db):
    before = counts(desk_db)
    qtbot.keyClicks(form.inputs["phone"], "12")
    form.save()
    message = form.message.text()
    assert "chưa chọn thủ tục" in message and "họ tên" in message and "điện thoại" in message
    assert counts(desk_db) == before


@pytest.mark.parametrize(
    ("kind", "typed"),
    [("", "12345"), ("", "026190001234567"), ("", "999190001234"), ("passport", "AB")],
)
def test_a_bad_id_number_is_told_in_plain_vietnamese(qtbot, form, kind, typed):
    form.id_type.setCurrentIndex(form.id_type.findData(kind))
    qtbot.keyClicks(form.inputs["id_number"], typed)
    told = form.errors["id_number"].text()
    assert told and "id_type" not in told and "=" not in told and "nhận được" not in told


def test_the_same_intake_twice_within_30_minutes_asks_first(qtbot, form, desk_db, monkeypatch):
    asked = []

    def answer(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    type_reception(qtbot, form)
    with qtbot.waitSignal(form.received):
        form.save()
    form._done = False  # the same form, as if filled again for the same citizen
    before = counts(desk_db)
    form.save()
    assert len(asked) == 1 and "đã được tiếp nhận thủ tục này" in asked[0]
    assert counts(desk_db) == before and "Chưa ghi" in form.message.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(form.received):
        form.save()
    assert counts(desk_db)["dossiers"] == before["dossiers"] + 1


@pytest.mark.parametrize("how", ["close", "escape"])
def test_closing_with_typed_data_asks_first(qtbot, form, monkeypatch, how):
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: (asked.append(1), answers.pop(0))[1]
    )
    qtbot.keyClicks(form.inputs["name"], "Nguyen")
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5000)

    def close() -> None:
        if how == "close":
            form.close()
        else:
            qtbot.keyClick(form.inputs["name"], Qt.Key.Key_Escape)

    close()
    assert form.isVisible() and form.inputs["name"].text() == "Nguyen"
    close()
    assert not form.isVisible() and len(asked) == 2


def test_closing_an_empty_form_asks_nothing(qtbot, form, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked"))
    form.close()
    assert not form.isVisible()


def test_tab_leaves_the_documents_table(qtbot, form):
    type_reception(qtbot, form)
    form.documents.setFocus()
    qtbot.keyClick(form.documents, Qt.Key.Key_Tab)
    assert not form.documents.hasFocus()


def test_alt_t_goes_to_the_first_document_and_tab_then_saves_before_refusing(qtbot, form):
    """Issue 18: five Tabs from the phone to the documents; their own key, said on screen;
    from the last document Tab reaches the save button before 'Từ chối tiếp nhận…'."""
    type_reception(qtbot, form, tick=False)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5000)
    form.inputs["phone"].setFocus()
    qtbot.waitUntil(form.inputs["phone"].hasFocus, timeout=5000)
    qtbot.keyClick(form.inputs["phone"], Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.documents.hasFocus, timeout=5000)
    assert form.documents.currentIndex().row() == 0
    assert any("(Alt+T)" in label.text() for label in form.findChildren(QLabel))
    qtbot.keyClick(form.documents, Qt.Key.Key_Space)
    assert form.checklist.received()  # the first document ticked
    qtbot.keyClick(form.documents, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.save_button.hasFocus, timeout=5000)
    qtbot.keyClick(form.save_button, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.refuse_button.hasFocus, timeout=5000)
