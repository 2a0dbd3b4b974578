"""The digitisation facts (models/digitisation_report.py): one row per dossier, folded from
its reception, its first end and its current documents (dossier_files).

Three callers, as for the report facts: `apply`, from `services.dossiers.events.record`
in the transaction that writes a reception or an end; `refresh`, after a dossier's
documents changed (`digitisation.record` once `dossier_files` is refolded) and after a
sync's pull for the dossiers it touched; `rebuild_if_missing`, after a migration.

* with_component: a checklist line (1, 2, …) has a document with a file (an exemption
  is not a digitised paper: the national portal would not count it);
* all_required: every line the procedure version marks `required` has a document or an
  exemption (TT 01/2023 Điều 4); a checklist without required lines has nothing missing;
* resolved: the dossier's first end (result_back, withdrawn, refused, stopped) was a
  result back — a withdrawn, refused or stopped dossier has no result to digitise;
* with_result: the result (item 0) has a document with a file.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from counter_app.clock import local
from counter_app.facts.fold import BATCH, END_KINDS
from counter_app.models import Dossier, Event, VersionDocument
from counter_app.models.digitisation_report import DigitisationDossier
from counter_app.models.digitised import RESULT_ITEM, DossierFile
from counter_app.models.prepared import Prepared

TABLE = cast(Table, DigitisationDossier.__table__)
EPOCH = date(1970, 1, 1)
EXEMPT = "exempt"
CHUNK = 500
_APPLIED = or_(Event.server_status.is_(None), Event.server_status != "rejected")
_OPEN = Prepared(insert(TABLE))  # a reception's row: built once, run by the driver
# A procedure version is never changed once stored (models/catalog.py): its required lines
# are read once per process, not on every reception (a SELECT and its rows each time).
_REQUIRED: dict[uuid.UUID, frozenset[int]] = {}


def day_number(day: date) -> int:
    return (day - EPOCH).days


def day_of(at: datetime) -> int:
    """The local day of an instant, as a day number."""
    return day_number(local(at).date())


def apply(session: Session, dossier: Dossier, event: Event) -> None:
    """Keep the row of `dossier` up to date with a reception or an end, in the caller's
    transaction (other events change nothing here; documents go through `refresh`)."""
    if event.kind != "received" and event.kind not in END_KINDS:
        return
    connection = session.connection()
    if event.kind == "received":
        version = dossier.procedure_version_id
        if version not in _REQUIRED:
            _REQUIRED[version] = _required(connection, [version]).get(version, frozenset())
        _OPEN.run(
            connection,
            _row(
                (dossier.id, dossier.agency_id, version, event.officer_id),
                event.at,
                None,
                set(),
                _REQUIRED[version],
            ),
        )
        return
    ended = connection.execute(
        update(TABLE)
        .where(TABLE.c.dossier_id == dossier.id, TABLE.c.ended.is_(False))
        .values(
            ended=True,
            resolved_day=day_of(event.at) if event.kind == "result_back" else None,
        )
    )
    if ended.rowcount == 0 and not _kept(connection, dossier.id):
        session.flush()  # received before these facts were kept: fold it whole
        refresh(connection, [dossier.id])


def _kept(connection: Connection, dossier_id: uuid.UUID) -> bool:
    found = select(TABLE.c.dossier_id).where(TABLE.c.dossier_id == dossier_id)
    return connection.execute(found).first() is not None


def rebuild_if_missing(connection: Connection) -> int:
    """After a migration: fold a database whose digitisation facts were never kept."""
    if connection.execute(select(TABLE.c.dossier_id).limit(1)).first() is not None:
        return 0
    if connection.execute(select(Dossier.id).limit(1)).first() is None:
        return 0
    return refresh(connection, None)


def refresh(connection: Connection | Session, dossier_ids: Iterable[uuid.UUID] | None) -> int:
    """Fold the rows of these dossiers (all when None) again; returns how many."""
    if isinstance(connection, Session):
        connection = connection.connection()
    if dossier_ids is None:
        connection.execute(delete(TABLE))
        return _insert(connection, _rows(connection, None))
    ids = sorted(set(dossier_ids))
    count = 0
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        connection.execute(delete(TABLE).where(TABLE.c.dossier_id.in_(part)))
        count += _insert(connection, _rows(connection, part))
    return count


def _insert(connection: Connection, rows: Iterator[dict[str, Any]]) -> int:
    buffer: list[dict[str, Any]] = []
    count = 0
    for row in rows:
        buffer.append(row)
        count += 1
        if len(buffer) >= BATCH:
            connection.execute(insert(TABLE), buffer)
            buffer.clear()
    if buffer:
        connection.execute(insert(TABLE), buffer)
    return count


def _rows(connection: Connection, ids: list[uuid.UUID] | None) -> Iterator[dict[str, Any]]:
    d, ev = cast(Table, Dossier.__table__), cast(Table, Event.__table__)
    received = exists().where(ev.c.dossier_id == d.c.id, ev.c.kind == "received", _APPLIED)
    dossiers = select(
        d.c.id, d.c.agency_id, d.c.procedure_version_id, d.c.received_by_id, d.c.received_at
    ).where(received)
    ends = (
        select(ev.c.dossier_id, ev.c.kind, ev.c.at)
        .where(ev.c.kind.in_(END_KINDS), _APPLIED)
        .order_by(ev.c.dossier_id, ev.c.at.desc(), ev.c.desk_seq.desc())
    )
    f = cast(Table, DossierFile.__table__).c
    documents = select(f.dossier_id, f.item, f.source)
    if ids is not None:
        dossiers = dossiers.where(d.c.id.in_(ids))
        ends = ends.where(ev.c.dossier_id.in_(ids))
        documents = documents.where(f.dossier_id.in_(ids))
    # newest first: the dossier's earliest end is the one left in the dict
    first_end = {dossier_id: (kind, at) for dossier_id, kind, at in connection.execute(ends)}
    items: dict[uuid.UUID, set[tuple[int, bool]]] = {}
    for dossier_id, item, source in connection.execute(documents):
        items.setdefault(dossier_id, set()).add((item, source != EXEMPT))
    required = _required(connection, None)  # the catalog's lines: a small table
    options = {"yield_per": BATCH} if ids is None else {}
    for row in connection.execute(dossiers, execution_options=options):
        yield _row(
            tuple(row[:4]),
            row[4],
            first_end.get(row[0]),
            items.get(row[0], set()),
            required.get(row[2], frozenset()),
        )


def _row(
    keys: tuple[Any, ...],
    received_at: datetime,
    end: tuple[str, datetime] | None,
    items: set[tuple[int, bool]],
    required: frozenset[int],
) -> dict[str, Any]:
    """One dossier's row from its reception, its first end, its documents (item, with a
    file) and its version's required lines."""
    handled = {item for item, _ in items}
    with_file = {item for item, has_file in items if has_file}
    return {
        "dossier_id": keys[0],
        "agency_id": keys[1],
        "procedure_version_id": keys[2],
        "officer_id": keys[3],
        "received_day": day_of(received_at),
        "with_component": any(item != RESULT_ITEM for item in with_file),
        "all_required": required <= handled,
        "ended": end is not None,
        "resolved_day": day_of(end[1]) if end and end[0] == "result_back" else None,
        "with_result": RESULT_ITEM in with_file,
    }


def _required(
    connection: Connection, version_ids: list[uuid.UUID] | None
) -> dict[uuid.UUID, frozenset[int]]:
    """Per procedure version, the checklist lines (1-based, in the checklist's order, as
    `digitise --item N` numbers them) marked required."""
    v = cast(Table, VersionDocument.__table__).c
    query = select(v.version_id, v.required).order_by(v.version_id, v.position)
    if version_ids is not None:
        query = query.where(v.version_id.in_(version_ids))
    lines: dict[uuid.UUID, list[bool]] = {}
    for version_id, required in connection.execute(query):
        lines.setdefault(version_id, []).append(bool(required))
    return {
        version: frozenset(n for n, needed in enumerate(flags, 1) if needed)
        for version, flags in lines.items()
    }
