"""The desk's first screen read with the standard library's sqlite3 alone.

Starting the desk should not wait for SQLAlchemy, the models and the holiday tables to load
(about 0.2 s) before showing anything. This read-only snapshot gives the first worklist and
the counts that need no calendar; the full services then load in the background and
refresh everything. It is used only on an SQLite file already at the current schema, and
a test checks that it returns exactly what services/worklists/worklists.py returns.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from counter_app.clock import LOCAL_TZ, local
from counter_app.services.worklists.worklist_kinds import (
    COUNTED_LATER,
    OPEN,
    RETURNED_DAYS,
    DossierRow,
    Worklist,
)

HEAD = "0019"  # must equal counter_app.db.HEAD (a test checks)
_OPEN = (
    "status IN ('received', 'in_progress', 'supplement_requested') "
    "AND paused_at IS NULL"
)  # a stopped clock is neither due nor late
_WHERE = {
    Worklist.TODAY: "received_at >= :start AND received_at < :end",
    Worklist.DUE_TODAY: f"{_OPEN} AND due_at >= :start AND due_at < :end",
    Worklist.OVERDUE: f"{_OPEN} AND due_at < :now",
    Worklist.SUPPLEMENT: "status = 'supplement_requested'",
    Worklist.RESULT_BACK: "status = 'resolved'",
    Worklist.RETURNED: "status = 'returned' AND returned_at >= :returned_since",
    Worklist.ONLINE: (
        "portal_code IS NOT NULL AND portal_accepted_at IS NULL AND status = 'received'"
    ),
}
# Counted here, but its rows are not given: the online list shows each dossier's time to
# answer, which needs the working calendar (counter_app/portal/waiting.py).
_COUNTED_ONLY = frozenset({Worklist.ONLINE})
# Counted after the start only (COUNTED_LATER): no index serves "returned since" (status,
# then every returned dossier's row read: 0.12 s at 200,000 dossiers, ~1.2 s at 2 M, the
# first list's largest part). Its rows are still given when it is the list shown (LIMIT,
# newest first).
_ROWS = (
    "SELECT d.code, d.applicant_name, v.name, d.status, d.received_at, d.due_at "
    "FROM dossiers d JOIN procedure_versions v ON v.id = d.procedure_version_id "
    "WHERE {} ORDER BY d.received_at DESC, d.code DESC LIMIT :limit"
)
_LOGIN = (
    "SELECT 1 FROM officers WHERE role = 'admin' AND password_hash IS NOT NULL "
    "LIMIT 1"
)  # the database needs a login (officers.accounts.login_required)
assert set(OPEN) == {"received", "in_progress", "supplement_requested"}


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _stored(value: datetime) -> int | float:
    """A timestamp as TZDateTime stores it on SQLite (0011): seconds since 1970 UTC, an
    integer for a whole second (models.base.stored_time)."""
    delta = value - _EPOCH
    seconds = delta.days * 86_400 + delta.seconds
    return (seconds * 1_000_000 + delta.microseconds) / 1_000_000 if delta.microseconds else seconds


# Local time has a fixed offset (clock.LOCAL_TZ): the epoch in local time plus the stored
# seconds is the local moment, without an astimezone per value (10,000 rows, two moments
# each: 0.03 s of the first list saved).
_LOCAL_EPOCH = local(_EPOCH)


def _read(value: float | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, float):  # a moment with a fraction of a second
        return _LOCAL_EPOCH + timedelta(microseconds=round(value * 1_000_000))
    return _LOCAL_EPOCH + timedelta(seconds=value)


def _when(value: float) -> datetime:
    moment = _read(value)
    assert moment is not None
    return moment


def first_screen(
    database: Path, worklist: Worklist, now: datetime, limit: int = 10_000
) -> tuple[list[DossierRow], dict[Worklist, int]] | None:
    """Rows of `worklist` and the counts it can give quickly; None when it cannot answer."""
    if worklist not in _WHERE or worklist in _COUNTED_ONLY or not database.is_file():
        return None
    start = datetime.combine(local(now).date(), time.min, tzinfo=LOCAL_TZ)
    params = {
        "start": _stored(start),
        "end": _stored(start + timedelta(days=1)),
        "now": _stored(now),
        "limit": limit,
        "returned_since": _stored(start - timedelta(days=RETURNED_DAYS)),
    }
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            version = db.execute("SELECT version_num FROM alembic_version").fetchone()
            if version != (HEAD,) or db.execute(_LOGIN).fetchone():
                return None  # names are shown only to an officer who logged in
            rows = [
                DossierRow(code, name, procedure, status, _when(received), _read(due))
                for code, name, procedure, status, received, due in db.execute(
                    _ROWS.format(_WHERE[worklist]), params
                )
            ]  # type: ignore[arg-type]
            counts = {
                w: db.execute(f"SELECT count(*) FROM dossiers WHERE {where}", params).fetchone()[0]
                for w, where in _WHERE.items()
                if w not in COUNTED_LATER
            }
    except sqlite3.Error:
        return None
    return rows, counts
