"""The current document of each line, folded from the `digitised` events (models/digitised.py):
the line's newest event the office server did not refuse. One function for the desk's own
events and for those a sync brings from other desks, so both give the same rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.orm import Session

from counter_app.models import Event
from counter_app.models.digitised import RESULT_ITEM, DossierFile
from counter_app.services.dossiers.event_kinds import EventKind

RESULT = "result"
RESULT_NAME = "Kết quả giải quyết"  # the result's line in the checklist
CHUNK = 500
APPLIED = or_(Event.server_status.is_(None), Event.server_status != "rejected")


def item_no(item: int | str) -> int:
    """The stored number of an event's item: 1, 2, … for the checklist, 0 for the result."""
    return RESULT_ITEM if item == RESULT else int(item)


def item_of(number: int) -> int | str:
    return RESULT if number == RESULT_ITEM else number


def refold(session: Session, dossier_ids: Iterable[uuid.UUID]) -> None:
    """Make `dossier_files` of these dossiers what their digitised events say."""
    table = cast(Table, DossierFile.__table__)
    ids = sorted(set(dossier_ids))
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        rows = session.execute(
            select(Event.id, Event.dossier_id, Event.at, Event.officer_id, Event.data)
            .where(Event.dossier_id.in_(part), Event.kind == EventKind.DIGITISED, APPLIED)
            .order_by(Event.at, Event.desk_seq, Event.id)
        )
        current: dict[tuple[uuid.UUID, int], dict[str, Any]] = {}
        for event_id, dossier_id, at, officer_id, data in rows:
            try:
                number = item_no(data["item"])
            except (KeyError, TypeError, ValueError):
                continue  # not a document this program can list
            current[(dossier_id, number)] = _row(event_id, dossier_id, number, at, officer_id, data)
        session.execute(delete(table).where(table.c.dossier_id.in_(part)))
        if current:
            session.execute(insert(table), list(current.values()))


def _row(
    event_id: uuid.UUID,
    dossier_id: uuid.UUID,
    number: int,
    at: Any,
    officer_id: uuid.UUID,
    data: dict[str, Any],
) -> dict[str, Any]:
    return {
        "dossier_id": dossier_id,
        "item": number,
        "sha256": data.get("sha256"),
        "pages": int(data.get("pages") or 0),
        "bytes": int(data.get("bytes") or 0),
        "source": str(data.get("source") or "file")[:10],
        "signed": bool(data.get("signed")),
        "at": at,
        "officer_id": officer_id,
        "event_id": event_id,
    }


def named_hashes(session: Session) -> set[str]:
    """Every file a digitised event of this database names (current or replaced)."""
    found = set()
    for data in session.scalars(select(Event.data).where(Event.kind == EventKind.DIGITISED)):
        sha = data.get("sha256") if isinstance(data, dict) else None
        if isinstance(sha, str):
            found.add(sha)
    return found


def digitised_in(pulled_into: Iterable[uuid.UUID], session: Session) -> list[uuid.UUID]:
    """Of the dossiers a sync touched, those with a digitised event or a row to redo."""
    ids = sorted(set(pulled_into))
    found: set[uuid.UUID] = set()
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        found.update(
            session.scalars(
                select(Event.dossier_id).where(
                    Event.dossier_id.in_(part), Event.kind == EventKind.DIGITISED
                )
            )
        )
    return sorted(found)
