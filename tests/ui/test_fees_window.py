"""Fees at the desk (issue 23): the dossier window shows what is owed; Ctrl+T opens the
payment; VietQR (Alt+3) draws the code — read back from the screen by a real barcode
reader, with the amount and the dossier — and puts it on the citizen's screen; Ctrl+Enter
records the payment and its receipt and opens its preview; the line then says it is paid."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt

from counter_app.config import Settings
from counter_app.fees.vietqr import parse
from counter_app.ui.app import AppContext
from counter_app.ui.dossiers.dossier_dialog import DossierDialog
from counter_app.ui.fees.pay_dialog import PayDialog
from counter_app.ui.tasks import Tasks
from tests.fees_desk import fee_desk
from tests.unit.test_lifecycle import received


@pytest.fixture
def context(sessions, db_url):
    fee_desk(sessions)
    return AppContext.build(Settings(db_url=db_url, officer="tranthib"), Tasks(synchronous=True))


def decoded(pixmap) -> str:  # type: ignore[no-untyped-def]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    import io

    with Image.open(io.BytesIO(bytes(buffer.data()))) as image:
        (found,) = zxingcpp.read_barcodes(image.convert("L"))
    return found.text


def test_a_fee_paid_by_vietqr_from_the_dossier_window(qtbot, context, sessions, monkeypatch):
    from counter_app.ui.prints import print_preview

    shown = []
    monkeypatch.setattr(print_preview.PrintPreview, "show", lambda self: shown.append(self))
    (code,) = received(sessions)
    dialog = DossierDialog(context, code)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: dialog.fees.isVisible())
    assert "còn lại 10.000 đ" in dialog.fees.line.text()
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(dialog.findChildren(PayDialog)))
    (pay,) = dialog.findChildren(PayDialog)
    qtbot.waitUntil(pay.isVisible)
    pay.activateWindow()
    qtbot.waitUntil(pay.isActiveWindow, timeout=5000)
    assert pay.amount.text() == "10.000 đ"  # money as Vietnamese write it
    pay.amount.setValue(4000)
    context.citizen  # the citizen's screen is on  # noqa: B018
    screens = []
    context.citizen.paying.connect(screens.append)
    qtbot.keyClick(pay, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: pay.qr.isVisible())
    qr = parse(decoded(pay.qr.pixmap()))
    assert (qr.amount, qr.purpose, qr.account) == (4000, code, "1031933430")
    assert screens and screens[-1][:2] == (code, 4000)
    qtbot.keyClick(pay, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown))
    assert "số 0000001" in shown[0].windowTitle()
    qtbot.waitUntil(lambda: "còn lại 6.000 đ" in dialog.fees.line.text())
    assert screens[-1] is None  # the citizen's screen leaves the code
    kinds = [dialog.history.index(r, 1).data() for r in range(dialog.history.rowCount())]
    assert any("Thu phí" in str(k) for k in kinds)


def test_a_refused_payment_is_told_in_the_dialog(qtbot, context, sessions):
    (code,) = received(sessions)
    dialog = DossierDialog(context, code)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.fees.owed is not None)
    from counter_app.db import unit_of_work
    from counter_app.fees import payments
    from tests.conftest import actor_for
    from tests.fees_desk import NOW

    pay = PayDialog(context, dialog.fees.owed, dialog)
    qtbot.addWidget(pay)
    with unit_of_work(sessions, write=True) as session:  # paid meanwhile at another window
        payments.pay(session, actor_for(session), code, "cash", None, NOW)
    pay.submit()
    qtbot.waitUntil(lambda: "không còn khoản" in pay.message.text())
    assert pay.collect.isEnabled()


def test_a_scanned_dossier_comes_whole_from_one_transaction(qtbot, sessions, db_url):
    """The dossier window's facts, its digitisation checklist and what it owes arrive
    together, read in the one unit of work that records the look (before: three units of
    work and three tasks a scan, and the window showed its parts one after the other)."""
    from sqlalchemy import event

    fee_desk(sessions)
    context = AppContext.build(Settings(db_url=db_url, officer="tranthib"))
    (code,) = received(sessions)
    begun: list[object] = []

    def began(connection: object) -> None:
        begun.append(connection)

    event.listen(context.sessions.kw["bind"], "begin", began)
    try:
        dialog = DossierDialog(context, code)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.loaded, timeout=10_000):
            pass
        assert dialog.checklist.documents is not None and dialog.checklist.model.rowCount() > 0
        assert "còn lại 10.000 đ" in dialog.fees.line.text()
        context.tasks.wait()
        assert len(begun) == 1
    finally:
        event.remove(context.sessions.kw["bind"], "begin", began)
        context.tasks.wait()
        context.dispose()
