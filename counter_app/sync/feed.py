"""Applying what a pull brought, in one local transaction with the cursors it moves: the
catalog the server publishes, the office's desks and officers, the dossiers as the server's
order made them, every desk's events and audit entries, and the numbers leased here.

A dossier this desk has changed and not yet pushed keeps its local state until the server
has the change (the server sends the dossier again when it applies or refuses it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, tuple_, update
from sqlalchemy.orm import Session

from counter_app.models import AuditEntry, CodeNumber, Dossier, DossierDocument, Event
from counter_app.models.dossier import Checklist, checklist, stored_document
from counter_app.services.intake.intake import next_search_no
from counter_app.sync import office
from counter_app.sync.rows import chunks, insert_all, uuid_of
from counter_app.sync.rows import row as _row

ANSWER = (Event.server_pos, Event.server_status, Event.server_reason)  # the server's answer
ANSWER_NAMES = ("server_pos", "server_status", "server_reason")
STREAMS = ("events", "dossiers", "audit_entries", "officers", "desks", "code_leases")


@dataclass
class Applied:
    rows: int = 0
    cursors: dict[str, Any] = field(default_factory=dict)
    full: bool = False  # some stream may have more: pull again
    rejected_here: list[str] = field(default_factory=list)  # this desk's events refused
    deferred: set[str] = field(default_factory=set)  # dossiers passed over: asked again
    pulled_into: set[uuid.UUID] = field(default_factory=set)  # facts to fold again: events
    # given here, or refused by the server
    # Read once a page instead of once a row (a week offline is ~24,000 rows to apply):
    events: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)  # held: answers
    answered: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)  # to update
    audits: set[uuid.UUID] = field(default_factory=set)  # the page's entries held here
    dossiers: dict[uuid.UUID, Dossier] = field(default_factory=dict)  # the page's, held here
    present: set[uuid.UUID] = field(default_factory=set)  # dossiers only the events name
    leases: dict[tuple[Any, ...], CodeNumber] = field(default_factory=dict)  # held here
    read_ahead: bool = False  # the dicts above hold every row of the page this desk has
    # New rows, written by the page in one INSERT a table (rows.insert_all):
    new_dossiers: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    new_documents: list[dict[str, Any]] = field(default_factory=list)
    new_events: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    new_audits: list[dict[str, Any]] = field(default_factory=list)
    new_leases: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    search_no: int = 0  # the last search_no given; 0: not read yet
    waiting: set[uuid.UUID] | None = None  # dossiers with an event of ours unanswered
    known: set[uuid.UUID] = field(default_factory=set)  # desks and officers seen to exist


def apply(
    session: Session,
    pulled: dict[str, Any],
    cursors: dict[str, Any],
    local_desk: uuid.UUID,
    page: int,
) -> Applied:
    """Everything in `pulled`, in an order that keeps every reference whole."""
    done = Applied(cursors=dict(cursors))
    _held(session, pulled, done)
    _own_events_first(session, pulled.get("events") or [], done)
    if pulled.get("catalog"):
        office.catalog(session, pulled["catalog"])
        done.cursors["catalog_rev"] = pulled.get("catalog_rev")
    for stream in ("desks", "officers", "dossiers", "events", "audit_entries", "code_leases"):
        rows = pulled.get(stream) or []
        taken = {
            "desks": office.desk,
            "officers": office.officer,
            "dossiers": _dossier,
            "events": _event,
            "audit_entries": _audit,
            "code_leases": _lease,
        }[stream]
        for row in rows:
            if not taken(session, row, local_desk, done):
                break  # what it needs has not come yet: the rest waits for the next pull
            done.cursors[stream] = {"tx": str(row["tx"]), "gpos": int(row["gpos"])}
            done.rows += 1
        else:
            done.full = done.full or len(rows) >= page
            continue
        done.full = True
    _write_new(session, done)
    if done.pulled_into:  # the report facts are a function of all the dossier's events,
        from counter_app.facts.rebuild import rebuild  # whichever desk wrote them

        rebuild(session.connection(), sorted(done.pulled_into))
        from counter_app.digitisation import files  # each line's document, as events say

        files.refold(session, files.digitised_in(done.pulled_into, session))
        # the digitisation rates' rows; one rating a visit (the server's first); the
        # payments and receipts, as events say
        from counter_app.facts import digitised, fees, ratings

        digitised.refresh(session, done.pulled_into)
        ratings.refold(session, done.pulled_into)
        fees.refold(session, done.pulled_into)
    return done


def _kept(session: Session, done: Applied) -> list[dict[str, Any]]:
    """The new documents as a desk keeps them: a name of the checklist as its place in it."""
    names: dict[Any, Checklist] = {}
    kept = []
    for doc in done.new_documents:
        version = done.new_dossiers.get(doc["dossier_id"], {}).get("procedure_version_id")
        if version not in names:
            names[version] = checklist(session, version) if version else {}
        kept.append(stored_document(doc, names[version]))
    return kept


def _write_new(session: Session, done: Applied) -> None:
    """The page's new rows, each table in one go, in the order their references need."""
    insert_all(session, Dossier, done.new_dossiers.values())
    insert_all(session, DossierDocument, _kept(session, done))
    insert_all(session, Event, done.new_events.values())
    insert_all(session, AuditEntry, done.new_audits)
    insert_all(session, CodeNumber, done.new_leases.values())
    session.flush()
    if done.answered:
        events = cast(Table, Event.__table__)
        session.execute(
            update(events)
            .where(events.c.id == bindparam("event_id"))
            .values({name: bindparam(f"new_{name}") for name in ANSWER_NAMES}),
            [
                {"event_id": event_id} | {f"new_{k}": v for k, v in answer.items()}
                for event_id, answer in done.answered.items()
            ],
        )


