"""The dossier window's timeline names the desk of each action, and shows what the office
server refused struck through, with the reason in Vietnamese and the desk that did it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.models import Event
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.views import HistoryEntry
from counter_app.services.dossiers.workflow import Action
from counter_app.ui.app import AppContext
from counter_app.ui.dossiers.dossier_dialog import DossierDialog
from counter_app.ui.dossiers.history_model import HistoryTableModel
from counter_app.ui.tasks import Tasks
from tests.conftest import actor_for
from tests.unit.test_lifecycle import RECEIVED, act, at, received

AT = datetime.fromisoformat("2026-02-13T10:00:00+07:00")
WHY = 'Không thể ghi "Từ chối tiếp nhận": theo máy chủ, hồ sơ đang ở trạng thái "Đang giải quyết".'
HANDED = HistoryEntry(
    AT, "handed_over", "motcua", None, "TP-HT", None, {}, desk="Bàn 1", server_status="applied"
)
REFUSED = HistoryEntry(
    AT + timedelta(minutes=1),
    "refused",
    "tranthib",
    None,
    None,
    "Thiếu giấy chứng sinh",
    {},
    desk="Bàn 2",
    server_status="rejected",
    reason=WHY,
)


@pytest.fixture
def model(qtbot) -> HistoryTableModel:
    model = HistoryTableModel()
    model.set_entries((HANDED, REFUSED))
    return model


def cell(model: HistoryTableModel, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.index(row, column).data(role)


def test_each_action_names_its_desk(model):
    assert model.headerData(model.DESK, Qt.Orientation.Horizontal) == "Bàn"
    assert [cell(model, row, model.DESK) for row in (0, 1)] == ["Bàn 1", "Bàn 2"]


def test_a_refused_action_is_struck_with_the_reason_and_the_desk(qtmodeltester, model):
    assert cell(model, 1, model.EVENT) == "Từ chối tiếp nhận"
    assert all(
        cell(model, 1, c, Qt.ItemDataRole.FontRole).strikeOut()
        for c in (model.AT, model.EVENT, model.MOVE, model.OFFICER, model.DESK)
    )
    assert cell(model, 1, model.NOTE) == (
        f"Bị máy chủ từ chối: {WHY} (tại Bàn 2) — Thiếu giấy chứng sinh"
    )
    assert cell(model, 1, model.NOTE, Qt.ItemDataRole.FontRole) is None  # the reason is read
    assert cell(model, 1, model.EVENT, Qt.ItemDataRole.ToolTipRole).startswith("Bị máy chủ từ chối")
    assert cell(model, 1, model.EVENT, Qt.ItemDataRole.ForegroundRole) is not None
    qtmodeltester.check(model)  # and the model with such a row keeps Qt's rules


def test_a_done_action_is_plain(model):
    assert [
        cell(model, 0, c, role)
        for c in range(model.columnCount())
        for role in (
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
        )
    ] == [None] * 18
    assert cell(model, 0, model.NOTE) == ""


def test_the_dossier_window_shows_the_server_refusal_in_vietnamese(qtbot, desk_db, db_url):
    """As the server words it (the action by its kind, `"refused"`), kept on the desk."""
    (code,) = received(desk_db)
    act(
        desk_db,
        lifecycle.close,
        code,
        Action.REFUSE,
        "Thiếu giấy tờ",
        at(RECEIVED) + timedelta(minutes=5),
    )
    with unit_of_work(desk_db, write=True) as session:
        session.execute(
            update(Event)
            .where(Event.kind == "refused")
            .values(
                server_status="rejected",
                server_reason='Không thể ghi "refused": theo máy chủ, '
                'hồ sơ đang ở trạng thái "Đang giải quyết".',
            )
        )
    context = AppContext.build(Settings(db_url=db_url, officer="tranthib"), Tasks(synchronous=True))
    dialog = DossierDialog(context, code)
    qtbot.addWidget(dialog)
    history = dialog.history
    assert history.index(1, history.EVENT).data(Qt.ItemDataRole.FontRole).strikeOut()
    note = history.index(1, history.NOTE).data()
    assert (
        note.startswith(f"Bị máy chủ từ chối: {WHY} (tại Bàn tiếp nhận 1)")
        and '"refused"' not in note
    )
    assert history.index(0, history.DESK).data() == "Bàn tiếp nhận 1"


def test_where_the_result_went_is_the_return_the_server_kept(qtbot, desk_db, db_url):
    """Two desks handed the result over while apart: the server kept the other desk's
    return; this desk's, refused, is not where the result went."""
    from counter_app.services.dossiers import events
    from counter_app.services.dossiers.lifecycle import load

    (code,) = received(desk_db)
    later = at(RECEIVED) + timedelta(days=1)
    act(desk_db, lifecycle.result, code, "approved", None, later)
    act(
        desk_db,
        lifecycle.return_result,
        code,
        receiver="Nguyễn Thị Hoà",
        now=later + timedelta(hours=1),
    )
    with unit_of_work(desk_db, write=True) as session:
        theirs = events.record(
            session,
            actor_for(session),
            load(session, code),
            "returned",
            later + timedelta(hours=2),
            data={"receiver": "Trần Văn Bình"},
        )
        theirs.server_status, theirs.server_reason = "rejected", "Đã trả kết quả"
    context = AppContext.build(Settings(db_url=db_url, officer="tranthib"), Tasks(synchronous=True))
    dialog = DossierDialog(context, code)
    qtbot.addWidget(dialog)
    where = {
        dialog.facts.itemAt(r, dialog.facts.ItemRole.LabelRole)
        .widget()
        .text(): dialog.facts.itemAt(r, dialog.facts.ItemRole.FieldRole).widget().text()
        for r in range(dialog.facts.rowCount())
    }["Đang ở"]
    assert where == "Đã trả — Nhận trực tiếp: Nguyễn Thị Hoà"
