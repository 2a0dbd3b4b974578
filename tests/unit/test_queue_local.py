"""The desk's own queue (issue 22, docs/queue.md): the day's numbers, the line's order
(priority first, then the oldest), recall, skip and its window, transfer, the link to a
dossier and its times, retries that never make two tickets. The clock is the test's."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from counter_app.clock import LOCAL_TZ
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import QueueTicket
from counter_app.queue.base import QueueRefused, label
from counter_app.queue.local import LocalQueue


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 3, 2, 8, 0, tzinfo=LOCAL_TZ)

    def __call__(self) -> datetime:
        return self.at

    def pass_(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def q(db_url: str, clock: Clock) -> LocalQueue:
    engine = make_engine(db_url)
    migrate(engine)
    queue = LocalQueue(session_factory(engine), clock)
    queue.add_service("A", "Hộ tịch", (1, 2))
    queue.add_service("B", "Đất đai", (3,))
    return queue


def issue(q: LocalQueue, clock: Clock, service: str = "A", priority: bool = False) -> str:
    clock.pass_(seconds=10)
    return q.issue(service, priority).ticket


def test_labels_have_three_digits_and_more_past_999():
    assert (label("A", 21), label("HT", 7), label("A", 1000)) == ("A021", "HT007", "A1000")


def test_the_day_numbers_restart_each_day_per_service(q, clock):
    assert [issue(q, clock) for _ in range(2)] + [issue(q, clock, "B")] == ["A001", "A002", "B001"]
    clock.at = clock.at.replace(hour=23, minute=59, second=30)
    assert issue(q, clock) == "A003"
    clock.pass_(seconds=20)  # past midnight, Vietnam's
    assert issue(q, clock) == "A001"
    assert q.ticket("A001").issued_at.date() == clock.at.date()


def test_the_number_grows_past_999(q, clock):
    issue(q, clock)
    with unit_of_work(q.sessions, write=True) as session:
        session.execute(update(QueueTicket).values(number=999))
    assert issue(q, clock) == "A1000"


def test_priority_first_then_the_oldest(q, clock):
    first, second = issue(q, clock), issue(q, clock)
    elder = issue(q, clock, priority=True)
    issued = q.issue("A", priority=True)
    assert (issued.ticket, issued.waiting_before) == ("A004", 1)  # after the other priority
    assert q.issue("A").waiting_before == 4
    assert [q.call_next(1, "hoa").ticket for _ in range(4)] == [elder, "A004", first, second]


def test_a_counter_calls_only_its_services_and_nothing_when_nobody_waits(q, clock):
    issue(q, clock, "B")
    assert q.call_next(1, "hoa") is None  # B is counter 3's
    called = q.call_next(3, "lan")
    assert (called.ticket, called.counter, called.waited_s) == ("B001", 3, 0)
    with pytest.raises(QueueRefused, match="Quầy 9 không gọi hàng chờ nào"):
        q.call_next(9, "hoa")


def test_the_call_says_how_long_the_ticket_waited(q, clock):
    issue(q, clock)
    clock.pass_(minutes=12, seconds=5)
    assert q.call_next(1, "hoa").waited_s == 725


def test_recall_is_the_same_ticket_counted(q, clock):
    issue(q, clock)
    issue(q, clock)
    called = q.call_next(1, "hoa")
    clock.pass_(seconds=30)
    again = q.recall(1, "hoa")
    assert (again.ticket, again.recalls, again.kind, again.called_at) == (
        called.ticket,
        1,
        "recall",
        called.called_at,
    )
    assert q.recall(1, "hoa").recalls == 2
    assert [c.kind for c in q.status().calls] == ["recall", "recall", "call"]
    with pytest.raises(QueueRefused, match="Quầy 2 không có số nào đang gọi để gọi lại"):
        q.recall(2, "lan")


def test_a_skipped_ticket_may_be_called_by_number_within_30_minutes(q, clock):
    issue(q, clock)
    issue(q, clock)
    q.call_next(1, "hoa")
    assert q.skip(1, "hoa").state == "skipped"
    with pytest.raises(QueueRefused, match="không có số nào đang gọi để bỏ qua"):
        q.skip(1, "hoa")
    assert q.call_next(1, "hoa").ticket == "A002"  # the line goes on
    clock.pass_(minutes=29)
    assert q.call_ticket("a001", 2, "lan").ticket == "A001"


def test_a_skipped_ticket_is_gone_after_30_minutes(q, clock):
    issue(q, clock)
    q.call_next(1, "hoa")
    q.skip(1, "hoa")
    clock.pass_(minutes=30, seconds=1)
    with pytest.raises(QueueRefused, match="quá 30 phút"):
        q.call_ticket("A001", 1, "hoa")
    with pytest.raises(QueueRefused, match="quá 30 phút"):
        q.back("A001")
    assert q.ticket("A001").state == "gone"


def test_a_skipped_citizen_back_in_the_hall_goes_to_the_head_of_the_line(q, clock):
    issue(q, clock)
    issue(q, clock)
    q.call_next(1, "hoa")
    q.skip(1, "hoa")
    issue(q, clock, priority=True)
    assert q.back("A001").state == "waiting"
    assert q.issue("A", priority=True).waiting_before == 2  # behind A001 and A003
    assert [q.call_next(2, "lan").ticket for _ in range(3)] == ["A001", "A003", "A004"]


def test_transfer_keeps_the_number_and_the_place_by_printing_time(q, clock):
    early = issue(q, clock)
    later = [issue(q, clock, "B") for _ in range(2)]
    moved = q.transfer(early, "b")
    assert (moved.ticket, moved.service, moved.state) == ("A001", "B", "transferred")
    assert q.status().services[1].waiting == 3
    assert [q.call_next(3, "lan").ticket for _ in range(3)] == [early, *later]


def test_transfer_of_a_called_ticket_and_to_one_counter(q, clock):
    issue(q, clock)
    issue(q, clock, "B")
    q.call_next(3, "lan")
    sent = q.transfer("B001", to_counter=2)
    assert (sent.service, sent.wanted_counter) == ("B", 2)
    with pytest.raises(QueueRefused, match="không có số nào đang gọi"):
        q.recall(3, "lan")  # the counter no longer has it
    assert q.call_next(3, "lan") is None
    assert [q.call_next(2, "hoa").ticket for _ in range(2)] == ["A001", "B001"]  # by printing
    with pytest.raises(QueueRefused, match="Không có hàng chờ X"):
        q.transfer("A001", "X")
    with pytest.raises(QueueRefused, match="đã ở hàng chờ A"):
        q.transfer("A001", "A")


def test_link_gives_waiting_and_service_seconds(q, clock):
    issue(q, clock)
    clock.pass_(minutes=5)
    q.call_next(1, "hoa")
    clock.pass_(minutes=7, seconds=30)
    dossier = uuid.uuid4()
    linked = q.link("A001", dossier, "reception", clock())
    assert (linked.waited_s, linked.served_s) == (300, 450)
    again = q.link("A001", dossier, "reception", clock() + timedelta(minutes=1))
    assert again.served_s == 450  # the same link again: kept as first recorded
    (row,) = q.times(clock().date(), clock().date())
    assert (row.ticket, row.counter, row.officer, row.waited_s, row.served_s, row.action) == (
        "A001",
        1,
        "hoa",
        300,
        450,
        "reception",
    )
    assert row.dossier_id == dossier and q.ticket("A001").state == "served"


def test_a_ticket_not_called_cannot_be_linked(q, clock):
    issue(q, clock)
    with pytest.raises(QueueRefused, match="chưa được gọi"):
        q.link("A001", uuid.uuid4(), "return", clock())
    with pytest.raises(QueueRefused, match="Hôm nay không có số A099"):
        q.link("A099", uuid.uuid4(), "return", clock())


def test_a_retried_issue_never_makes_two_tickets(q, clock):
    first = q.issue("A", token="kiosk-1:0007")
    assert q.issue("A", token="kiosk-1:0007") == first
    with pytest.raises(QueueRefused, match="cho một yêu cầu khác"):
        q.issue("B", token="kiosk-1:0007")
    assert q.status().services[0].waiting == 1
    call = q.call_next(1, "hoa", token="ban-1:1")
    assert q.call_next(1, "hoa", token="ban-1:1") == call


def test_a_closed_service_gives_no_ticket_but_its_line_is_still_called(q, clock):
    issue(q, clock)
    assert q.change_service("A", open=False).open is False
    with pytest.raises(QueueRefused, match="đang ngừng cấp số"):
        q.issue("A")
    assert q.call_next(1, "hoa").ticket == "A001"
    assert q.change_service("A", counters=(), name="Hộ tịch – Chứng thực").counters == ()
