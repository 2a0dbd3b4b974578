"""The facts the reports count (models/report.py), folded from each dossier's events.

One set of pure functions, `opened` (the reception) and `advanced` (any later event), of
the event's kind, time and data, serves three callers: `upkeep.apply`, called by
`services.dossiers.events.record` in the transaction that writes the event; `rebuild`, which folds
every stored event again; and `fold`, for whoever has a dossier's events in hand (the
benchmark seeder). The rules are simple enough to be written in SQL by a server:

* received: the row, with the legal appointment from the event's `legal_due_at`;
* handed_over: the unit holding it; a step ends when it came from a unit;
* supplement_requested with the clock stopped: paused since, a pause row;
* supplement_received after a stop: the legal appointment from the event's
  `legal_due_at` (the original one moved by the pauses, never by an extension);
* the first result_back, withdrawn, refused or stopped: finished, with early / on time /
  late by local day against the legal appointment (the others count as on time).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table

from counter_app.calendar import timeliness
from counter_app.clock import local
from counter_app.models import (
    Dossier,
    Event,
    ReportCount,
    ReportDossier,
    ReportPause,
    ReportStep,
)

DOSSIERS = cast(Table, ReportDossier.__table__)
PAUSES = cast(Table, ReportPause.__table__)
STEPS = cast(Table, ReportStep.__table__)
COUNTS = cast(Table, ReportCount.__table__)
END_KINDS = ("result_back", "withdrawn", "refused", "stopped")
COUNTED = frozenset(
    {"received", "handed_over", "supplement_requested", "supplement_received", *END_KINDS}
)
BATCH = 5000


@dataclass(frozen=True)
class Reception:
    """What the facts take from the dossier itself: set at reception, never changed."""

    dossier_id: uuid.UUID
    agency_id: uuid.UUID
    procedure_version_id: uuid.UUID
    channel: str
    original_due_at: datetime | None  # for events written before they carried it


@dataclass(frozen=True)
class Happening:
    """What the facts take from one event."""

    id: uuid.UUID
    kind: str
    at: datetime
    officer_id: uuid.UUID
    from_unit_id: uuid.UUID | None
    to_unit_id: uuid.UUID | None
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    row: dict[str, Any]
    pause: dict[str, Any] | None = None  # a new pause
    resume: dict[str, Any] | None = None  # the open pause ends: resumed_at, due_after
    step: dict[str, Any] | None = None  # a unit's turn ended


@dataclass
class Folded:
    row: dict[str, Any]
    pauses: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)


def _moment(value: Any) -> datetime | None:
    return local(datetime.fromisoformat(value)) if isinstance(value, str) else None


def opened(reception: Reception, e: Happening) -> dict[str, Any]:
    """The row of a dossier just received."""
    legal = (
        _moment(e.data["legal_due_at"]) if "legal_due_at" in e.data else reception.original_due_at
    )
    return {
        "dossier_id": reception.dossier_id,
        "agency_id": reception.agency_id,
        "procedure_version_id": reception.procedure_version_id,
        "channel": reception.channel,
        "officer_id": e.officer_id,
        "received_at": e.at,
        "received_on": local(e.at).date(),
        "original_due_at": legal,
        "legal_due_at": legal,
        "paused_at": None,
        "first_paused_at": None,
        "unit_id": None,
        "finished_at": None,
        "finished_on": None,
        "finish": None,
        "timeliness": None,
    }


def advanced(state: Mapping[str, Any], e: Happening) -> Change | None:
    """What one later event changes; None when it changes nothing the reports count."""
    if state["finished_at"] is not None or e.kind not in COUNTED:
        return None  # returning the result, a print, a note: no figure moves
    if e.kind == "handed_over":
        return Change({"unit_id": e.to_unit_id}, step=_step(state, e))
    if e.kind == "supplement_requested":
        if not e.data.get("clock_paused"):
            return None
        return Change(
            {"paused_at": e.at, "first_paused_at": state["first_paused_at"] or e.at},
            pause={
                "id": e.id,
                "dossier_id": state["dossier_id"],
                "paused_at": e.at,
                "resumed_at": None,
                "due_after": None,
            },
        )
    if e.kind == "supplement_received":
        if state["paused_at"] is None:
            return None
        legal = _legal_after_pause(state["legal_due_at"], e.data)
        return Change(
            {"paused_at": None, "legal_due_at": legal},
            resume={"resumed_at": e.at, "due_after": legal},
        )
    if e.kind in END_KINDS:
        result = e.kind == "result_back"
        return Change(
            {
                "finished_at": e.at,
                "finished_on": local(e.at).date(),
                "finish": e.kind,
                "timeliness": str(timeliness(e.at, state["legal_due_at"])) if result else "on_time",
                "paused_at": None,
                "unit_id": (e.from_unit_id or state["unit_id"]) if result else state["unit_id"],
            },
            step=_step(state, e) if result else None,
        )
    return None


def _legal_after_pause(legal: datetime | None, data: Mapping[str, Any]) -> datetime | None:
    if "legal_due_at" in data:
        return _moment(data["legal_due_at"])
    # Written before events carried it: the current appointment moved by the pause, and
    # the legal one by as much (exact when no extension came first).
    before, after = _moment(data.get("previous_due_at")), _moment(data.get("due_at"))
    if legal is None or before is None or after is None:
        return legal
    return legal + (after - before)


def _step(state: Mapping[str, Any], e: Happening) -> dict[str, Any] | None:
    if e.from_unit_id is None:
        return None
    return {
        "id": e.id,
        "dossier_id": state["dossier_id"],
        "agency_id": state["agency_id"],
        "unit_id": e.from_unit_id,
        "ended_at": e.at,
        "held_minutes": e.data.get("held_minutes"),
        "budget_minutes": e.data.get("budget_minutes"),
    }


def fold(reception: Reception, happenings: Iterable[Happening]) -> Folded | None:
    """The rows of one dossier from its events in order (None without its reception)."""
    folded: Folded | None = None
    for e in happenings:
        if e.kind == "received":
            folded = Folded(opened(reception, e))
            continue
        change = advanced(folded.row, e) if folded else None
        if folded is None or change is None:
            continue
        folded.row |= change.row
        if change.pause:
            folded.pauses.append(change.pause)
        if change.resume:
            folded.pauses[-1] |= change.resume
        if change.step:
            folded.steps.append(change.step)
    return folded


# ------------------------------------------------------------------ from the stored rows


def happening(event: Event) -> Happening:
    return Happening(
        event.id,
        event.kind,
        event.at,
        event.officer_id,
        event.from_unit_id,
        event.to_unit_id,
        event.data or {},
    )


def reception(dossier: Dossier) -> Reception:
    return Reception(
        dossier.id,
        dossier.agency_id,
        dossier.procedure_version_id,
        dossier.channel,
        dossier.original_due_at,
    )


def measure(row: Mapping[str, Any]) -> str:
    """What a finished dossier adds to its day: its timeliness for a result, else its end."""
    return str(row["timeliness"] if row["finish"] == "result_back" else row["finish"])
