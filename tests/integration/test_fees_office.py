"""Fees on a desk that worked alone and then joins its office (issue 23): its payments
come up with its other events and are taken by the server (not conflicts), every desk
then sees what the dossier paid; a receipt number given by two desks while each was
alone is taken once and the second desk is told, never hidden."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.fees import payments, settings
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from counter_app.sync import engine, server, state
from counter_app.sync.join import conflicts, join
from counter_app.sync.link import Link
from tests.integration.test_sync import AGENCY, Desk, intake_doc
from tests.integration.test_sync import office as office  # noqa: PLC0414 - the fixture

COPY = {  # 2.000635, a copy of a civil-status extract: 8,000 đ of lệ phí, paid before
    "procedure": "2.000635",
    "documents": [
        {"name": "Tờ khai cấp bản sao trích lục hộ tịch theo mẫu", "count": 1},
        {
            "name": "Giấy tờ tùy thân của người yêu cầu (hộ chiếu, thẻ căn cước hoặc căn "
            "cước điện tử) để xuất trình",
            "count": 1,
        },
    ],
}


def alone_with_a_payment(folder: Path, name: str, days_ago: int = 0) -> tuple[str, object, str]:
    """A desk working alone that received one dossier (`days_ago`: its first of that
    day) and took its fee: receipt AA-26E 1."""
    url = f"sqlite:///{folder / (name + '.db')}"
    engine_ = make_engine(url)
    migrate(engine_)
    sessions = session_factory(engine_)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, json.loads(SAMPLE_CATALOG.read_text("utf-8")), now())
        who = desk.actor(session, "motcua", None)
        marks = settings.Settings(None, None, None, "01BLP0-001", "AA-26E")
        settings.configure(session, who, marks, now())
        when = now()  # today's: now (09:00 would be ahead of the clock before nine)
        if days_ago:  # a day before: its morning, in the past whatever the hour now
            when = (now() - timedelta(days=days_ago)).replace(hour=9, minute=0, second=0)
        doc = intake_doc(name, **COPY, received_at=when.isoformat())
        code = intake.receive(session, who, read_intake(doc), now()).code
        assert payments.pay(session, who, code, "cash", None, now()).receipt.number == 1
    return url, sessions, code


def joined(office: str, url: str, sessions: object, name: str) -> None:
    join(sessions, url, server.add_desk(office, name, AGENCY))  # type: ignore[arg-type]
    with Link(str(state.load_url(url))) as link:
        engine.sync_once(sessions, link, now)  # type: ignore[arg-type]


def test_a_desk_alone_joins_with_its_payments_and_a_number_twice_is_told(office, tmp_path):
    url, sessions, code = alone_with_a_payment(tmp_path, "alone1")
    joined(office, url, sessions, "Ban cu 1")
    with server.connect(office) as db:
        taken = db.execute("SELECT status FROM counter.events WHERE kind = 'paid'").fetchall()
    assert taken == [("applied",)]
    other = Desk(tmp_path, "Ban 2", office)  # the office's other desk sees it paid
    with unit_of_work(other.sessions) as session:
        owed = payments.owed(session, payments.dossier_of(session, code))
    assert (owed.due, owed.paid, owed.left) == (8000, 8000, 0)

    url2, sessions2, code2 = alone_with_a_payment(tmp_path, "alone2", 1)  # AA-26E 1 again
    joined(office, url2, sessions2, "Ban cu 2")
    with unit_of_work(sessions2) as session:  # type: ignore[attr-defined]
        told = [c.reason for c in conflicts(session)]
    assert any("đã được cấp ở bàn khác" in r for r in told), told
    with server.connect(office) as db:
        rows = db.execute(
            "SELECT status FROM counter.events WHERE kind = 'paid' ORDER BY gpos"
        ).fetchall()
    assert rows == [("applied",), ("rejected",)]


def joined_fee_desk(tmp_path: Path, name: str, office: str) -> Desk:
    d = Desk(tmp_path, name, office)
    with unit_of_work(d.sessions, write=True) as session:
        who = desk.actor(session, "motcua", None)
        marks = settings.Settings(None, None, None, "01BLP0-001", "AA-26E")
        settings.configure(session, who, marks, now())
    return d


def pay_on(d: Desk, code: str, amount: int | None = None) -> int:
    from counter_app.fees.office_numbers import numbers_for

    numbers = numbers_for(d.url, d.sessions, None)
    with unit_of_work(d.sessions, write=True) as session:
        who = desk.actor(session, "motcua", None)
        paid = payments.pay(session, who, code, "cash", amount, now(), numbers)
    return paid.receipt.number


def test_joined_desks_take_the_offices_numbers_one_after_another(office, tmp_path):
    """Two joined desks paying in turn and at once: the office's series runs 1…N with no
    number twice; a payment refused after its number was leased leaves the number to the
    desk's next payment (no hole); all the events are taken by the server."""
    import threading

    a, b = (joined_fee_desk(tmp_path, n, office) for n in ("Ban 1", "Ban 2"))
    codes = {d.name: [d.receive(f"{d.name} {i}", **COPY) for i in range(6)] for d in (a, b)}
    assert pay_on(a, codes["Ban 1"][0], 1000) == 1
    assert pay_on(b, codes["Ban 2"][0], 1000) == 2
    from counter_app.errors import RefusedInput

    with pytest.raises(RefusedInput):  # more than is owed: refused after the number's lease
        pay_on(a, codes["Ban 1"][1], 99_999)
    assert pay_on(a, codes["Ban 1"][1]) == 3  # the leased number, not a new one
    taken: list[int] = []
    go = threading.Barrier(2)

    def run(d: Desk) -> None:
        go.wait()
        for code in codes[d.name][2:]:
            taken.append(pay_on(d, code))

    threads = [threading.Thread(target=run, args=(d,)) for d in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(taken) == list(range(4, 12))
    for d in (a, b):
        d.sync()
    with server.connect(office) as db:
        rows = db.execute(
            "SELECT status, (data->'receipt'->>'number')::int FROM counter.events "
            "WHERE kind = 'paid' ORDER BY 2"
        ).fetchall()
    assert rows == [("applied", n) for n in range(1, 12)]
