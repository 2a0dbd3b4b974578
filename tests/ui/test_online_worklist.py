"""The worklist "Trực tuyến chờ tiếp nhận" (issue 21, requirement 4): online dossiers
imported and not answered, oldest first, with the answer's deadline (8 working hours from
the submission), red once past and amber when near; answered by keys alone (F6, Alt+N
accept, Alt+B supplement, Alt+C refuse, Enter opens), each answer leaving the list and
writing its portal messages to the outbox."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.models import Dossier, Event
from counter_app.services.worklists.worklist_kinds import Worklist
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow
from counter_app.ui.desk.online_model import URGENCY_ROLE, OnlineWaitingModel
from counter_app.ui.dossiers.action_dialog import ActionDialog
from counter_app.ui.tasks import Tasks
from tests.conftest import at
from tests.unit.test_portal_waiting import imported, pending

ALT = Qt.KeyboardModifier.AltModifier
# Tuesday 28/04/2026 10:00. Submitted Friday 24/04 at 15:00 and 16:00: Monday 27/04 is a
# day off (the Hùng Kings'), so the answers are due on Tuesday at 15:30 and at 16:30.
NOW = at("2026-04-28T10:00+07:00")


@pytest.fixture
def codes(desk_db) -> list[str]:
    return [
        imported(desk_db, "H26-1", "20260424150000"),
        imported(desk_db, "H26-2", "20260424160000"),
    ]


def desk(qtbot, db_url: str, now=NOW) -> MainWindow:
    context = AppContext.build(Settings(db_url=db_url, officer="tranthib"), Tasks(synchronous=True))
    context.now = lambda: now  # type: ignore[method-assign]
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    active(qtbot, window)
    return window


def active(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def f6(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.right.currentWidget() is window.online


def shown(window: MainWindow) -> list[list[str]]:
    model = window.online.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def online_label(window: MainWindow) -> tuple[str, bool]:
    index = window.lists.index(list(Worklist).index(Worklist.ONLINE))
    font = index.data(Qt.ItemDataRole.FontRole)
    return index.data(), isinstance(font, QFont) and font.bold()


def test_f6_lists_the_online_dossiers_with_their_deadlines(qtbot, db_url, codes):
    window = desk(qtbot, db_url)
    f6(qtbot, window)
    assert shown(window) == [
        [
            codes[0],
            "24/04/2026 15:00",
            "28/04/2026 15:30",
            "còn 3 giờ 30 phút",
            "Đăng ký khai sinh",
        ],
        [
            codes[1],
            "24/04/2026 16:00",
            "28/04/2026 16:30",
            "còn 4 giờ 30 phút",
            "Đăng ký khai sinh",
        ],
    ]
    assert online_label(window) == ("Trực tuyến chờ tiếp nhận (2)", True)  # seen at a glance
    assert QApplication.focusWidget() is window.online.table
    assert window.online.current_code() == codes[0]  # the oldest, ready to answer


@pytest.mark.parametrize(
    ("now", "first", "second"),
    [
        ("2026-04-28T14:00+07:00", ("soon", "#b35c00", "còn 1 giờ 30 phút"), ("in_time", None)),
        ("2026-04-28T16:00+07:00", ("overdue", "#a00000", "quá hạn 30 phút"), ("soon", "#b35c00")),
    ],
)
def test_a_deadline_past_is_red_and_one_near_is_amber(qtbot, db_url, codes, now, first, second):
    window = desk(qtbot, db_url, at(now))
    f6(qtbot, window)
    model = window.online.model
    for row, (urgency, colour, *left) in enumerate((first, second)):
        due = model.index(row, OnlineWaitingModel.ANSWER_DUE)
        assert due.data(URGENCY_ROLE) == urgency
        painted = due.data(Qt.ItemDataRole.ForegroundRole)
        assert (painted.name() if isinstance(painted, QColor) else None) == colour
        if left:
            assert model.index(row, OnlineWaitingModel.LEFT).data() == left[0]


KEYS = {Qt.Key.Key_N: "accept", Qt.Key.Key_B: "supplement", Qt.Key.Key_C: "refuse"}


def answered(
    qtbot, window: MainWindow, key: Qt.Key, fill: Callable[[ActionDialog], None] | None = None
) -> list[ActionDialog]:
    """Alt+`key` on the online list (a button's mnemonic: it clicks a moment later);
    `fill` answers, by keys, each form that opens."""
    forms: list[ActionDialog] = []
    watch = QTimer(interval=10)

    def asked() -> None:
        dialog = QApplication.activeModalWidget()
        if fill is None or not isinstance(dialog, ActionDialog):
            return
        if dialog.isVisible() and QApplication.activeWindow() is dialog:  # its keys reach it
            watch.stop()  # the form is answered (and closed) before the next look
            forms.append(dialog)
            try:
                fill(dialog)
            except BaseException:
                dialog.reject()  # a failed check ends the test, never leaves it waiting
                raise
            watch.start()

    watch.timeout.connect(asked)
    watch.start()
    active(qtbot, window)  # as a window manager gives it back once a form has closed
    try:
        with qtbot.waitSignal(window.online.buttons[KEYS[key]].clicked, timeout=10_000):
            qtbot.keyClick(window.online.table, key, ALT)
    finally:
        watch.stop()
    assert bool(forms) == (fill is not None)
    return forms


def status_of(desk_db, code: str) -> str:
    with unit_of_work(desk_db) as session:
        return session.scalar(select(Dossier.status).where(Dossier.code == code)) or ""


def test_alt_n_accepts_and_the_next_dossier_comes_up(qtbot, db_url, desk_db, codes):
    window = desk(qtbot, db_url)
    f6(qtbot, window)
    answered(qtbot, window, Qt.Key.Key_N, None)
    assert [row[0] for row in shown(window)] == [codes[1]]
    assert QApplication.focusWidget() is window.online.table
    assert window.online.current_code() == codes[1]
    assert online_label(window) == ("Trực tuyến chờ tiếp nhận (1)", True)
    assert window.statusBar().currentMessage() == f"Đã tiếp nhận hồ sơ trực tuyến {codes[0]}."
    # the acceptance goes out through the outbox: the dossier (2) and the step (2)
    assert pending(desk_db, codes[0])[-2:] == [("DongBoHoSoMC", 2), ("CapNhatTienDoHoSoMC", 2)]
    assert status_of(desk_db, codes[0]) == "received"

    answered(qtbot, window, Qt.Key.Key_N, None)  # the last one: the list of worklists next
    assert shown(window) == [] and QApplication.focusWidget() is window.list_view
    assert online_label(window) == ("Trực tuyến chờ tiếp nhận (0)", False)


def test_alt_b_asks_what_to_supply_and_sends_the_request(qtbot, db_url, desk_db, codes):
    window = desk(qtbot, db_url)
    f6(qtbot, window)

    def fill(dialog: ActionDialog) -> None:
        qtbot.keyClicks(dialog.inputs["items"], "Giay chung sinh ban ro net")  # QTest types ASCII
        qtbot.keyClick(dialog.inputs["items"], Qt.Key.Key_Tab)  # Tab leaves the text
        assert QApplication.focusWidget() is dialog.inputs["reason"]
        qtbot.keyClicks(dialog.inputs["reason"], "Ban chup bi mo")
        qtbot.keyClick(dialog.inputs["reason"], Qt.Key.Key_Return)

    answered(qtbot, window, Qt.Key.Key_B, fill)
    assert [row[0] for row in shown(window)] == [codes[1]]
    assert status_of(desk_db, codes[0]) == "supplement_requested"
    assert pending(desk_db, codes[0])[-2:] == [("DongBoHoSoMC", 5), ("CapNhatTienDoHoSoMC", 5)]
    with unit_of_work(desk_db) as session:
        asked = session.scalars(select(Event).where(Event.kind == "supplement_requested")).one()
    assert (asked.data["items"], asked.note) == ("Giay chung sinh ban ro net", "Ban chup bi mo")


def refusal(qtbot, reason: str) -> Callable[[ActionDialog], None]:
    def fill(dialog: ActionDialog) -> None:
        qtbot.keyClicks(dialog.inputs["reason"], reason)
        qtbot.keyClick(
            dialog.inputs["reason"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )

    return fill


def test_alt_c_asks_the_reason_then_to_confirm_and_refuses(
    qtbot, db_url, desk_db, codes, monkeypatch
):
    window = desk(qtbot, db_url)
    f6(qtbot, window)
    questions: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    answered(qtbot, window, Qt.Key.Key_C, refusal(qtbot, "Khong thuoc tham quyen cua xa"))
    assert codes[0] in questions[0] and status_of(desk_db, codes[0]) == "received"  # "No"
    assert len(shown(window)) == 2

    answer[0] = QMessageBox.StandardButton.Yes
    answered(qtbot, window, Qt.Key.Key_C, refusal(qtbot, "Khong thuoc tham quyen cua xa"))
    assert status_of(desk_db, codes[0]) == "refused"
    assert pending(desk_db, codes[0])[-2:] == [("DongBoHoSoMC", 3), ("CapNhatTienDoHoSoMC", 3)]
    assert [row[0] for row in shown(window)] == [codes[1]]


def test_a_refusal_without_its_reason_is_asked_again(qtbot, db_url, desk_db, codes):
    window = desk(qtbot, db_url)
    f6(qtbot, window)
    told: list[str] = []

    def fill(dialog: ActionDialog) -> None:
        told.append(dialog.error.text() if dialog.error.isVisible() else "")
        refusal(qtbot, "Sai tham quyen" if told[1:] else "   ")(dialog)

    forms = answered(qtbot, window, Qt.Key.Key_C, fill)
    assert len(forms) == 2 and forms[0] is forms[1]  # the same form, what was typed kept
    assert told[0] == "" and "lý do" in told[1]
    assert status_of(desk_db, codes[0]) == "refused"


def test_enter_opens_the_dossier_whose_window_accepts_with_alt_n(qtbot, db_url, desk_db, codes):
    window = desk(qtbot, db_url)
    window.dossier_windows().prepare()  # built ahead, as after the desk's start
    f6(qtbot, window)
    with qtbot.waitSignal(window.dossier_opened, timeout=10_000) as opened:
        qtbot.keyClick(window.online.table, Qt.Key.Key_Return)
    dialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=10_000)
    assert dialog.view.code == codes[0] and dialog.view.portal_waiting
    assert (
        dialog.accept_button.isVisible()
        and dialog.accept_button.text() == "Tiếp &nhận hồ sơ trực tuyến"
    )
    texts = {a.value: b.text() for a, b in dialog.action_buttons.items()}
    assert texts["supplement"] == "Yêu cầu &bổ sung…" and texts["refuse"] == "Từ &chối tiếp nhận…"
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    assert dialog.focusWidget() is dialog.accept_button  # the officer acts at once
    active(qtbot, dialog)
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
    assert not dialog.view.portal_waiting and not dialog.accept_button.isVisible()
    assert pending(desk_db, codes[0])[-2:] == [("DongBoHoSoMC", 2), ("CapNhatTienDoHoSoMC", 2)]
    assert [row[0] for row in shown(window)] == [codes[1]]  # the list read again


def test_an_import_beside_the_desk_is_counted_within_a_minute(qtbot, db_url, desk_db):
    window = desk(qtbot, db_url)
    window.show_list(Worklist.TODAY)
    assert online_label(window) == ("Trực tuyến chờ tiếp nhận (0)", False)
    imported(desk_db, "H26-9", "20260428090000")  # `portal import`, run by the gateway's timer
    window.full_started = True
    window.poll_online()  # what the minute's timer calls
    assert online_label(window) == ("Trực tuyến chờ tiếp nhận (1)", True)
    assert window.right.currentWidget() is window.table  # the list on screen stays


def test_the_online_model_is_a_proper_qt_model(qtmodeltester, desk_db, codes):
    from counter_app.portal.waiting import waiting

    model = OnlineWaitingModel()
    with unit_of_work(desk_db) as session:
        model.set_rows(waiting(session, NOW), NOW)
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_tab_reaches_the_online_list_and_its_three_answers(qtbot, db_url, codes):
    from tests.ui.test_focus_chain import walk

    window = desk(qtbot, db_url)
    window.list_view.setFocus()
    for _ in range(list(Worklist).index(Worklist.ONLINE)):  # down the worklists, by arrows
        qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    assert window.right.currentWidget() is window.online
    reached = walk(qtbot, window)
    assert window.online.table in reached
    assert [a for a, b in window.online.buttons.items() if b not in reached] == []


def test_the_minute_moves_the_time_left_on_and_keeps_the_dossier_chosen(qtbot, db_url, codes):
    window = desk(qtbot, db_url)
    f6(qtbot, window)
    qtbot.keyClick(window.online.table, Qt.Key.Key_Down)
    assert window.online.current_code() == codes[1]
    window._context.now = lambda: at("2026-04-28T16:00+07:00")  # type: ignore[method-assign]
    window.full_started = True
    window.poll_online()
    assert shown(window)[0][3] == "quá hạn 30 phút"
    assert window.online.model.index(0, 0).data(URGENCY_ROLE) == "overdue"
    assert window.online.current_code() == codes[1]
    assert QApplication.focusWidget() is window.online.table