def _held(session: Session, pulled: dict[str, Any], done: Applied) -> None:
    """The page's events, audit entries and dossiers this desk already holds, read by
    chunks of ids instead of one query a row."""
    events = pulled.get("events") or []
    for part in chunks(uuid_of(r["id"]) for r in events):
        done.events.update(
            (e.id, dict(zip(ANSWER_NAMES, e[1:], strict=True)))
            for e in session.execute(select(Event.id, *ANSWER).where(Event.id.in_(part)))
        )
    for part in chunks(uuid_of(r["id"]) for r in pulled.get("audit_entries") or []):
        done.audits.update(session.scalars(select(AuditEntry.id).where(AuditEntry.id.in_(part))))
    streamed = {uuid_of(r["id"]) for r in pulled.get("dossiers") or []}
    _held_dossiers(session, streamed, done)
    for part in chunks({uuid_of(r["dossier_id"]) for r in events} - streamed):
        done.present.update(session.scalars(select(Dossier.id).where(Dossier.id.in_(part))))
    leases = {
        (uuid_of(r["agency_id"]), date.fromisoformat(r["day"]), int(r["number"]))
        for r in pulled.get("code_leases") or []
    }
    for part in chunks(leases):
        done.leases.update(
            ((n.agency_id, n.day, n.number), n)
            for n in session.scalars(
                select(CodeNumber).where(
                    tuple_(CodeNumber.agency_id, CodeNumber.day, CodeNumber.number).in_(part)
                )
            )
        )
    done.read_ahead = True


def _held_dossiers(session: Session, dossier_ids: set[uuid.UUID], done: Applied) -> None:
    for part in chunks(dossier_ids):
        done.dossiers.update(
            (d.id, d) for d in session.scalars(select(Dossier).where(Dossier.id.in_(part)))
        )


def _dossier_here(session: Session, dossier_id: uuid.UUID, done: Applied) -> Dossier | None:
    if done.read_ahead:
        return done.dossiers.get(dossier_id)
    return session.get(Dossier, dossier_id)


def _own_events_first(session: Session, rows: list[dict[str, Any]], done: Applied) -> None:
    """What the server did with this desk's own events, before its dossiers are looked at:
    a dossier is waiting on this desk only while one of its events has no answer yet."""
    for row in rows:
        event = done.events.get(uuid_of(row["id"]))
        if event is not None and event["server_status"] is None:
            _answer(uuid_of(row["id"]), event, row, done)


def _answer_of(row: dict[str, Any]) -> dict[str, Any]:
    """The server's answer to an event, as its row in the feed carries it."""
    return {
        "server_pos": int(row["gpos"]),
        "server_status": row["status"],
        "server_reason": row.get("reason"),
    }


def _answer(event_id: uuid.UUID, event: dict[str, Any], row: dict[str, Any], done: Applied) -> None:
    """The server's answer to an event held here (or on its way in with this page)."""
    if event["server_status"] is None and row["status"] == "rejected":
        done.rejected_here.append(str(event_id))
    answer = _answer_of(row)
    if any(event[name] != value for name, value in answer.items()):
        if row["status"] == "rejected":  # not done: the report facts fold it no more
            done.pulled_into.add(uuid_of(row["dossier_id"]))
        event |= answer
        if event_id not in done.new_events:
            done.answered[event_id] = event


