"""The batch service refuses, at the scan, a dossier a unit holds already: it says it was
handed over, to which unit by name, and when; nothing personal."""

from __future__ import annotations

import pytest

from counter_app.db import unit_of_work
from counter_app.errors import IllegalTransition
from counter_app.services.dossiers import batches, lifecycle
from counter_app.services.dossiers.workflow import Action
from tests.unit.test_lifecycle import act, at, received


def test_a_dossier_at_a_unit_is_refused_as_already_handed_over(desk_db):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T16:05+07:00"))
    with unit_of_work(desk_db) as session, pytest.raises(IllegalTransition) as refused:
        batches.candidate(session, code, Action.HANDOFF)
    told = str(refused.value)
    assert told == "Hồ sơ đã bàn giao cho Công chức Tư pháp - Hộ tịch lúc 13/02/2026 16:05."
    assert "TP-HT" not in told  # the unit by name
    assert not any(x in told for x in ("026190001234", "0912345678", "Thôn 3", "Nguyễn"))


def test_results_back_still_take_a_dossier_at_a_unit(desk_db):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T16:05+07:00"))
    with unit_of_work(desk_db) as session:
        line = batches.candidate(session, code, Action.RESULT)
    assert line.where == "Công chức Tư pháp - Hộ tịch" and line.unit == "TP-HT"
