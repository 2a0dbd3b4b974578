"""Messages the portal has give their bodies back a month later (portal/compaction.py): a
sent message keeps its row, state and date, so `portal status`, the sender's order and an
office server still read it; what is still to send keeps its body whatever its age."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from sqlalchemy import func, select, update

from counter_app.db import unit_of_work
from counter_app.models import PortalMessage as M
from counter_app.models.portal import is_sent_stub
from counter_app.portal import compaction, status
from counter_app.sync import portal_office
from tests.unit.test_lifecycle import received


def bodies(desk_db) -> dict[str, list[object]]:
    with unit_of_work(desk_db) as session:
        found: dict[str, list[object]] = {}
        for code, body in session.execute(select(M.code, M.body).order_by(M.position)):
            found.setdefault(code, []).append(body)
        return found


def mark(desk_db, code: str, state: str, when) -> None:  # type: ignore[no-untyped-def]
    with unit_of_work(desk_db, write=True) as session:
        session.execute(update(M).where(M.code == code).values(state=state, sent_at=when))


def written(desk_db):  # type: ignore[no-untyped-def]
    with unit_of_work(desk_db) as session:
        return session.scalar(select(func.max(M.created_at)))


def test_a_month_after_they_were_written_sent_messages_keep_only_their_code(desk_db):
    sent, waiting, refused = received(desk_db, 3)
    at = written(desk_db)
    mark(desk_db, sent, "sent", at + timedelta(minutes=1))
    mark(desk_db, refused, "failed", None)
    whole = bodies(desk_db)
    assert compaction.compact(desk_db, at + timedelta(days=29)) == 0  # too recent
    assert bodies(desk_db) == whole
    assert compaction.compact(desk_db, at + timedelta(days=31)) == 2
    after = bodies(desk_db)
    assert after[sent] == [[{"MaHoSo": sent}]] * 2 and all(map(is_sent_stub, after[sent]))
    assert after[waiting] == whole[waiting] and after[refused] == whole[refused]
    assert len(str(after[sent])) * 10 < len(str(whole[sent]))  # ~1 KB each before
    with unit_of_work(desk_db) as session:
        told = status.status(session)
    assert (told.sent, told.pending, told.failed) == (2, 2, 2)
    assert compaction.compact(desk_db, at + timedelta(days=40)) == 0  # each message once


def test_it_goes_on_from_where_it_stopped(desk_db, monkeypatch):
    """In chunks, each its own transaction: a desk closed in the middle compacts the rest
    the next day, and nothing twice."""
    codes = received(desk_db, 3)
    at = written(desk_db)
    for code in codes:
        mark(desk_db, code, "sent", at)
    monkeypatch.setattr(compaction, "CHUNK", 2)
    real, calls = compaction._put_mark, []

    def stop_after_two_chunks(session, *mark):  # type: ignore[no-untyped-def]
        calls.append(mark)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the desk closed: this chunk is not written
        real(session, *mark)

    monkeypatch.setattr(compaction, "_put_mark", stop_after_two_chunks)
    with contextlib.suppress(KeyboardInterrupt):
        compaction.compact(desk_db, at + timedelta(days=31))
    stubbed = sum(is_sent_stub(b) for bs in bodies(desk_db).values() for b in bs)
    assert stubbed == 4
    monkeypatch.setattr(compaction, "_put_mark", real)
    assert compaction.compact(desk_db, at + timedelta(days=31)) == 2
    assert all(is_sent_stub(b) for bs in bodies(desk_db).values() for b in bs)


def test_a_message_handed_to_the_office_and_compacted_is_never_sent_again(desk_db):
    """Pushed again (a server restored from an older copy), a message handed over whose body
    was given back goes as sent; one with its body goes as pending, as before."""
    old, recent = received(desk_db, 2)
    at = written(desk_db)
    mark(desk_db, old, "office", None)
    compaction.compact(desk_db, at + timedelta(days=31))
    mark(desk_db, recent, "office", None)
    with unit_of_work(desk_db) as session:
        desk_id = session.scalar(select(portal_office.Event.desk_id).limit(1))
        handed = portal_office.batch(session, desk_id, 0, 10)
    assert {(m["code"], m["state"]) for m in handed} == {(old, "sent"), (recent, "pending")}
