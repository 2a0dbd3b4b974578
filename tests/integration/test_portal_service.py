"""`portal send --forever`, the sender as a long-running service, as a real process against
the stand-in gateway: new dossiers are sent while it runs, an outage is one line and a
wait, SIGTERM ends it with exit 0 after the message in hand and a second SIGTERM gives
that message's claim back; and how a claim is given back when a pass stops."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select, update

from counter_app.cli import main
from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.models import PortalMessage
from counter_app.portal import outbox, sender
from counter_app.portal.gateway import Gateway, Unreachable
from tests.portal_gateway import AGENCY, PASSWORD, USER, StandInGateway
from tests.unit.test_lifecycle import received

pytestmark = pytest.mark.xdist_group("portal")
ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 120.0  # a safety net against a hang, never a speed assertion


@pytest.fixture
def gateway(tmp_path):
    stand_in = StandInGateway(tmp_path)
    yield stand_in
    stand_in.release.set()
    stand_in.down()


def wait_for(condition, what):
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)


def messages(sessions):
    with unit_of_work(sessions) as session:
        rows = session.scalars(select(PortalMessage).order_by(PortalMessage.position))
        return [(m.state, m.attempts, m.next_at, m.reason) for m in rows]


def client(gw):
    return Gateway(gw.url, USER, PASSWORD, AGENCY, str(gw.ca_file), 5)


def drain(sessions, gw, **kw):
    """One pass of the sender, its client closed after."""
    c = client(gw)
    try:
        return sender.drain(sessions, c, now, once=True, lease=60, backoff=30, **kw)
    finally:
        c.close()


def test_a_pass_that_cannot_reach_the_gateway_gives_back_its_claim_and_its_attempt(
    desk_db, gateway
):
    received(desk_db)
    gateway.down()
    with pytest.raises(Unreachable):
        drain(desk_db, gateway)
    (state, attempts, next_at, reason), _ = messages(desk_db)
    assert (state, attempts) == ("pending", 0)  # an outage does not lengthen the back-off
    assert next_at <= now() and "Không kết nối được" in reason


def test_a_claim_given_back_late_leaves_another_senders_claim(desk_db):
    received(desk_db)
    with unit_of_work(desk_db, write=True) as session:
        mine = outbox.claim(session, now(), 60)
        session.execute(update(PortalMessage).values(next_at=now()))  # my claim ran out
    with unit_of_work(desk_db, write=True) as session:
        theirs = outbox.claim(session, now(), 60)
    assert (mine.id, theirs.attempts) == (theirs.id, 2)
    with unit_of_work(desk_db, write=True) as session:
        outbox.release(session, mine, "muộn", now())
    (_, attempts, next_at, reason), _ = messages(desk_db)
    assert (attempts, reason) == (2, None) and next_at > now() + timedelta(seconds=30)


def test_a_send_interrupted_gives_its_claim_back(desk_db, gateway):
    received(desk_db)

    def interrupted(gateway, claimed):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        drain(desk_db, gateway, deliver=interrupted)
    (state, attempts, next_at, reason), _ = messages(desk_db)
    assert (state, attempts, reason) == ("pending", 1, sender.INTERRUPTED)
    assert next_at <= now()


def service(tmp_path, gateway, monkeypatch):
    """`portal send --forever --json` configured against the stand-in, its output in files."""
    monkeypatch.setenv("COUNTER_APP_PORTAL_CONFIG", str(tmp_path / "portal.json"))
    with monkeypatch.context() as password:
        password.setenv("COUNTER_APP_PORTAL_PASSWORD", PASSWORD)
        configure = ["portal", "configure", "--url", gateway.url, "--user", USER]
        assert main([*configure, "--agency-code", AGENCY, "--ca", str(gateway.ca_file)]) == 0
    env = os.environ | {
        "COUNTER_APP_PORTAL_TIMEOUT": "20",  # a held answer must not time out
        "COUNTER_APP_PORTAL_BACKOFF": "0.2",
        "COUNTER_APP_PORTAL_POLL": "0.3",
    }
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "counter_app", "--db", f"sqlite:///{tmp_path / 'desk.db'}"]
            + ["portal", "send", "--forever", "--json"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
        )
    return proc, out, err


def ended(proc, out):
    try:
        assert proc.wait(timeout=WAIT_S) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return json.loads(out.read_text(encoding="utf-8"))


def held(gateway, desk_db, proc, err):
    """A new dossier whose first message the gateway holds without answering; then
    SIGTERM, once the service is waiting for that answer."""
    gateway.plan = ["hold"]
    received(desk_db)
    wait_for(gateway.holding.is_set, "the held message")
    proc.send_signal(signal.SIGTERM)
    wait_for(lambda: "Nhận lệnh dừng" in err.read_text(encoding="utf-8"), "the stop seen")


def test_forever_sends_what_comes_goes_on_after_an_outage_and_ends_on_sigterm(
    desk_db, gateway, tmp_path, monkeypatch
):
    codes = received(desk_db, 2)
    proc, out, err = service(tmp_path, gateway, monkeypatch)
    wait_for(lambda: len(gateway.accepted) == 4, "the first two dossiers")
    codes += received(desk_db)  # received while it runs
    wait_for(lambda: len(gateway.accepted) == 6, "a dossier received while it runs")
    gateway.down()
    codes += received(desk_db)
    wait_for(lambda: "Không kết nối được" in err.read_text(encoding="utf-8"), "the outage said")
    gateway.up()  # the same port
    wait_for(lambda: len(gateway.accepted) == 8, "the dossier received during the outage")
    held(gateway, desk_db, proc, err)
    gateway.release.set()  # the answer comes: the message in hand is finished
    assert ended(proc, out) == {"sent": 9, "failed": 0, "pending": 1}
    states = messages(desk_db)
    assert [s for s, *_ in states] == ["sent"] * 9 + ["pending"]
    assert (states[-1][1], states[-1][3]) == (0, None)  # the last one never claimed
    assert len({b["message_id"] for b in gateway.accepted}) == len(gateway.accepted) == 9
    said = err.read_text(encoding="utf-8")
    for line in said.splitlines():
        assert " portal send: " in line  # each line dated and named
    assert "Nguyễn" not in said and "026190001234" not in said and "0912345678" not in said


def test_a_second_sigterm_gives_the_claim_in_hand_back_at_once(
    desk_db, gateway, tmp_path, monkeypatch
):
    proc, out, err = service(tmp_path, gateway, monkeypatch)
    held(gateway, desk_db, proc, err)
    proc.send_signal(signal.SIGTERM)  # do not wait for the answer
    assert ended(proc, out) == {"sent": 0, "failed": 0, "pending": 2}
    (state, attempts, next_at, reason), _ = messages(desk_db)
    assert (state, attempts, reason) == ("pending", 1, sender.INTERRUPTED)
    assert next_at <= now()  # nothing left claimed: the next sender takes it at once
    gateway.release.set()  # the gateway accepts it after all: the next send is a repeat
    wait_for(lambda: len(gateway.accepted) == 1, "the held message accepted")
    assert drain(desk_db, gateway).sent == 2
    assert (len(gateway.accepted), gateway.repeats) == (2, 1)


def test_a_claim_walks_the_due_index_to_the_first_ready_message(desk_db):
    """Not a sort of everything pending at each claim (50 ms a message at 10,000 pending:
    bench/portal.py); the plan, read by SQLite for the statement claim runs."""
    received(desk_db, 3)
    seen = []
    engine = desk_db.kw["bind"]

    def record(conn, cursor, statement, parameters, context, many):
        if statement.lstrip().startswith("SELECT") and "ORDER BY" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with unit_of_work(desk_db, write=True) as session:
            assert outbox.claim(session, now(), 60) is not None
    finally:
        event.remove(engine, "before_cursor_execute", record)
    (statement, parameters), *_ = seen
    with engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    steps = [row[-1] for row in plan]
    assert "USE TEMP B-TREE FOR ORDER BY" not in steps, steps
    assert any("ix_portal_messages_state_next" in step for step in steps), steps


def test_ready_messages_are_claimed_and_settled_a_batch_a_commit(desk_db, gateway, monkeypatch):
    received(desk_db, 10)  # 10 ready, their 10 steps held back behind them
    writes = []
    real = sender.unit_of_work

    def counted(factory, write=False, **kw):
        writes.append(write)
        return real(factory, write, **kw)

    monkeypatch.setattr(sender, "unit_of_work", counted)
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.pending) == (20, 0)
    # claim 10; settle 10 and claim their 10 steps; settle 10, nothing left to claim
    assert writes.count(True) == 3
    assert len(gateway.accepted) == 20


def test_a_stop_between_messages_gives_the_rest_of_the_batch_back(desk_db, gateway):
    received(desk_db, 3)
    sent = []

    def one_then_stop(gateway, claimed):
        sent.append(claimed.id)
        return sender.deliver(gateway, claimed)

    tally = drain(desk_db, gateway, deliver=one_then_stop, stop=lambda: bool(sent))
    assert (tally.sent, tally.pending) == (1, 5)
    with unit_of_work(desk_db) as session:
        rows = session.execute(
            select(PortalMessage.id, PortalMessage.attempts, PortalMessage.next_at).where(
                PortalMessage.state == "pending"
            )
        ).all()
    assert all(attempts == 0 and next_at <= now() for _, attempts, next_at in rows)
