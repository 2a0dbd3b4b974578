"""A called ticket tied to the dossier the officer then received or returned: the one
function the command line (`receive|return --ticket`) and the desk window both use, so
that a ticket is linked the same way whichever did the work (docs/queue.md, "The link to
the dossier").

The dossier is named by its code; the queue gets its internal identifier, never the
citizen. The end of the service is the time of the reception or return as recorded
(`received_at`, `returned_at`) unless the caller gives one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.queue.base import Linked, Queue, Ticket, checked_action, not_called


def called(queue: Queue, ticket: str) -> Ticket:
    """The ticket, once it was called (checked before a dossier is recorded with it);
    refused (`QueueRefused`) when it is unknown today or not called yet."""
    found = queue.ticket(ticket)
    if found.state not in ("called", "served"):
        raise not_called(found.ticket)
    return found


def link_dossier(
    queue: Queue,
    sessions: sessionmaker[Session],
    ticket: str,
    code: str,
    action: str,
    ended_at: datetime | None = None,
) -> Linked:
    """Link `ticket` to the dossier `code` for `action` ("reception" | "return"); the
    service ended at `ended_at`, else at the dossier's recorded reception or return."""
    action = checked_action(action)
    with unit_of_work(sessions) as session:
        dossier_id, received_at, returned_at = session.execute(
            select(Dossier.id, Dossier.received_at, Dossier.returned_at).where(Dossier.code == code)
        ).one()
    end = ended_at or (received_at if action == "reception" else returned_at) or received_at
    return queue.link(ticket, dossier_id, action, end)
