"""One office, one sender (issue 21, docs/portal.md): the national portal's messages reach
the office server in the push of their events, and one sender drains the server's table to
the province's gateway (the stand-in, tests/portal_gateway.py), against a real PostgreSQL:
every message once, each dossier's in the order the office took its events."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.models import PortalMessage
from counter_app.portal import outbox, sender, status
from counter_app.services import desk
from counter_app.services.dossiers import lifecycle
from counter_app.sync import engine, portal_office, server, state
from counter_app.sync.join import join
from counter_app.sync.link import Link, Offline
from tests.integration.test_portal_send import client
from tests.integration.test_sync import AGENCY, Desk
from tests.integration.test_sync import office as office  # noqa: PLC0414 - the fixture
from tests.portal_gateway import StandInGateway

pytestmark = pytest.mark.xdist_group("portal")
FIRST = [("DongBoHoSoMC", "False", 2), ("CapNhatTienDoHoSoMC", "False", None)]
HANDED = [("DongBoHoSoMC", "True", 4), ("CapNhatTienDoHoSoMC", "False", None)]


@pytest.fixture
def gateway(tmp_path):
    stand_in = StandInGateway(tmp_path)
    yield stand_in
    stand_in.down()


def office_drain(url: str, gw: StandInGateway, **options: Any) -> sender.Tally:
    """The office's sender, on the server's table (the administrator's URL or a desk's)."""
    db, sessions = portal_office.office_sessions(url)
    c = client(gw, timeout=5)
    try:
        return sender.drain(sessions, c, now, once=True, lease=30, backoff=60, **options)
    finally:
        c.close()
        db.dispose()


def seen(gw: StandInGateway, code: str) -> list[tuple[str, str, int | None]]:
    return [
        (b["service"], b["isUpdating"], b["data"][0].get("TrangThaiHoSo"))
        for b in gw.accepted
        if b["data"][0]["MaHoSo"] == code
    ]


def office_states(office: str) -> list[tuple[str, str]]:
    with server.connect(office) as db:
        return db.execute(
            "SELECT code, state FROM counter.portal_messages ORDER BY position"
        ).fetchall()


def local_states(d: Any) -> set[str]:
    with unit_of_work(d.sessions) as session:
        return set(session.scalars(select(PortalMessage.state)))


def test_a_dossier_received_at_one_desk_and_handed_over_at_another_goes_out_once_in_order(
    office, tmp_path, gateway
):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    codes = [a.receive(f"Người {i}") for i in range(3)]  # the last one's desk_seq is 3…
    a.sync()
    b.sync()
    b.act(lifecycle.handoff, [codes[2]], "TP-HT", None, now())  # …its handover's is 1 at B
    b.sync()
    a.sync()
    tally = office_drain(office, gateway)
    assert (tally.sent, tally.failed, tally.pending) == (8, 0, 0)
    assert len(gateway.accepted) == 8 and gateway.repeats == 0  # every message once
    assert seen(gateway, codes[2]) == FIRST + HANDED  # reception before handover
    assert seen(gateway, codes[0]) == FIRST
    handover = [b for b in gateway.accepted if b["service"] == "CapNhatTienDoHoSoMC"][-1]
    assert handover["data"][0]["PhongBanXuLy"] != "Bộ phận Một cửa"  # the unit's name
    assert {s for _, s in office_states(office)} == {"sent"}
    for d in (a, b):  # handed to the office: nothing pending at the desks, nothing sent there
        assert local_states(d) == {"office"}
        with unit_of_work(d.sessions) as session:
            found = status.status(session)
        assert (found.pending, found.sent, found.failed) == (0, 0, 0)
    assert office_drain(office, gateway).sent == 0 and len(gateway.accepted) == 8


def test_a_push_repeated_after_its_answer_was_lost_stores_nothing_twice(
    office, tmp_path, monkeypatch
):
    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    real, lost = Link.push, []

    def push_then_lose(self: Link, batch: dict[str, Any]) -> dict[str, Any]:
        answer = real(self, batch)  # the server committed…
        if not lost:
            lost.append(batch)
            raise Offline("Mất kết nối")  # …and the answer never came back
        return answer

    monkeypatch.setattr(Link, "push", push_then_lose)
    with pytest.raises(Offline):
        a.sync()
    assert len(lost[0]["portal"]) == 2 and local_states(a) == {"pending"}
    a.sync()  # the desk sends them again
    with a.link() as link:
        again = link.push(lost[0])  # and once more, as it was
    assert again["portal"]["stored"] == 0 and again["portal"]["unknown"] == []
    assert len(office_states(office)) == 2 and local_states(a) == {"office"}


def test_a_desk_that_worked_alone_hands_over_its_backlog_and_what_it_sent_is_not_sent_again(
    office, tmp_path, gateway
):
    from tests.integration.test_sync_numbers import alone_desk

    url, sessions, codes = alone_desk(tmp_path, 2)
    c = client(gateway, timeout=5)
    try:  # alone, the desk sends its own messages
        assert sender.drain(sessions, c, now, once=True, lease=30, backoff=60).sent == 4
    finally:
        c.close()
    with unit_of_work(sessions, write=True) as session:
        lifecycle.handoff(
            session, desk.actor(session, "motcua", None), [codes[0]], "TP-HT", None, now()
        )
    join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    with Link(str(state.load_url(url))) as link:
        engine.sync_once(sessions, link, now)
    assert sorted(s for _, s in office_states(office)) == ["pending"] * 2 + ["sent"] * 4
    with unit_of_work(sessions) as session:
        assert (outbox.pending_count(session), status.status(session).sent) == (0, 0)
    assert office_drain(office, gateway).sent == 2  # only what was not sent yet
    assert len(gateway.accepted) == 6 and gateway.repeats == 0
    assert seen(gateway, codes[0]) == FIRST + HANDED


def test_a_refused_event_s_messages_are_held_and_never_sent(office, tmp_path, gateway):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive()
    a.act(lifecycle.handoff, [code], "TP-HT", None, now())
    for d in (a, b):
        d.sync()
    a.act(lifecycle.result, code, "approved", None, now())  # both act while apart
    b.act(lifecycle.supplement, code, "Bản sao giấy chứng sinh", None, now())
    a.sync()
    assert b.sync().rejected == 1  # the server's order: A's result first
    assert office_drain(office, gateway).sent == 6
    assert [s for *_, s in seen(gateway, code) if s] == [2, 4, 9]  # no 5 from B's
    with server.connect(office) as db:
        held = db.execute(
            "SELECT count(*), min(reason) FROM counter.portal_messages WHERE state = 'held'"
        ).fetchone()
    assert held[0] == 2 and "không nhận việc này" in held[1]
    assert local_states(b) == {"office"}


def two_senders(office: str, gw: StandInGateway) -> list[sender.Tally]:
    """Both senders at work at once, whatever the machine's speed: neither sends its first
    message before the other holds a claim too (each waits at its first send for the
    other's), so with more dossiers than one batch each of them has some to send."""
    met = threading.Barrier(2)
    mine = threading.local()

    def slowly(gateway: Any, claimed: Any) -> Any:
        if not getattr(mine, "met", False):
            mine.met = True
            met.wait(60)  # broken (an error) if the other sender never claimed anything
        time.sleep(0.005)
        return sender.deliver(gateway, claimed)

    tallies: list[sender.Tally] = []
    go = threading.Barrier(2)

    def run() -> None:
        go.wait()
        tallies.append(office_drain(office, gw, deliver=slowly))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return tallies


def test_two_senders_started_at_once_never_send_one_message_twice(office, tmp_path, gateway):
    a = Desk(tmp_path, "Ban 1", office)
    codes = [a.receive(f"Người {i}") for i in range(sender.BATCH + 4)]
    a.act(lifecycle.handoff, codes, "TP-HT", None, now())
    a.sync()
    tallies = two_senders(office, gateway)
    assert len(tallies) == 2  # neither sender stopped on an error
    assert sorted(t.sent for t in tallies)[0] > 0  # both sent some
    total = 4 * len(codes)
    assert sum(t.sent for t in tallies) == total == len(gateway.accepted)
    assert gateway.repeats == 0  # not one message twice
    assert len({b["message_id"] for b in gateway.accepted}) == total
    for code in codes:  # and each dossier's in its order
        assert seen(gateway, code) == FIRST + HANDED


def test_a_message_one_sender_holds_is_skipped_by_the_other(office, tmp_path):
    """The claim's row lock (FOR UPDATE SKIP LOCKED): while one sender's claim is not yet
    committed, the other takes another dossier's message, never the same one nor the
    held one's successor."""
    a = Desk(tmp_path, "Ban 1", office)
    first, second = a.receive("Người 1"), a.receive("Người 2")
    a.sync()
    db, sessions = portal_office.office_sessions(office)
    try:
        with sessions() as one, sessions() as other:
            mine = outbox.claim(one, now(), 30)  # not committed yet
            theirs = outbox.claim(other, now(), 30)
            codes = {m.id: m.code for m in other.scalars(select(PortalMessage)).all()}
            one.rollback()
            other.rollback()
    finally:
        db.dispose()
    assert mine is not None and theirs is not None and mine.id != theirs.id
    assert (codes[mine.id], codes[theirs.id]) == (first, second)


def test_a_server_restored_from_an_older_copy_gets_the_messages_it_lost(
    office, pg_server, tmp_path, gateway
):
    """The desk marked its copies handed over; the server restored from a copy taken before
    lost them with their events. The desk pushes those events again, and their messages
    with them: nothing is lost (a repeat would be the same message_id, a success)."""
    name = office.rsplit("/", 1)[1]

    def quiet() -> None:
        pg_server.execute(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN "
            f"('{name}', '{name}_copy') AND pid <> pg_backend_pid()"
        )

    a = Desk(tmp_path, "Ban 1", office)
    code = a.receive()
    a.sync()
    quiet()
    pg_server.execute(f'CREATE DATABASE "{name}_copy" TEMPLATE "{name}"')  # the backup
    a.act(lifecycle.handoff, [code], "TP-HT", None, now())
    a.sync()
    assert local_states(a) == {"office"}
    quiet()  # the server restored from the backup
    pg_server.execute(
        f'ALTER DATABASE "{name}" RENAME TO "{name}_lost"',
        f'ALTER DATABASE "{name}_copy" RENAME TO "{name}"',
    )
    a.sync()
    assert office_drain(office, gateway).sent == 4
    assert seen(gateway, code) == FIRST + HANDED


def test_a_desk_that_compacted_what_it_sent_alone_hands_it_over_as_sent(office, tmp_path, gateway):
    """The bodies a desk gave back a month after sending them (portal/compaction.py) keep
    their dossier's code: the office server takes those messages as sent (SQL 0021 checks
    that code), holds none, and its sender sends only what was never sent."""
    from datetime import timedelta

    from counter_app.portal import compaction
    from tests.integration.test_sync_numbers import alone_desk

    url, sessions, (code,) = alone_desk(tmp_path, 1)
    c = client(gateway, timeout=5)
    try:
        assert sender.drain(sessions, c, now, once=True, lease=30, backoff=60).sent == 2
    finally:
        c.close()
    assert compaction.compact(sessions, now() + timedelta(days=31)) == 2
    with unit_of_work(sessions, write=True) as session:
        lifecycle.handoff(
            session, desk.actor(session, "motcua", None), [code], "TP-HT", None, now()
        )
    join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    with Link(str(state.load_url(url))) as link:
        engine.sync_once(sessions, link, now)
    assert sorted(s for _, s in office_states(office)) == ["pending"] * 2 + ["sent"] * 2
    assert office_drain(office, gateway).sent == 2
    assert seen(gateway, code) == FIRST + HANDED
