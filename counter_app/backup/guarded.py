"""Backup and restore as an officer does them: only a role that may (administrators), and
each one in the audit trail. A restore's entry goes into the database as restored (the
trail it replaces stays whole in the copy kept beside it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.backup import service
from counter_app.db import unit_of_work
from counter_app.models import Officer
from counter_app.officers import session
from counter_app.officers.session import Place
from counter_app.officers.signed import SignedIn
from counter_app.services import desk

Progress = Callable[[int, int], None] | None


def _allowed(place: Place, signed: SignedIn, now: Callable[[], datetime]) -> None:
    session.act(
        place, signed, lambda s, who: require(who, Permission.BACKUP), now, need_agency=False
    )


def backup_as(
    place: Place,
    signed: SignedIn,
    db: Path,
    now: Callable[[], datetime],
    target: Path | None = None,
    on_progress: Progress = None,
    all_days: int = service.folder.ALL_DAYS,
) -> Any:
    _allowed(place, signed, now)
    result = service.take_backup(db, now(), target, on_progress=on_progress, all_days=all_days)
    m = result.manifest
    detail: dict[str, object] = {"dossiers": m.dossiers, "events": m.events, "sha256": m.sha256}
    if result.removed:  # the trail says which copies the retention rule took away
        detail["removed"] = result.removed_names()
    session.act(
        place,
        signed,
        lambda s, who: trail.record(
            s,
            who.desk_id,
            trail.Who(who.officer_id, who.officer),
            trail.Action.BACKUP,
            now(),
            detail=detail,
        ),
        now,
        need_agency=False,
    )
    return result


def restore_as(
    place: Place,
    signed: SignedIn,
    db: Path,
    copy: Path,
    now: Callable[[], datetime],
    on_progress: Progress = None,
) -> Any:
    _allowed(place, signed, now)
    result = service.restore_backup(db, copy, now(), on_progress)
    with unit_of_work(place.sessions, write=True) as s:  # the restored database
        officer = s.get(Officer, signed.officer_id) if signed.officer_id else None
        trail.record(
            s,
            desk.local_desk(s).id,
            trail.Who(officer.id if officer else None, signed.username),
            trail.Action.RESTORE,
            now(),
            detail={"dossiers": result.copy.dossiers, "from": result.copy.created_at.isoformat()},
        )
    return result
