"""Messages the portal has give their bodies back (docs/portal.md, "What the desk keeps").

A message's body is the dossier or the step as sent: about 1 KB of JSON, two for each of a
dossier's events, and 61 % of a year-old desk's file (7 of 12.5 GiB per million dossiers,
bench/README "Size"). Once a message is `sent` (the gateway said so) or `office` (handed to
the office server, whose sender sends it) and was written more than KEEP_DAYS days ago,
its body becomes `sent_stub` (its dossier's code): the row stays, with its state, when it
was sent and the gateway's answer, which is all that `portal status`, the sender's order
and its create-or-update choice read. A pending, failed or held message keeps its body
whatever its age: it is still to be sent, retried or exported.

Runs once a day in the desk's background (after_start) from where it stopped: a keyset of
(created_at, id) in MARK, advanced in the transaction of each chunk of CHUNK messages, so
that it never reads a day twice nor holds the writer's lock for long, and a desk killed in
the middle goes on from its last chunk. The rows are written again, not updated in place
(`_give_back`), so that SQLite frees their pages for the next ones. The office server's
own table is not compacted here.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, and_, delete, insert, or_, select, true
from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import unit_of_work
from counter_app.models import PortalMessage, SyncState
from counter_app.models.portal import sent_stub

M = PortalMessage
TABLE = cast(Table, M.__table__)
KEEP_DAYS = 30  # what a support call can still see of what was sent
CHUNK = 1000
MARK = "portal_compacted"  # sync_state: [created_at, id] of the last message looked at
KEPT_WHOLE = ("pending", "failed", "held")


def compact(sessions: sessionmaker[Session], now: datetime, keep_days: int = KEEP_DAYS) -> int:
    """Compact what is due; returns how many bodies were given back."""
    cutoff = now - timedelta(days=keep_days)
    done = 0
    while True:
        with unit_of_work(sessions, write=True) as session:
            rows = session.execute(
                select(M.id, M.code, M.state, M.created_at)
                .where(M.created_at <= cutoff, _after(_mark(session)))
                .order_by(M.created_at, M.id)
                .limit(CHUNK)
            ).all()
            if not rows:
                return done
            given = [row.id for row in rows if row.state not in KEPT_WHOLE]
            if given:
                _give_back(session, given)
            _put_mark(session, rows[-1].created_at, rows[-1].id)
        done += len(given)


def _give_back(session: Session, ids: list[uuid.UUID]) -> None:
    """The rows written again with the stub for a body. Not an UPDATE: SQLite shrinks a row
    updated in place inside its page and never frees the page (the table appends by rowid,
    so no new row would use that space: measured, a compacted desk grew as much as one
    that was not); deleted, its pages are merged and freed, and the next rows take them."""
    kept = [column for column in TABLE.columns if column.name != "body"]
    rows = [dict(row._mapping) for row in session.execute(select(*kept).where(M.id.in_(ids)))]
    session.execute(delete(M).where(M.id.in_(ids)).execution_options(synchronize_session=False))
    session.execute(insert(TABLE), [{**row, "body": sent_stub(row["code"])} for row in rows])


def _after(mark: tuple[datetime, uuid.UUID] | None):  # type: ignore[no-untyped-def]
    if mark is None:
        return true()
    at, last = mark
    return or_(M.created_at > at, and_(M.created_at == at, M.id > last))


def _mark(session: Session) -> tuple[datetime, uuid.UUID] | None:
    kept = SyncState.read(session, MARK)
    if kept is None:
        return None
    at, last = kept
    return datetime.fromisoformat(at), uuid.UUID(last)


def _put_mark(session: Session, at: datetime, last: uuid.UUID) -> None:
    SyncState.write(session, MARK, [at.isoformat(), str(last)])
