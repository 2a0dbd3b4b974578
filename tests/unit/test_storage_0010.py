"""Migration 0010: events' JSON packed on SQLite, documents kept as their place in the
checklist. A desk at 0009, with the plain JSON SQLAlchemy wrote and every document's name
in full, keeps every dossier, event, search, audit and report answer, and sends the office
server the same messages, when migrated; the packed form reads back exactly."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.db import migrate, unit_of_work
from counter_app.models import Desk, Event
from counter_app.models.event_data import pack, unpack
from counter_app.services.dossiers import views
from counter_app.sync import outbox
from tests import reports_scenario as scenario
from tests.unit.test_compact_storage import _alembic, _answers

RECEIVED = {
    "recorded_at": "2026-09-03T00:18:02+07:00",
    "procedure_version": "QĐ 1619/QĐ-UBND ngày 30/6/2025",
    "legal_due_at": "2026-09-03T17:00:00+07:00",
}


@pytest.mark.parametrize(
    "data",
    [
        RECEIVED,
        {},
        {"recorded_at": "2026-09-03T00:18:02.000120+07:00", "request_id": "r-1"},
        {"due_at": None, "by_post": False, "items": ["Tờ khai", "Bản sao"], "x": {"y": 1}},
        {"due_at": 1788369482},  # an integer where a time is: kept plain
        {"a": 1, "recorded_at": "z"},  # a key that is a letter of the short form
        {"recorded_at": "2026-09-03 00:18:02+07:00"},  # not the program's ISO form
        {"legal_due_at": "2026-09-03T17:00:00+00:00", "paused_minutes": 90},
    ],
)
def test_the_stored_form_reads_back_as_written(data):
    stored = pack(data)
    assert unpack(stored) == data
    assert type(unpack(stored)) is dict
    if isinstance(stored, str):
        assert json.loads(stored) == data


def test_the_short_form_is_smaller():
    stored = pack(RECEIVED)
    assert isinstance(stored, bytes)
    assert len(stored) < len(json.dumps(RECEIVED)) / 2


def _events_only(message: dict) -> dict:
    """A push without the documents the 0009 desk above was given by hand."""
    return message | {
        "events": [
            e | {"data": {k: v for k, v in e["data"].items() if k != "documents"}}
            for e in message["events"]
        ]
    }


def _stored(path: Path) -> set[str]:
    """How the events' data and kinds are stored: 'blob' and 1-letter kinds at 0010."""
    with sqlite3.connect(path) as db:
        data = {r[0] for r in db.execute("SELECT DISTINCT typeof(data) FROM events")}
        kinds = {r[0] for r in db.execute("SELECT DISTINCT length(kind) > 1 FROM events")}
    assert kinds == ({0} if data == {"blob"} else {1})
    return data


def _received(sessions) -> int:
    """Receptions found by their kind (the letter bound in the WHERE clause)."""
    with unit_of_work(sessions) as session:
        return len(session.scalars(select(Event.id).where(Event.kind == "received")).all())


def _documents(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT dossier_id, position, id, name, kind, count FROM dossier_documents "
            "ORDER BY dossier_id, position"
        ).fetchall()


def _sent_documents(sent: list) -> list[tuple]:
    return sorted(
        (
            uuid.UUID(e["dossier_id"]).bytes,
            d["position"],
            uuid.UUID(d["id"]).bytes,
            d["name"],
            d["kind"],
            d["count"],
        )
        for message in sent
        for e in message["events"]
        for d in e["data"].get("documents", [])
    )


def _numbered(documents: list[tuple]) -> list[tuple[int, tuple]]:
    """Each document with its rank in its dossier."""
    ranks: dict[bytes, int] = {}
    numbered = []
    for d in documents:
        ranks[d[0]] = ranks.get(d[0], -1) + 1
        numbered.append((ranks[d[0]], d))
    return numbered


def _messages(sessions) -> list:
    with unit_of_work(sessions) as session:
        desks = session.scalars(select(Desk.id).order_by(Desk.id)).all()
        return [outbox.batch(session, d, 0, 0, limit=10_000) for d in desks]


def test_a_desk_at_0009_keeps_every_answer_with_packed_event_data(sessions, engine):
    desk = scenario.build(sessions)
    scenario.april(desk)
    path = Path(engine.url.database or "")
    kept, sent = _answers(sessions), _messages(sessions)
    receptions = _received(sessions)
    assert receptions == len(kept[0])
    assert kept[2] and any(e[8] for e in kept[2]) and sent[0]["events"]
    assert _stored(path) == {"blob"}

    _alembic(engine, "0009", up=False)  # as 0009 wrote it: json.dumps text, names in full
    assert _stored(path) == {"text"}
    with sqlite3.connect(path) as db:
        first = db.execute("SELECT data FROM events ORDER BY desk_seq LIMIT 1").fetchone()[0]
        assert first.startswith('{"') and ", " in first
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0009",)
        assert (
            db.execute("SELECT count(*) FROM dossier_documents WHERE name IS NULL").fetchone()[0]
            == 0
        )
        one, named = db.execute("SELECT dossier_id, name FROM dossier_documents").fetchone()
        db.executemany(  # a name the checklist does not hold; one it holds, of another kind
            "INSERT INTO dossier_documents (id, dossier_id, position, name, kind, count) "
            "SELECT ?, ?, ?, ?, ?, 2",
            [
                (uuid.uuid4().bytes, one, 90, "Giấy ủy quyền (viết tay)", "original"),
                (uuid.uuid4().bytes, one, 91, named, "certified_copy"),
            ],
        )
    documents = _documents(path)
    assert [d for d in documents if d[1] >= 90][1][3] == named
    migrate(engine)  # as the program does when it opens the file
    assert _stored(path) == {"blob"}
    assert _answers(sessions) == kept
    sent_now = _messages(sessions)
    assert _received(sessions) == receptions
    assert [_events_only(m) for m in sent_now] == [_events_only(m) for m in sent]
    assert _sent_documents(sent_now) == documents  # 16-byte ids since 0009
    with sqlite3.connect(path) as db:
        counted = db.execute(
            "SELECT count(*), count(catalog_no), count(name), count(kind) FROM dossier_documents"
        ).fetchone()
        # only the two added above keep a name (the one the checklist lacks) or a kind
        assert counted == (len(documents), len(documents) - 1, 1, 2)
        codes = dict(db.execute("SELECT id, code FROM dossiers"))
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with unit_of_work(sessions) as session:  # what the dossier window and receipt list
        shown = sorted(
            (dossier_id, i, (d.name, d.kind, d.count))
            for dossier_id in {d[0] for d in documents}
            for i, d in enumerate(views.documents(session, codes[dossier_id]))
        )
    assert shown == [(d[0], i, d[3:]) for i, d in _numbered(documents)]
    desk.receive("W", scenario.BIRTH, scenario.T("04-10T09:00"))  # and the desk goes on
    assert _stored(path) == {"blob"}
    with unit_of_work(sessions) as session:
        newest = session.scalars(select(Event).order_by(Event.at.desc()).limit(1)).one()
        assert set(newest.data) >= {"recorded_at", "procedure_version", "legal_due_at"}
