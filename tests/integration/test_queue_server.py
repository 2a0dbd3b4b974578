"""One office, one queue (issue 22): with an office server the tickets and calls are the
server's (sync SQL 0022). Desks are roles of their own, as `server add-desk` makes them;
a ticket is never called twice, even by many desks pressing F12 at the same moment."""

from __future__ import annotations

import json
import uuid
from collections import Counter

import psycopg
import pytest
from sqlalchemy import select

from counter_app.cli import main
from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.queue.base import QueueRefused, QueueUnavailable
from counter_app.queue.server import ServerQueue
from counter_app.sync import server, state
from tests.integration.test_sync import AGENCY, Desk, intake_doc
from tests.integration.test_sync import office as office  # noqa: F401 - the fixture
from tests.queue_race import race


def desks(office: str, count: int, name: str = "Ban") -> list[str]:
    return [server.add_desk(office, f"{name} {i}", AGENCY) for i in range(1, count + 1)]


def admin_queue(office: str, desk_url: str) -> ServerQueue:
    return ServerQueue(desk_url, office, AGENCY)


def test_the_server_keeps_one_queue_for_every_desk(office):
    first, second = desks(office, 2)
    with admin_queue(office, first) as admin:
        admin.add_service("A", "Hộ tịch", (1, 2))
        admin.add_service("B", "Đất đai")
    with ServerQueue(first) as kiosk, ServerQueue(second) as desk:
        assert [s.prefix for s in desk.services()] == ["A", "B"]
        tickets = [kiosk.issue("A").ticket for _ in range(3)]
        assert tickets == ["A001", "A002", "A003"]
        priority = kiosk.issue("A", priority=True)
        assert (priority.ticket, priority.waiting_before) == ("A004", 0)
        assert desk.call_next(1, "hoa").ticket == "A004"
        assert desk.call_next(2, "lan").ticket == "A001"
        assert desk.recall(2, "lan").recalls == 1
        assert desk.skip(2, "lan").state == "skipped"
        assert desk.back("A001").state == "waiting"
        assert desk.call_next(1, "hoa").ticket == "A001"
        moved = desk.transfer("A002", "B")
        assert (moved.service, moved.state) == ("B", "transferred")
        assert desk.call_next(5, "x").ticket == "A002"  # B is every counter's
        linked = desk.link("A001", uuid.uuid4(), "reception", now())
        assert linked.served_s >= 0
        status = desk.status()
        assert [s.waiting for s in status.services] == [1, 0]
        assert status.calls[0].ticket == "A002"
        rows = desk.times(now().date(), now().date())
        assert {r.ticket for r in rows} == {"A001", "A002", "A004"}


def test_a_desk_role_cannot_change_the_services(office):
    (url,) = desks(office, 1)
    with ServerQueue(url) as desk, pytest.raises(QueueRefused, match="--admin-url"):
        desk.add_service("A", "Hộ tịch")
    with psycopg.connect(url) as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
        db.execute("SELECT counter.queue_service_put('x', 'A', 'x', NULL, NULL, true)")
    with psycopg.connect(url) as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
        db.execute("SELECT * FROM counter.queue_tickets")


def test_day_numbers_restart_and_grow_past_999(office):
    (url,) = desks(office, 1)
    with admin_queue(office, url) as admin:
        admin.add_service("A", "Hộ tịch")
    with ServerQueue(url) as kiosk:
        assert kiosk.issue("A").ticket == "A001"
        with psycopg.connect(office.replace("+psycopg", ""), autocommit=True) as db:
            db.execute("UPDATE counter.queue_tickets SET day = day - 1")
            db.execute("UPDATE counter.queue_numbers SET day = day - 1")
        assert kiosk.issue("A").ticket == "A001"  # a new day: from 1 again
        with psycopg.connect(office.replace("+psycopg", ""), autocommit=True) as db:
            db.execute(
                "UPDATE counter.queue_numbers SET last = 999 WHERE day = "
                "(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
            )
        assert kiosk.issue("A").ticket == "A1000"


def test_a_retried_issue_or_call_gives_the_first_answer(office):
    (url,) = desks(office, 1)
    with admin_queue(office, url) as admin:
        admin.add_service("A", "Hộ tịch")
    with ServerQueue(url) as q:
        first = q.issue("A", token="kiosk-1:0001")
        assert q.issue("A", token="kiosk-1:0001") == first
        q.issue("A")
        call = q.call_next(1, "hoa", token="ban-1:0001")
        assert call is not None and q.call_next(1, "hoa", token="ban-1:0001") == call
        with pytest.raises(QueueRefused, match="yêu cầu khác"):
            q.issue("A", priority=True, token="kiosk-1:0001")
    with psycopg.connect(office.replace("+psycopg", "")) as db:
        assert db.execute("SELECT count(*) FROM counter.queue_tickets").fetchone()[0] == 2
        assert db.execute("SELECT count(*) FROM counter.queue_calls").fetchone()[0] == 1


CALLERS = 12
TICKETS = 240


def test_many_desks_pressing_f12_at_once_never_call_a_ticket_twice(office):
    """12 desks (roles of their own, one connection each) call in a loop while the kiosk
    issues 240 tickets: each ticket is called once, none is lost (counted in the
    server's tables). Nothing here waits on a clock: the callers stop when the kiosk has
    finished and the line answers empty."""
    urls = desks(office, CALLERS + 1)
    with admin_queue(office, urls[0]) as admin:
        admin.add_service("A", "Hộ tịch")
        admin.add_service("B", "Đất đai", tuple(range(2, CALLERS + 1, 2)))
    got = race(
        lambda: ServerQueue(urls[0]),
        lambda counter: ServerQueue(urls[counter]),
        CALLERS,
        TICKETS,
        "AB",
        priority_every=7,
    )
    assert got.failures == []
    assert len(got.issued) == TICKETS and Counter(got.called).most_common(1)[0][1] == 1
    assert sorted(got.called) == sorted(got.issued)
    with psycopg.connect(office.replace("+psycopg", "")) as db:
        counts = db.execute(
            "SELECT count(*), count(DISTINCT ticket_id) FROM counter.queue_calls"
        ).fetchone()
        states = dict(
            db.execute(
                "SELECT state, count(*) FROM counter.queue_tickets GROUP BY state"
            ).fetchall()
        )
    assert counts == (TICKETS, TICKETS)
    assert states == {"called": TICKETS}


