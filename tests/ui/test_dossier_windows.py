"""A closed dossier window is kept and the next scan opens in it (issue 19: building one
took most of a scan's time). Reused, it must be exactly what a new window would be: nothing
of the dossier shown before (applicant, timeline, documents, actions, a refusal told, a
receipt waiting, a print preview, an answer still on its way about it)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import select

from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.services.dossiers.workflow import Action
from counter_app.ui.dossiers.dossier_dialog import DossierDialog
from tests.ui.test_main_window import demo_url, started, window_for  # noqa: F401


def texts(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def picture(dialog: DossierDialog) -> dict[str, object]:
    """All the window shows, and what it holds for later."""
    bar = [dialog.actions_bar.itemAt(i).widget() for i in range(dialog.actions_bar.count())]
    return {
        "title": dialog.windowTitle(),
        "code": dialog.view.code if dialog.view else None,
        "labels": sorted(
            label.text()
            for label in dialog.findChildren(QLabel)
            if label.parent() is dialog and label.text()
        ),
        "documents": texts(dialog.documents),
        "timeline": texts(dialog.history),
        "actions": sorted(a.name for a in dialog.action_buttons),
        "bar": [w.text() for w in bar if w is not None],
        "reprints": [a.text() for a in dialog.reprint_menu.actions()]
        if dialog.reprint_menu
        else [],
        "message": dialog.message.text(),
        "receipt_waits": bool(dialog.property("receipt_waits")),
        "preview": dialog.preview is not None,
        "units": list(dialog._units),
    }


def codes(sessions, status: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with unit_of_work(sessions) as session:
        return [
            tuple(r)
            for r in session.execute(
                select(Dossier.code, Dossier.applicant_name).where(Dossier.status == status)
            ).all()
        ]


def test_a_reused_dossier_window_shows_nothing_of_the_dossier_before(qtbot, demo_url, sessions):  # noqa: F811
    (a, a_name), *_ = codes(sessions, "received")  # seven actions, one event
    b, b_name = next((c, n) for c, n in codes(sessions, "resolved") if n != a_name)
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    opened: list[DossierDialog] = []
    window.dossier_opened.connect(opened.append)

    window.open_dossier(a, then_print="receipt")  # a receipt waits, then its preview
    first = opened[-1]
    with qtbot.waitSignal(first.preview_shown, timeout=20_000):
        pass
    first.preview.close()
    with qtbot.waitSignal(first.refused, timeout=10_000):  # a refusal told in the window
        first.perform(Action.EXTEND, {"due": "2026-02-28T10:00:00", "reason": "Chờ"})
    assert a_name in picture(first)["labels"] and first.message.text()
    first.reload()  # an answer about A still on its way when the window is closed…
    first.close()
    assert a_name not in str(picture(first))  # kept closed: nothing of A waits in it

    shown: list[str] = []
    window.on_scanned(b)  # …and the next scan comes
    second = opened[-1]
    assert second is first  # the window was kept and reused (else this proves nothing)
    second.loaded.connect(lambda view: shown.append(view.code))
    empty = picture(second)  # before B's answer: nothing of A, not even for a moment
    assert empty["title"] == b and empty["code"] is None
    assert not [
        k
        for k in (
            "labels",
            "documents",
            "timeline",
            "actions",
            "bar",
            "reprints",
            "message",
            "receipt_waits",
            "preview",
            "units",
        )
        if empty[k]
    ], empty
    qtbot.waitUntil(lambda: b in shown, timeout=20_000)
    window._context.tasks.wait()  # whatever was asked about A has answered by now
    QApplication.processEvents()
    assert shown == [b] and second.isVisible()  # A's late answer was dropped

    fresh = DossierDialog(window._context, b)  # what a new window shows for B
    qtbot.addWidget(fresh)
    qtbot.waitUntil(lambda: fresh.view is not None, timeout=20_000)
    got, new = picture(second), picture(fresh)
    assert got == new
    assert a_name not in str(got) and a not in str(got) and b_name in str(got)
    assert second.focusWidget() is second.action_buttons[Action.RETURN]  # as a new one
    assert isinstance(second.focusWidget(), QWidget)
