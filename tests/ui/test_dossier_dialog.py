"""The dossier window: facts and timeline, the actions its state allows, a refusal told,
and a reprint that is recorded."""

from __future__ import annotations

import pytest

from counter_app.config import Settings
from counter_app.formats import show_datetime
from counter_app.services.dossiers.workflow import Action
from counter_app.ui.app import AppContext
from counter_app.ui.dossiers.action_dialog import ActionDialog
from counter_app.ui.dossiers.dossier_dialog import DossierDialog
from counter_app.ui.handover.batch_model import BatchModel
from counter_app.ui.tasks import Tasks
from tests.conftest import counts
from tests.unit.test_lifecycle import received
from tests.unit.test_printing import pdf_text


@pytest.fixture
def context(desk_db, db_url):
    return AppContext.build(Settings(db_url=db_url, officer="tranthib"), Tasks(synchronous=True))


def dialog_for(qtbot, context, code) -> DossierDialog:
    dialog = DossierDialog(context, code)
    qtbot.addWidget(dialog)
    return dialog


def test_received_dossier_offers_its_actions_and_hands_over(qtbot, context, desk_db):
    (code,) = received(desk_db)
    dialog = dialog_for(qtbot, context, code)
    assert dialog.view.status == "received" and dialog.history.rowCount() == 1
    assert set(dialog.action_buttons) == {
        Action.HANDOFF,
        Action.SUPPLEMENT,
        Action.EXTEND,
        Action.RESULT,
        Action.WITHDRAW,
        Action.STOP,
        Action.REFUSE,
    }
    with qtbot.waitSignal(dialog.changed):
        dialog.perform(Action.HANDOFF, {"unit": "TP-HT", "note": "Lô sáng"})
    assert dialog.view.status == "in_progress" and dialog.view.current_unit == "TP-HT"
    assert Action.HANDOFF in dialog.action_buttons and Action.REFUSE not in dialog.action_buttons
    moved = dialog.history.index(1, dialog.history.MOVE).data()
    assert moved == "Bộ phận một cửa → Công chức Tư pháp - Hộ tịch"  # by name


def test_refused_action_is_told_and_changes_nothing(qtbot, context, desk_db):
    (code,) = received(desk_db)
    dialog = dialog_for(qtbot, context, code)
    before = counts(desk_db)
    with qtbot.waitSignal(dialog.refused) as refused:
        dialog.perform(Action.EXTEND, {"due": "2026-02-28T10:00:00", "reason": "Chờ"})
    assert "giờ làm việc" in refused.args[0]
    assert counts(desk_db) == before  # rows, counters and the dossier's own columns


def test_reprint_opens_the_preview_and_records_the_print(qtbot, context, desk_db, tmp_path):
    (code,) = received(desk_db)
    dialog = dialog_for(qtbot, context, code)
    forms = [a.text() for a in dialog.reprint_menu.actions()]
    assert forms == ["Giấy tiếp nhận và hẹn trả", "Phiếu kiểm soát"]
    dialog.reprint("receipt")
    assert dialog.preview.document.pageCount() == 2
    dialog.preview.save_to(tmp_path / "r.pdf")
    assert (
        dialog.history.index(1, dialog.history.EVENT).data()
        == "In phiếu: Giấy tiếp nhận và hẹn trả"
    )


def test_history_model_is_a_proper_qt_model(qtbot, qtmodeltester, context, desk_db):
    (code,) = received(desk_db)
    qtmodeltester.check(dialog_for(qtbot, context, code).history)


def test_a_refusal_is_shown_in_the_dossier_window(qtbot, context, desk_db):
    (code,) = received(desk_db)
    dialog = dialog_for(qtbot, context, code)
    dialog.perform(Action.STOP, {"reason": "   "})
    assert "lý do" in dialog.message.text()


def test_a_dossier_refused_after_recording_prints_form_03(qtbot, context, desk_db, tmp_path):
    (code,) = received(desk_db)
    dialog = dialog_for(qtbot, context, code)
    with qtbot.waitSignal(dialog.changed):
        dialog.perform(Action.REFUSE, {"reason": "Giấy tờ không phải bản chính"})
    assert dialog.view.status == "refused" and dialog.action_buttons == {}
    forms = [a.text() for a in dialog.reprint_menu.actions()]
    assert forms == ["Giấy tiếp nhận và hẹn trả", "Phiếu từ chối tiếp nhận", "Phiếu kiểm soát"]
    dialog.reprint("refusal")
    dialog.preview.save_to(tmp_path / "refusal.pdf")
    text = " ".join(" ".join(pdf_text((tmp_path / "refusal.pdf").read_bytes())).split())
    assert "Mẫu số 03" in text and "Giấy tờ không phải bản chính" in text