def server_rows(office: str) -> tuple[int, ...]:
    with psycopg.connect(office.replace("+psycopg", "")) as db:
        return tuple(
            db.execute(f"SELECT count(*) FROM counter.{table}").fetchone()[0]
            for table in ("queue_services", "queue_tickets", "queue_calls", "queue_links")
        ) + tuple(db.execute("SELECT state, count(*) FROM counter.queue_tickets GROUP BY 1"))


REFUSALS = {
    "a ticket of an unknown service": (lambda q: q.issue("X"), "Không có hàng chờ X"),
    "a ticket of a closed service": (lambda q: q.issue("C"), "đang ngừng cấp số"),
    "a call from a counter that serves nothing": (
        lambda q: q.call_next(9, "hoa"),
        "Quầy 9 không gọi hàng chờ nào",
    ),
    "a transfer to an unknown service": (lambda q: q.transfer("A001", "X"), "Không có hàng chờ X"),
    "a recall with nothing called": (lambda q: q.recall(2, "hoa"), "không có số nào đang gọi"),
    "a skip with nothing called": (lambda q: q.skip(2, "hoa"), "không có số nào đang gọi"),
    "a link of a ticket not called": (
        lambda q: q.link("A001", uuid.uuid4(), "reception", now()),
        "chưa được gọi",
    ),
    "a ticket that does not exist": (lambda q: q.call_ticket("A404", 1, "hoa"), "không có số A404"),
}


def test_the_server_refuses_bad_input_in_vietnamese_and_writes_nothing(office):
    (url,) = desks(office, 1)
    with admin_queue(office, url) as admin:
        admin.add_service("A", "Hộ tịch", (1, 2))
        admin.add_service("C", "Chứng thực", (3,))
        admin.change_service("C", open=False)
        for prefix in ("", "A"):
            with pytest.raises(QueueRefused, match="Ký hiệu hàng chờ|Đã có hàng chờ A"):
                admin.add_service(prefix, "Trùng")
    with ServerQueue(url) as q:
        q.issue("A")
        before = server_rows(office)
        refused = {}
        for case, (act, told) in REFUSALS.items():
            with pytest.raises(QueueRefused) as caught:
                act(q)
            refused[case] = told.lower() in str(caught.value).lower()
        assert refused == dict.fromkeys(REFUSALS, True)
        assert server_rows(office) == before


def test_a_joined_desk_without_its_server_calls_nothing(office):
    from tests.pg import free_port

    (url,) = desks(office, 1)
    gone = url.rsplit("@", 1)[0] + f"@127.0.0.1:{free_port()}/nowhere"
    with ServerQueue(gone) as q, pytest.raises(QueueUnavailable) as caught:
        q.call_next(1, "hoa")
    assert "không gọi hay cấp số nào khi mất kết nối" in str(caught.value)
    assert "\n" not in str(caught.value) and "password" not in str(caught.value)


def test_a_joined_desk_runs_the_office_queue_from_the_command_line(office, tmp_path, capsys):
    """The commands on a joined desk: services with the administrator's URL, then the
    server's tickets and calls, and a reception linked to its ticket on the server."""
    desk = Desk(tmp_path, "Ban 1", office)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", desk.url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    plain = office.replace("+psycopg", "")
    assert run("queue", "service", "add", "A", "--name", "Hộ tịch", "--admin-url", plain)[0] == 0
    code, out, _ = run("queue", "ticket", "A", "--json")
    assert code == 0 and json.loads(out)["ticket"] == "A001"
    code, out, _ = run("queue", "call", "--counter", "1", "--json")
    assert code == 0 and json.loads(out)["ticket"] == "A001"
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(intake_doc("Trần Văn Bình")), encoding="utf-8")
    code, out, err = run("receive", str(intake), "--ticket", "A001", "--json")
    assert (code, err) == (0, "")
    with psycopg.connect(plain) as db:
        linked = db.execute("SELECT action, dossier_id FROM counter.queue_links").fetchall()
    assert [a for a, _ in linked] == ["reception"]
    with unit_of_work(desk.sessions) as session:
        dossier = session.scalar(select(Dossier.id).where(Dossier.code == json.loads(out)["code"]))
    assert linked[0][1] == dossier


def test_a_joined_desk_keeps_the_tickets_it_served_alone(office, tmp_path):
    """The leader's figures on a desk that worked alone before joining: the tickets of its
    own queue (from before the join) beside the office's."""
    from counter_app.queue.choose import all_times
    from counter_app.queue.local import LocalQueue

    d = Desk(tmp_path, "Ban 1", office)
    alone = LocalQueue(d.sessions)  # what it served before the join
    alone.add_service("A", "Hộ tịch", (1,))
    alone.issue("A")
    alone.call_next(1, "hoa")
    with admin_queue(office, str(state.load_url(d.url))) as admin:
        admin.add_service("A", "Hộ tịch", (1,))
        admin.issue("A")
        admin.issue("A")
        admin.call_next(1, "hoa")
    today = now().date()
    times = all_times(d.url, d.sessions, today, today)
    assert sorted(t.ticket for t in times) == ["A001", "A001"]  # one each side
