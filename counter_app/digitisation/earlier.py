"""The documents a citizen already has on this desk: what the counter offers to reuse for a
line of a new dossier. Found by the dossier's ID number (the same rule `record.Reuse`
checks), newest first, one entry per file; exempt lines have no file and are left out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.digitisation.files import APPLIED
from counter_app.digitisation.store import Store
from counter_app.models import Dossier, Event
from counter_app.services.dossiers.event_kinds import EventKind
from counter_app.services.dossiers.lifecycle import load


@dataclass(frozen=True)
class Earlier:
    sha256: str
    code: str  # the dossier it was digitised for
    name: str  # the checklist line's name there
    pages: int
    signed: bool
    at: datetime
    here: bool  # its file is on this desk (only those can be reused)


def of_citizen(session: Session, code: str, store: Store | None) -> tuple[Earlier, ...]:
    """The citizen's stored documents (same ID number as dossier `code`), newest first;
    none when the dossier has no ID number."""
    dossier = load(session, code, lock=False)
    if not dossier.id_number:
        return ()
    rows = session.execute(
        select(Event.data, Event.at, Dossier.code)
        .join(Dossier, Dossier.id == Event.dossier_id)
        .where(
            Event.kind == EventKind.DIGITISED,
            Dossier.id_number == dossier.id_number,
            APPLIED,
        )
        .order_by(Event.at.desc(), Event.desk_seq.desc())
    )
    seen: set[str] = set()
    found: list[Earlier] = []
    for data, at, owner in rows:
        sha = data.get("sha256")
        if not isinstance(sha, str) or sha in seen:
            continue
        seen.add(sha)
        found.append(
            Earlier(
                sha,
                owner,
                str(data.get("name") or ""),
                int(data.get("pages") or 0),
                bool(data.get("signed")),
                at,
                bool(store and store.has(sha)),
            )
        )
    return tuple(found)