def test_the_result_dialog_words_outcomes_as_the_batch_and_the_handover_list(qtbot):
    dialog = ActionDialog(Action.RESULT, [])
    qtbot.addWidget(dialog)
    box = dialog.inputs["outcome"]
    offered = {box.itemData(i): box.itemText(i) for i in range(box.count())}
    assert offered == {"approved": "Giải quyết xong", "refused": "Không giải quyết"}
    assert offered == dict(BatchModel.OUTCOMES)  # what the results-back list prints


def resolved(qtbot, context, desk_db) -> tuple[str, DossierDialog]:
    (code,) = received(desk_db)
    dialog = dialog_for(qtbot, context, code)
    for action, values in (
        (Action.HANDOFF, {"unit": "TP-HT"}),
        (Action.RESULT, {"outcome": "approved"}),
    ):
        with qtbot.waitSignal(dialog.changed):
            dialog.perform(action, values)
    return code, dialog


def test_the_return_dialog_starts_with_the_applicant_as_receiver(
    qtbot, context, desk_db, monkeypatch
):
    _, dialog = resolved(qtbot, context, desk_db)
    shown = []
    monkeypatch.setattr(ActionDialog, "exec", lambda self: shown.append(self) or 0)
    dialog.action_buttons[Action.RETURN].click()
    fields = shown[0].inputs
    assert fields["receiver"].text() == "Nguyễn Thị Hoà"
    assert fields["way"].currentData() == "in_person" and fields["receiver"].isEnabled()
    fields["way"].setCurrentIndex(fields["way"].findData("post"))
    assert not fields["receiver"].isEnabled() and fields["post"].isEnabled()


def test_labels_carry_one_pair_of_brackets(qtbot):
    from PySide6.QtWidgets import QFormLayout, QLabel

    for action in Action:
        dialog = ActionDialog(action, [("TP-HT", "Tư pháp")])
        qtbot.addWidget(dialog)
        form = dialog.layout()
        assert isinstance(form, QFormLayout)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            text = item.widget().text() if item and isinstance(item.widget(), QLabel) else ""
            assert text.count("(") <= 1, text


@pytest.mark.parametrize(
    ("values", "told"),
    [
        ({"way": "in_person", "receiver": "Nguyễn Thị Hoà"}, "Nhận trực tiếp: Nguyễn Thị Hoà"),
        (
            {"way": "authorised", "receiver": "Trần Văn Bình"},
            "Người được ủy quyền nhận thay: Trần Văn Bình",
        ),
        (
            {"way": "post", "receiver": "Nguyễn Thị Hoà", "post": "EB123456789VN"},
            "Gửi qua bưu điện, mã bưu gửi EB123456789VN",
        ),
    ],
)
def test_the_timeline_and_where_say_who_took_the_result(qtbot, context, desk_db, values, told):
    _, dialog = resolved(qtbot, context, desk_db)
    with qtbot.waitSignal(dialog.changed):
        dialog.perform(Action.RETURN, values)
    last = dialog.history.rowCount() - 1
    assert told in dialog.history.index(last, dialog.history.NOTE).data()
    where = {
        dialog.facts.itemAt(r, dialog.facts.ItemRole.LabelRole)
        .widget()
        .text(): dialog.facts.itemAt(r, dialog.facts.ItemRole.FieldRole).widget().text()
        for r in range(dialog.facts.rowCount())
    }["Đang ở"]
    assert where.startswith("Đã trả") and told in where


def test_the_window_lists_the_documents_received(qtbot, context, desk_db):
    (code,) = received(desk_db)
    dialog = dialog_for(qtbot, context, code)
    rows = dialog.documents.rows
    assert [r[0] for r in rows] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert rows[0][1] == "Bản chính" and rows[0][2] == "1"


def test_after_a_return_the_summary_says_the_outcome_and_when(qtbot, context, desk_db):
    """Not only the timeline: the facts at the top say what came back and when it was
    handed to the citizen."""
    _, dialog = resolved(qtbot, context, desk_db)
    with qtbot.waitSignal(dialog.changed):
        dialog.perform(Action.RETURN, {"way": "in_person", "receiver": "Nguyễn Thị Hoà"})
    returned = dialog.view.history[-1]
    assert returned.event == "returned"
    facts = {
        dialog.facts.itemAt(r, dialog.facts.ItemRole.LabelRole)
        .widget()
        .text(): dialog.facts.itemAt(r, dialog.facts.ItemRole.FieldRole).widget().text()
        for r in range(dialog.facts.rowCount())
    }
    assert facts["Kết quả"].startswith("Giải quyết xong (")
    assert facts["Trả kết quả lúc"] == show_datetime(returned.at)
    assert "Nhận trực tiếp: Nguyễn Thị Hoà" in facts["Đang ở"]
