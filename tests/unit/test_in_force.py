"""The catalog terms a reception keeps between receptions (services/catalog/in_force.py)
never outlive the catalog they came from: an import, of the procedures or of the declared
days, takes effect on the very next reception in the same process."""

from __future__ import annotations

from typing import Any

import pytest

from counter_app.db import unit_of_work
from counter_app.errors import ValidationError
from counter_app.models import Agency, Dossier
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import actor_for, at, counts, intake_doc, small_catalog

RECEIVED = "2026-03-10T09:00:00+07:00"  # a Tuesday; 1.001193 takes 3 working days
NOW = "2026-03-10T18:00:00+07:00"
EXTRA = {"name": "Giấy xác nhận cư trú", "kind": "original", "count": 1, "required": True}


def receive(sessions: Any, doc: dict[str, Any]) -> Dossier:
    with unit_of_work(sessions, write=True) as session:
        return intake.receive(session, actor_for(session), read_intake(doc), at(NOW))


def reimport(sessions: Any, change: Any) -> None:
    data = small_catalog()
    change(data)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, data, at("2026-03-10T08:00:00+07:00"))


def uncached(sessions: Any, dossier: Dossier) -> tuple[Any, Any]:
    """The version and appointment as the ORM reads them from the database now."""
    with unit_of_work(sessions) as session:
        agency = session.get_one(Agency, dossier.agency_id)
        version = catalog.version_in_force(session, agency, "1.001193", at(RECEIVED).date())
        return version.id, intake.appointment(
            session, agency, version, "direct", at(RECEIVED)
        ).due_at


def test_an_import_takes_effect_on_the_next_reception(desk_db):
    doc = intake_doc(received_at=RECEIVED)
    first = receive(desk_db, doc)
    assert (first.procedure_version_id, first.due_at) == uncached(desk_db, first)

    # declared days only: the same procedures, no new version; a day off in the delay
    reimport(desk_db, lambda d: d["calendar"].update(days_off=["2026-03-11"]))
    second = receive(desk_db, doc)
    assert second.procedure_version_id == first.procedure_version_id
    assert second.due_at > first.due_at
    assert (second.procedure_version_id, second.due_at) == uncached(desk_db, second)

    # a new version: another delay, and a required document more
    def longer(d: dict[str, Any]) -> None:
        d["calendar"]["days_off"] = ["2026-03-11"]
        p = d["procedures"][0]
        p.update(
            version="QĐ 9999/QĐ-UBND",
            duration={"unit": "working_day", "value": 5},
            documents=[*p["documents"], EXTRA],
        )

    reimport(desk_db, longer)
    before = counts(desk_db)
    with pytest.raises(ValidationError, match="Giấy xác nhận cư trú"):
        receive(desk_db, doc)
    assert counts(desk_db) == before
    third = receive(
        desk_db, doc | {"documents": [*doc["documents"], {"name": EXTRA["name"], "count": 1}]}
    )
    assert third.procedure_version_id != first.procedure_version_id
    assert third.due_at > second.due_at
    assert (third.procedure_version_id, third.due_at) == uncached(desk_db, third)


def test_working_hours_changed_by_an_import_take_effect(desk_db):
    doc = intake_doc(received_at="2026-03-10T16:30:00+07:00")  # after 15:00: next day
    first = receive(desk_db, doc)
    reimport(desk_db, lambda d: d["agency"].update(working_hours=[["07:30", "11:30"]]))
    second = receive(desk_db, doc)
    assert second.due_at != first.due_at
    assert second.due_at.hour <= 11
