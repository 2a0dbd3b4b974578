"""The outbox's rules for refused messages, on the desk's SQLite and on PostgreSQL (the
office server's database, where one sender will drain the office's table): the claim's
create-or-update from the table, retry's correlated updates and status's days, with the
gateway's answers given directly (test_portal_send.py speaks HTTPS to a stand-in)."""

from __future__ import annotations

import pytest

from counter_app.clock import now
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.portal import outbox, retry, status
from counter_app.portal.gateway import Answer
from counter_app.services.catalog import catalog
from counter_app.services.dossiers import lifecycle
from tests.conftest import IMPORTED_AT, actor_for, at, small_catalog
from tests.unit.test_lifecycle import act, received


@pytest.fixture
def sessions(any_url):
    engine = make_engine(any_url)
    migrate(engine)
    made = session_factory(engine)
    with unit_of_work(made, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    yield made
    engine.dispose()


def answer_next(sessions, code: int) -> tuple[str, bool]:
    """Claim the next message, settle it with the gateway's `code`: (service, as update)."""
    with unit_of_work(sessions, write=True) as session:
        claimed = outbox.claim(session, now(), 60)
        assert claimed is not None
        outbox.settle(session, claimed, Answer(code, "Từ chối" if code else ""), now(), 30)
    return claimed.service, claimed.is_update


def test_refused_create_next_event_create_then_updates_and_retry(sessions):
    (code,) = received(sessions)
    assert answer_next(sessions, 12) == ("DongBoHoSoMC", False)  # refused
    assert answer_next(sessions, 0) == ("CapNhatTienDoHoSoMC", False)  # not held back
    act(sessions, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T16:00+07:00"))
    assert answer_next(sessions, 0) == ("DongBoHoSoMC", False)  # the dossier whole
    assert answer_next(sessions, 0) == ("CapNhatTienDoHoSoMC", False)
    act(sessions, lifecycle.result, code, "approved", None, at("2026-02-23T09:00+07:00"))
    assert answer_next(sessions, 0) == ("DongBoHoSoMC", True)
    with unit_of_work(sessions, write=True) as session:
        done = retry.retry(session, actor_for(session), now(), code)
    assert (done.pending, done.held, done.dossiers) == (0, 1, 1)  # older facts: held
    assert answer_next(sessions, 0) == ("CapNhatTienDoHoSoMC", False)
    with unit_of_work(sessions) as session:
        assert outbox.claim(session, now(), 60) is None
        found = status.status(session)
    assert [(d.day.isoformat(), d.sent, d.failed) for d in found.days] == [
        ("2026-02-13", 3, 0),  # the held one is no one's to chase
        ("2026-02-23", 2, 0),
    ]


def test_retry_puts_a_refused_step_back_in_its_place(sessions):
    (code,) = received(sessions)
    assert answer_next(sessions, 0) == ("DongBoHoSoMC", False)
    assert answer_next(sessions, 9) == ("CapNhatTienDoHoSoMC", False)
    with unit_of_work(sessions, write=True) as session:
        done = retry.retry(session, actor_for(session), now(), None)
    assert (done.pending, done.held) == (1, 0)
    assert answer_next(sessions, 0) == ("CapNhatTienDoHoSoMC", False)
    with unit_of_work(sessions) as session:
        found = status.status(session)
    assert (found.pending, found.sent, found.failed, found.failures) == (0, 2, 0, [])
