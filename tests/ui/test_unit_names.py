"""Wherever a person reads a unit, it is the unit's name from the catalog, never its code
(issue 18, point 10): the dossier window's "Đang ở", its timeline, a batch's "Đang ở"
column, the CLI's text, a printed stop notice."""

from __future__ import annotations

import pytest

from counter_app.cli.render import dossier_text
from counter_app.db import unit_of_work
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import Action
from counter_app.services.printouts import printouts
from counter_app.ui.handover.batch_model import BatchModel
from tests.ui.test_batch_window import context, window  # noqa: F401 - the fixture
from tests.ui.test_dossier_dialog import dialog_for
from tests.unit.test_lifecycle import act, at, received, view

NAME = "Công chức Tư pháp - Hộ tịch"  # TP-HT in the test catalog
HANDED = at("2026-02-13T16:00+07:00")


def facts(dialog) -> dict[str, str]:
    form = dialog.facts
    return {
        form.itemAt(r, form.ItemRole.LabelRole).widget().text(): form.itemAt(
            r, form.ItemRole.FieldRole
        )
        .widget()
        .text()
        for r in range(form.rowCount())
    }


def where_in_dossier_window(qtbot, context, desk_db, code):  # noqa: F811
    return facts(dialog_for(qtbot, context, code))["Đang ở"]


def move_in_timeline(qtbot, context, desk_db, code):  # noqa: F811
    dialog = dialog_for(qtbot, context, code)
    return dialog.history.index(1, dialog.history.MOVE).data()


def where_in_results_batch(qtbot, context, desk_db, code):  # noqa: F811
    batch = window(qtbot, context, Action.RESULT)
    batch.add(code)
    return batch.model.data(batch.model.index(0, BatchModel.HEADERS.index("Đang ở")))


def where_in_cli_text(qtbot, context, desk_db, code):  # noqa: F811
    return next(
        line for line in dossier_text(view(desk_db, code)).splitlines() if line.startswith("Đang ở")
    )


def stage_on_stop_notice(qtbot, context, desk_db, code):  # noqa: F811
    act(desk_db, lifecycle.close, code, Action.STOP, "Không đủ điều kiện", HANDED)
    with unit_of_work(desk_db) as session:
        return printouts.stop(session, code, "Nguyễn Văn A", HANDED).stage


@pytest.mark.parametrize(
    "shown",
    [
        where_in_dossier_window,
        move_in_timeline,
        where_in_results_batch,
        where_in_cli_text,
        stage_on_stop_notice,
    ],
)
def test_a_unit_is_read_by_its_name(qtbot, context, desk_db, shown):  # noqa: F811
    (code,) = received(desk_db)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, HANDED)
    text = shown(qtbot, context, desk_db, code)
    assert NAME in text and "TP-HT" not in text, text


def test_the_desk_is_named_one_way_and_a_nameless_unit_by_its_code():
    from counter_app.services.dossiers.views import unit_shown

    assert unit_shown(None, None) == "Bộ phận một cửa"
    assert unit_shown("TP-HT", "") == "TP-HT" and unit_shown("TP-HT", NAME) == NAME