def _pending_here(
    session: Session, dossier_id: uuid.UUID, local_desk: uuid.UUID, done: Applied
) -> bool:
    if done.waiting is None:  # read once: nothing in a pull adds an event of this desk
        done.waiting = set(
            session.scalars(
                select(Event.dossier_id)
                .where(Event.desk_id == local_desk, Event.server_status.is_(None))
                .distinct()
            )
        )
    return dossier_id in done.waiting


def _dossier(session: Session, row: dict[str, Any], local_desk: uuid.UUID, done: Applied) -> bool:
    dossier_id = uuid_of(row["id"])
    if _pending_here(session, dossier_id, local_desk, done):
        done.deferred.add(row["id"])  # asked again once the server answered this desk
        return True
    values = _row(Dossier, row, skip=("search_no",))
    office.known_officer(session, values["received_by_id"], done.known)
    if dossier_id in done.new_dossiers:  # twice in one page: the later state
        done.new_dossiers[dossier_id].update(values)
        return True
    dossier = _dossier_here(session, dossier_id, done)
    if dossier is None:
        # numbered in the order received, as one flush a dossier numbered them
        done.search_no = (done.search_no or next_search_no(session) - 1) + 1
        done.new_dossiers[dossier_id] = values | {"search_no": done.search_no}
        done.new_documents += [_row(DossierDocument, doc) for doc in row.get("documents") or []]
    else:
        for key, value in values.items():
            setattr(dossier, key, value)
    return True


def _event(session: Session, row: dict[str, Any], _desk_id: uuid.UUID, done: Applied) -> bool:
    event = done.events.get(uuid_of(row["id"])) or done.new_events.get(uuid_of(row["id"]))
    if event is None:
        dossier_id = uuid_of(row["dossier_id"])
        if (
            dossier_id not in done.new_dossiers
            and dossier_id not in done.present
            and _dossier_here(session, dossier_id, done) is None
        ):
            # a reception the server refused has no dossier anywhere: nothing to apply, and
            # it must not hold the stream (a server older than schema 13 still sends it)
            return row.get("status") == "rejected" and row.get("kind") == "received"
            # otherwise its dossier comes with a later page
        office.known_desk(session, uuid_of(row["desk_id"]), done.known)
        office.known_officer(session, uuid_of(row["officer_id"]), done.known)
        data = {
            k: v for k, v in (row.get("data") or {}).items() if k not in ("dossier", "documents")
        }
        values = _row(Event, row | {"data": data}, skip=ANSWER_NAMES)
        done.new_events[values["id"]] = values | _answer_of(row)
        done.pulled_into.add(values["dossier_id"])
    else:
        _answer(uuid_of(row["id"]), event, row, done)
    return True


def _audit(session: Session, row: dict[str, Any], local_desk: uuid.UUID, done: Applied) -> bool:
    entry_id = uuid_of(row["id"])
    if uuid_of(row["desk_id"]) == local_desk or entry_id in done.audits:
        return True
    office.known_desk(session, uuid_of(row["desk_id"]), done.known)
    if row.get("officer_id"):
        office.known_officer(session, uuid_of(row["officer_id"]), done.known)
    done.new_audits.append(_row(AuditEntry, row))
    done.audits.add(entry_id)
    return True


def _lease(session: Session, row: dict[str, Any], _desk_id: uuid.UUID, done: Applied) -> bool:
    key = (uuid_of(row["agency_id"]), date.fromisoformat(row["day"]), int(row["number"]))
    new = done.new_leases.get(key)
    number = done.leases.get(key) if done.read_ahead else session.get(CodeNumber, key)
    if new is None and number is None:
        done.new_leases[key] = {
            "agency_id": key[0],
            "day": key[1],
            "number": key[2],
            "state": "void" if row.get("void") else "free",
            "void_sent": bool(row.get("void")),
            "band": bool(row.get("band")),
        }
    elif row.get("void"):
        if new is not None:
            new["void_sent"] = True
        elif number is not None:
            number.void_sent = True
    return True


def apply_dossiers(session: Session, rows: list[dict[str, Any]], local_desk: uuid.UUID) -> set[str]:
    """Dossiers fetched again by id; those still waiting on this desk stay deferred."""
    done = Applied(read_ahead=True)
    _held_dossiers(session, {uuid_of(r["id"]) for r in rows}, done)
    for row in rows:
        _dossier(session, row, local_desk, done)
    _write_new(session, done)
    return done.deferred
