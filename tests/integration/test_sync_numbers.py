"""Dossier numbers in an office of several desks (a real PostgreSQL): on a day no desk goes
offline the codes run 1, 2, 3… with no void number (reserves come from a band of their own,
9999 down); a reserve number shows in the register only once used; a desk that worked
alone today joins without any reserve holding its numbers; a number another desk used is
never offered again, and a collision at save time takes the next safe number."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import CodeNumber, DossierCounter
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from counter_app.services.printouts.register import register_pdf
from counter_app.sync import engine, server, state
from counter_app.sync.join import JoinRefused, join
from counter_app.sync.link import Link
from tests.integration.test_sync import AGENCY, Desk, intake_doc
from tests.integration.test_sync import office as office  # noqa: PLC0414 - the fixture


def number(code: str) -> int:
    return int(code.rsplit("-", 1)[1])


def register_text(d: Desk) -> str:
    with unit_of_work(d.sessions) as session:
        agency = desk.desk_agency(session, None)
        pdf = register_pdf(session, agency, now().date(), now().date(), now())
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def reserve(d: Desk) -> list[int]:
    with unit_of_work(d.sessions) as session:
        return list(
            session.scalars(
                select(CodeNumber.number)
                .where(CodeNumber.state == "free", CodeNumber.day == now().date())
                .order_by(CodeNumber.number)
            )
        )


def a_day_later(d: Desk) -> None:
    with d.link() as link:
        for _ in range(2):
            engine.sync_once(d.sessions, link, lambda: now() + timedelta(days=1), push_only=True)


def test_online_codes_run_in_order_and_reserves_void_no_number(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    assert len(reserve(a)) == len(reserve(b)) == 10  # both desks hold a reserve…
    codes = [a.receive(), b.receive(), a.receive(), b.receive()]
    assert [number(c) for c in codes] == [1, 2, 3, 4]  # …and the day's codes start at 1
    assert min(reserve(a) + reserve(b)) > 9000  # the reserves sit at the top of the range
    for d in (a, b):
        a_day_later(d)  # the reserves left at night are void on the server
    with server.connect(office) as db:
        voids = db.execute(
            "SELECT count(*) FROM counter.code_leases WHERE void AND day = %s", (now().date(),)
        ).fetchone()[0]
    assert voids == 20
    a.sync()
    text = register_text(a)
    assert "4 hồ sơ" in text and "Số không sử dụng" not in text and "số không sử dụng" not in text


def test_an_offline_reception_takes_a_reserve_number_shown_once_used(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    first = a.receive()
    offline = b.receive(offline=True)
    after = a.receive()
    assert (number(first), number(after)) == (1, 2) and number(offline) > 9000
    b.sync()
    a.sync()
    text = register_text(a)
    assert offline.split("-", 1)[1] in text  # (form 07 may set the agency part apart)
    assert "3 hồ sơ" in text and "không sử dụng" not in text


def alone_desk(tmp_path: Path, count: int) -> tuple[str, object, list[str]]:
    """A desk that worked alone today: `count` receptions from its own counter."""
    url = f"sqlite:///{tmp_path / 'alone.db'}"
    alone = make_engine(url)
    migrate(alone)
    sessions = session_factory(alone)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, json.loads(SAMPLE_CATALOG.read_text("utf-8")), now())
        who = desk.actor(session, "motcua", None)
        codes = [
            intake.receive(session, who, read_intake(intake_doc(f"Một mình {i}")), now()).code
            for i in range(count)
        ]
    return url, sessions, codes


def test_a_desk_that_worked_alone_today_joins_and_no_number_is_given_twice(office, tmp_path):
    b = Desk(tmp_path, "Ban 2", office)
    url, sessions, codes = alone_desk(tmp_path, 4)
    assert [number(c) for c in codes] == [1, 2, 3, 4]
    join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    with Link(str(state.load_url(url))) as link:
        engine.sync_once(sessions, link, now)
    assert number(b.receive()) == 5  # the office's counter moved past the joined numbers
    b.sync()
    assert set(codes) <= set(b.picture()) and all(n > 9000 for n in reserve(b))


def test_join_is_refused_while_another_desk_holds_its_numbers(office, tmp_path):
    b = Desk(tmp_path, "Ban 2", office)
    with b.link() as link:  # a reserve from the day's one counter, as an older desk leased
        link.lease(now().date(), 10)
    url, sessions, codes = alone_desk(tmp_path, 4)
    with pytest.raises(JoinRefused, match=codes[0]):
        join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    assert state.load_url(url) is None  # nothing changed
    with server.connect(office) as db:
        mine = db.execute(
            "SELECT count(*) FROM counter.code_leases l JOIN counter.desks d "
            "ON d.id = l.desk_id WHERE d.name = 'Ban cu'"
        ).fetchone()[0]
    assert mine == 0


def test_a_reserve_number_another_desk_used_is_never_offered(office, tmp_path):
    """An older server leased B's reserve from the day's one counter (1-10) and a desk
    that worked alone joined with 1-4 under older software: once B has pulled those
    dossiers, its reserve no longer lists them, and offline it takes 5, not a raw error."""
    b = Desk(tmp_path, "Ban 2", office)
    url, sessions, codes = alone_desk(tmp_path, 4)
    join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    with Link(str(state.load_url(url))) as link:
        engine.sync_once(sessions, link, now)
    with unit_of_work(b.sessions, write=True) as session:  # B's reserve as it was: 1-10
        agency = desk.desk_agency(session, None)
        for n in session.scalars(select(CodeNumber)):
            session.delete(n)
        session.flush()
        for n in range(1, 11):
            session.add(
                CodeNumber(
                    agency_id=agency.id, day=now().date(), number=n, state="free", void_sent=False
                )
            )
    b.sync(push_only=True)  # nothing pulled yet: the check before each use still holds
    b.sync()
    assert reserve(b)[:1] == [5]  # the pull set 1-4 aside
    with unit_of_work(b.sessions, write=True) as session:  # even if the reserve said free:
        for n in session.scalars(select(CodeNumber).where(CodeNumber.number <= 4)):
            n.state = "free"
    assert number(b.receive(offline=True)) == 5  # the next safe number
    assert 4 not in reserve(b)


def test_offline_with_only_used_numbers_left_says_so_in_vietnamese(office, tmp_path):
    from counter_app.sync.numbers import NoNumberLeft

    b = Desk(tmp_path, "Ban 2", office)
    url, sessions, codes = alone_desk(tmp_path, 2)
    join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    with Link(str(state.load_url(url))) as link:
        engine.sync_once(sessions, link, now)
    b.sync()
    with unit_of_work(b.sessions, write=True) as session:
        agency = desk.desk_agency(session, None)
        for n in session.scalars(select(CodeNumber)):
            session.delete(n)
        session.flush()
        for n in (1, 2):  # the reserve holds only numbers another desk used
            session.add(
                CodeNumber(
                    agency_id=agency.id, day=now().date(), number=n, state="free", void_sent=False
                )
            )
    before = b.picture()
    with pytest.raises(NoNumberLeft, match="không còn số hồ sơ dự phòng"):
        b.receive(offline=True)
    assert b.picture() == before


def test_the_local_counter_of_a_desk_alone_is_what_join_claims(office, tmp_path):
    url, sessions, codes = alone_desk(tmp_path, 3)
    with unit_of_work(sessions) as session:
        counters = session.execute(select(DossierCounter.day, DossierCounter.last_seq)).all()
    assert counters == [(now().date(), 3)]
    join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    with server.connect(office) as db:
        last = db.execute(
            "SELECT last_seq FROM counter.dossier_counters WHERE day = %s", (now().date(),)
        ).fetchone()[0]
    assert last == 3
