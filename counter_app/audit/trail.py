"""Writing the audit trail, in the caller's transaction: an entry is committed with what
it records, or not at all.

Each desk numbers its entries without gaps (like its events, so that they sync the same
way) and chains them: an entry's hash covers its content and the previous entry's hash.
Entries name a dossier by its code; `detail` holds counts and names of things, never a
citizen's ID number, phone or address (a search's words are not kept either). What a
person typed as a code or a login name and that has the shape of a phone, ID number or
e-mail address (`looks_personal`) is kept masked: '***' and a short digest, the same for
the same text (repeated attempts stay visible, and `audit --officer/--code` still finds
them), too short to tell whose number it was.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from counter_app.errors import looks_personal
from counter_app.models import AuditEntry, Desk, new_id
from counter_app.models.prepared import Prepared


@dataclass(frozen=True)
class Who:
    """Who an entry is about: an officer known to the database, or only a name typed at a
    login that failed."""

    officer_id: uuid.UUID | None
    username: str


class Action:
    """What entries record (dossier actions are recorded under their event's kind)."""

    VIEW = "view"  # a dossier's personal data shown (window, `show`)
    LIST = "list"  # a list with names shown (worklist, search results)
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"
    OFFICER = "officer"  # detail: change (added, disabled, enabled, password, role)
    CATALOG = "catalog_import"
    REPORT = "report"
    EXPORT = "export"
    BACKUP = "backup"
    RESTORE = "restore"
    AUDIT_READ = "audit_read"
    PORTAL_RETRY = "portal_retry"  # detail: messages put back to pending, held, dossiers
    REFUSED = "refused"  # detail: permission; the action itself wrote nothing
    SHIFT_OPEN = "shift_open"  # detail: the officer whose shift of collection opened
    CASHUP = "cashup"  # detail: the officer, the shift's receipts by method and the cash


MASK = "***"
_MASK_SALT = b"counter-app audit mask\n"


def masked(typed: str) -> str:
    """`typed` as an entry keeps it: as is, or masked when it looks like a person's number.
    Six hex digits of the digest: a phone number's ten digits leave some six hundred
    numbers behind each mask."""
    if not looks_personal(typed):
        return typed
    return MASK + hashlib.sha256(_MASK_SALT + typed.strip().encode()).hexdigest()[:6]


@dataclass
class Entry:
    """An entry as `record` wrote it (the row's values, without the ORM's object)."""

    id: uuid.UUID
    desk_id: uuid.UUID
    desk_seq: int
    at: datetime
    officer_id: uuid.UUID | None
    username: str
    action: str
    code: str | None
    outcome: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str = ""


def canonical(entry: AuditEntry | Entry) -> bytes:
    """The entry's content as hashed: every field but the hashes, in a fixed form."""
    at = entry.at.astimezone(UTC).replace(tzinfo=None).isoformat()
    return json.dumps(
        {
            "id": str(entry.id),
            "desk": str(entry.desk_id),
            "seq": entry.desk_seq,
            "at": at,
            "officer": str(entry.officer_id) if entry.officer_id else None,
            "username": entry.username,
            "action": entry.action,
            "code": entry.code,
            "outcome": entry.outcome,
            "detail": entry.detail,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def chain_hash(prev_hash: str, entry: AuditEntry | Entry) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(entry)).hexdigest()


# Built once: a statement built per entry cost more than the entry's writes (+17.7 % of a
# reception's CPU in SQLAlchemy's coercions, against +4.5 % so; bench/officers.py), and
# prepared: run by the driver, they cost a third of `execute`'s time (models/prepared.py).
_TAKE = Prepared(
    update(Desk)
    .where(Desk.id == bindparam("b_desk"))
    .values(last_audit_seq=Desk.last_audit_seq + 1)
    .returning(Desk.last_audit_seq, Desk.last_audit_hash)
)
_HEAD = Prepared(
    update(Desk).where(Desk.id == bindparam("b_desk")).values(last_audit_hash=bindparam("b_hash"))
)
_ADD = Prepared(insert(AuditEntry))
_TAKE_WITH_EVENT = Prepared(
    update(Desk)
    .where(Desk.id == bindparam("b_desk"))
    .values(last_seq=Desk.last_seq + 1, last_audit_seq=Desk.last_audit_seq + 1)
    .returning(Desk.last_seq, Desk.last_audit_seq, Desk.last_audit_hash)
)


def take_with_event(session: Session, desk_id: uuid.UUID) -> tuple[int, tuple[int, str]]:
    """The desk's next event number, and its next entry's number and previous hash for
    `record(taken=…)`, in one UPDATE (an event's entry goes with it; the lock is the same)."""
    event_seq, seq, prev = _TAKE_WITH_EVENT.one(session.connection(), {"b_desk": desk_id})
    return int(event_seq), (int(seq), prev)


def record(
    session: Session,
    desk_id: uuid.UUID,
    who: Who,
    action: str,
    at: datetime,
    code: str | None = None,
    detail: dict[str, Any] | None = None,
    outcome: str = "ok",
    taken: tuple[int, str] | None = None,
) -> Entry:
    """Append one entry, chained after the desk's newest, in the caller's transaction.

    Core statements on the session's connection, after the caller's pending objects are
    flushed (an entry may name an officer added in this transaction). The first UPDATE
    takes the desk row's lock and the next number at once, so two writers wait for each
    other on any database rather than take the same number (`taken`: that number and the
    previous hash, from `take_with_event`)."""
    session.flush()
    connection = session.connection()
    seq, prev = taken or _TAKE.one(connection, {"b_desk": desk_id})
    entry = Entry(
        new_id(),
        desk_id,
        int(seq),
        at,
        who.officer_id,
        masked(who.username)[:60],
        action,
        code and masked(code),
        outcome,
        detail or {},
        prev,
    )
    entry.hash = chain_hash(prev, entry)
    _HEAD.run(connection, {"b_desk": desk_id, "b_hash": entry.hash})
    _ADD.run(connection, vars(entry))
    return entry
