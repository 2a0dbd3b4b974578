"""Ratings sync like events (issue 22), against a real PostgreSQL: a rating made at one
desk is on the server and at the other desks; two desks that rated the same visit while
apart end with one rating everywhere, the later one refused and told to its officer
(sync SQL 0023)."""

from __future__ import annotations

import copy
import uuid

import psycopg
import pytest
from sqlalchemy import select

from counter_app.citizen import ratings
from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.models import Event, Rating
from counter_app.sync import server
from counter_app.sync.join import conflicts
from tests.integration.test_hostile_desk import next_batch
from tests.integration.test_sync import Desk
from tests.integration.test_sync import office as office  # noqa: F401 - the fixture


def rate(d: Desk, code: str, score: int, visit: str = "reception") -> ratings.RatingView:
    return d.act(ratings.rate, code, visit, score, ["thai_do"], 1, now())


def held(d: Desk) -> list[tuple[str, int, str | None]]:
    """The desk's ratings, with what the server said of the event behind each."""
    with unit_of_work(d.sessions) as session:
        return [
            tuple(r)
            for r in session.execute(
                select(Rating.visit, Rating.score, Event.server_status).join(
                    Event, Event.id == Rating.event_id
                )
            )
        ]


def on_server(office: str) -> list[tuple[str, str, str]]:
    with server.connect(office) as db:
        return [
            tuple(r)
            for r in db.execute(
                "SELECT data->>'visit', data->>'score', status FROM counter.events "
                "WHERE kind = 'rated' ORDER BY gpos"
            ).fetchall()
        ]


def test_a_rating_reaches_the_server_and_the_other_desk(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive()
    rate(a, code, 2)
    assert a.sync().rejected == 0
    b.sync()
    assert on_server(office) == [("reception", "2", "applied")]
    assert held(b) == [("reception", 2, "applied")]
    with pytest.raises(ratings.AlreadyRated):  # the visit is rated for desk B too
        rate(b, code, 3)


def test_two_desks_rating_one_visit_apart_keep_the_first_and_tell_the_second(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive()
    a.sync()
    b.sync()
    rate(a, code, 3)  # both rate while apart
    rate(b, code, 1)
    a.sync()
    assert b.sync().rejected == 1
    a.sync()
    assert on_server(office) == [("reception", "3", "applied"), ("reception", "1", "rejected")]
    assert held(a) == held(b) == [("reception", 3, "applied")]  # never doubled
    with unit_of_work(b.sessions) as session:
        (lost,) = conflicts(session)
    assert (lost.code, lost.event) == (code, "rated")
    assert "đã được công dân đánh giá" in lost.reason


def test_the_server_takes_one_rating_a_visit_even_from_one_push(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    code = a.receive()
    rate(a, code, 2)
    batch = next_batch(a)
    (rated,) = [e for e in batch["events"] if e["kind"] == "rated"]
    twice = copy.deepcopy(rated) | {"id": str(uuid.uuid4()), "desk_seq": rated["desk_seq"] + 1}
    batch["events"].append(twice)  # a hostile desk's second rating of the visit
    with a.link() as link:
        answer = link.push(batch)
    assert [r["id"] for r in answer["rejected"]] == [twice["id"]]
    assert on_server(office) == [("reception", "2", "applied"), ("reception", "2", "rejected")]
    with server.connect(office) as db, pytest.raises(psycopg.errors.UniqueViolation):
        db.execute("UPDATE counter.events SET status = 'applied' WHERE id = %s", (twice["id"],))
