"""The officer's cash-up at the desk (issue 23): the dialog lists what this desk took
since the last cash-up and the cash the drawer should hold; the cash counted typed in and
Ctrl+Enter closes the shift (its sheet to print) and says the difference; cash is then
refused until «Mở ca mới», after which it is taken again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.errors import RefusedInput
from counter_app.fees import payments
from counter_app.ui.app import AppContext
from counter_app.ui.fees.cashup_dialog import CashUpDialog
from counter_app.ui.tasks import Tasks
from tests.conftest import actor_for
from tests.fees_desk import NOW, fee_desk
from tests.unit.test_lifecycle import received


@pytest.fixture
def context(sessions, db_url):
    fee_desk(sessions)
    return AppContext.build(Settings(db_url=db_url, officer="motcua"), Tasks(synchronous=True))


def pay(sessions, code, method="cash", amount=None):
    with unit_of_work(sessions, write=True) as session:
        return payments.pay(session, actor_for(session), code, method, amount, NOW)


def test_a_cash_up_by_keyboard_and_a_new_shift(qtbot, context, sessions, monkeypatch):
    from counter_app.ui.prints import print_preview

    shown = []
    monkeypatch.setattr(print_preview.PrintPreview, "show", lambda self: shown.append(self))
    a, b = received(sessions, 2)
    pay(sessions, a)  # 10.000 cash
    pay(sessions, b, "transfer", 4000)
    dialog = CashUpDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: dialog.receipts.rowCount() == 2)
    assert dialog.expected.text() == "<b>10.000 đ</b>"
    assert "Chuyển khoản: 1 biên lai, 4.000 đ" in dialog.totals.text()
    qtbot.keyClicks(dialog.counted, "9000")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown))
    assert "chênh lệch thiếu 1.000 đồng" in dialog.message.text()
    assert "Bảng kê kết sổ" in shown[0].windowTitle()
    qtbot.waitUntil(dialog.open_button.isVisible)  # nothing left: a new shift may open
    with pytest.raises(RefusedInput, match="kết sổ"):
        (c,) = received(sessions)
        pay(sessions, c)
    dialog.open_button.click()
    qtbot.waitUntil(lambda: "Đã mở ca mới" in dialog.message.text())
    assert pay(sessions, c).amount == 10000  # cash again


def test_a_bad_count_is_told_and_nothing_closes(qtbot, context, sessions):
    (a,) = received(sessions)
    pay(sessions, a)
    dialog = CashUpDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.receipts.rowCount() == 1)
    dialog.counted.setText("1.500.000")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.message.text()))
    assert "chữ số" in dialog.message.text() or "đồng" in dialog.message.text()
    qtbot.waitUntil(dialog.close_button.isEnabled)
    assert pay(sessions, received(sessions)[0], amount=1).amount == 1  # the shift is open
