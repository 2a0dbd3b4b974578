"""A desk's credentials in an attacker's hands (issue 17), against a real PostgreSQL: what
the sync functions accept is checked as if the desk were hostile. Each attack is made with
the desk's own URL, through the functions its role may call, and each test also checks that
the attack reached the server (it was answered, and refused), so that a test would notice
an attack that stopped being tried."""

from __future__ import annotations

import copy
import json
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import unit_of_work
from counter_app.models import CodeNumber
from counter_app.services import desk
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from counter_app.sync import outbox, reception, server, state
from counter_app.sync.link import Refused
from tests.integration.test_sync import Desk, intake_doc
from tests.integration.test_sync import office as office  # noqa: PLC0414 - the fixture
from tests.integration.test_sync_numbers import alone_desk, number


def next_batch(d: Desk) -> dict[str, Any]:
    """What the desk would push now (the attacker edits it before sending)."""
    with d.link() as link:
        hello = link.hello()
    with unit_of_work(d.sessions) as session:
        here = desk.local_desk(session).id
        return outbox.batch(session, here, int(hello["events_upto"]), int(hello["audit_upto"]))


def server_codes(office: str) -> dict[str, str]:
    with server.connect(office) as db:
        return dict(
            db.execute(
                "SELECT d.code, k.name FROM counter.dossiers d JOIN "
                "counter.desks k ON k.id = (SELECT e.desk_id FROM counter.events e "
                "WHERE e.dossier_id = d.id AND e.kind = 'received')"
            ).fetchall()
        )


def forged_reception(d: Desk, seq: int, name: str = "Kẻ gian") -> str:
    """A reception recorded at the desk with a number the server never gave it."""
    with unit_of_work(d.sessions, write=True) as session:
        who = desk.actor(session, "motcua", None)
        return intake.receive(
            session, who, read_intake(intake_doc(name)), now(), lambda s, a, day: seq
        ).code


def test_a_code_not_leased_to_the_desk_is_refused_and_never_printed_twice(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    stolen = forged_reception(a, 1)  # the next online number of the day, never leased to A
    result = a.sync()
    assert result.rejected == 1  # the attack reached the server and was answered
    code = b.receive()  # the next online reception at another desk
    assert number(code) == 1 and code == stolen  # the number was never taken from it
    assert b.sync().rejected == 0 and b.sync().rejected == 0  # and B's syncs go on
    assert server_codes(office) == {code: "Ban 2"}


@pytest.mark.parametrize(
    "forgery", ["another agency", "a code of another agency's shape", "dated 2076", "too big"]
)
def test_a_refused_record_never_holds_another_desks_feed(office, tmp_path, forgery):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    a.receive()
    batch = next_batch(a)
    event = batch["events"][0]
    dossier = event["data"]["dossier"]
    if forgery == "another agency":
        dossier["agency_id"] = str(uuid.uuid4())
    elif forgery == "a code of another agency's shape":
        dossier["code"] = "000.00.99.X99-" + dossier["code"].split("-", 1)[1]
    elif forgery == "dated 2076":
        event["at"] = dossier["received_at"] = (now() + timedelta(days=50 * 365)).isoformat()
    else:
        event["data"]["padding"] = "x" * 200_000
    with a.link() as link:
        answer = link.push(batch)
    assert [r["id"] for r in answer["rejected"]] == [event["id"]]  # tried, and refused
    with unit_of_work(a.sessions, write=True) as session:  # the desk takes the answer
        state.put(session, "events_upto", answer["events_upto"])
    later = a.receive(name="Lê Văn Sau")  # honest work after it
    a.sync()
    pulled = b.sync().pulled
    assert pulled < 200  # no round after round on a row nobody can apply
    assert later in b.picture() and b.picture()[later][4]  # it came, with its history
    if forgery == "too big":
        with server.connect(office) as db:
            biggest = db.execute(
                "SELECT max(octet_length(data::text)) FROM counter.events"
            ).fetchone()[0]
        assert biggest < 65536  # the 200 KB were not stored


def test_events_of_any_kind_dated_in_the_future_are_refused(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    code = a.receive()
    a.sync()
    from counter_app.services.dossiers import lifecycle
    from counter_app.services.dossiers.workflow import Action

    a.act(
        lambda s, who: lifecycle.close(
            s, who, code, Action.WITHDRAW, "Rút", now() + timedelta(days=3650)
        )
    )
    assert a.sync().rejected == 1
    assert a.view(code).status == "received"  # the server's state stands


def test_catalog_rows_cannot_reach_another_agencys_catalog(office, tmp_path):
    other = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    other["agency"]["code"] = "000.00.20.H27"
    other["agency"]["name"] = "UBND xã Bên Cạnh"
    server.publish_catalog(office, other, now())
    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    batch = next_batch(a)
    with server.connect(office) as db:
        theirs = db.execute(
            "SELECT p.id::text FROM counter.procedures p JOIN counter.agencies g "
            "ON g.id = p.agency_id WHERE g.code = '000.00.20.H27' LIMIT 1"
        ).fetchone()[0]
        before = db.execute(
            "SELECT count(*) FROM counter.procedure_versions WHERE procedure_id = %s", (theirs,)
        ).fetchone()[0]
    forged = copy.deepcopy(batch["versions"][0])
    forged |= {"id": str(uuid.uuid4()), "procedure_id": theirs, "imported_seq": 2**31 - 1}
    batch["versions"].append(forged)
    with a.link() as link:
        answer = link.push(batch)
    assert answer["events_upto"] >= 1  # the push itself went through
    with server.connect(office) as db:
        after = db.execute(
            "SELECT count(*) FROM counter.procedure_versions WHERE procedure_id = %s", (theirs,)
        ).fetchone()[0]
        top = db.execute("SELECT max(imported_seq) FROM counter.procedure_versions").fetchone()[0]
    assert after == before and top < 2**31 - 1


def test_a_desk_cannot_exhaust_the_days_numbers(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    day = now().date() + timedelta(days=13)
    leased, refused = 0, None
    with a.link() as link:
        for _ in range(400):  # 9,999 numbers would take 200 calls of 50
            try:
                got = link.lease(day, 50)
            except Refused as error:
                refused = error
                break
            leased += int(got["last"]) - int(got["first"]) + 1
    assert refused is not None and 0 < leased <= 200  # tried, and stopped
    b = Desk(tmp_path, "Ban 2", office)
    with b.link() as link:
        assert link.reserve(day, 10)["first"]  # the other desks still get numbers


def test_a_held_number_lock_costs_another_desk_seconds_then_its_reserve(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    a.receive()  # today's counter row exists
    with server.connect(office) as hostile:  # a session holding the agency's counter row
        hostile.execute("BEGIN")
        hostile.execute("UPDATE counter.dossier_counters SET last_seq = last_seq")
        started = time.monotonic()
        number_source, _ = reception.prepare(a.url, now())
        waited = time.monotonic() - started
        hostile.execute("ROLLBACK")
    assert waited < 10  # not the 20 s of a statement's timeout, nor more
    with unit_of_work(a.sessions, write=True) as session:
        who = desk.actor(session, "motcua", None)
        code = intake.receive(
            session, who, read_intake(intake_doc("Chờ khoá")), now(), number_source
        ).code
        band = session.scalar(
            select(CodeNumber.band).where(
                CodeNumber.number == number(code), CodeNumber.day == now().date()
            )
        )
    assert band is True  # from the reserve, at once


def test_a_sync_on_a_row_it_cannot_apply_yet_asks_once_not_200_times(office, tmp_path, monkeypatch):
    a = Desk(tmp_path, "Ban 1", office)
    b = Desk(tmp_path, "Ban 2", office)
    a.receive()
    a.sync()
    from counter_app.sync import feed
    from counter_app.sync.link import Link

    monkeypatch.setattr(feed, "_dossier", lambda *args: False)  # a row B cannot take yet
    asked: list[int] = []
    real = Link.pull
    monkeypatch.setattr(Link, "pull", lambda self, *a: asked.append(1) or real(self, *a))
    b.sync()
    assert len(asked) <= 2  # the page that moved nothing is the last one asked


def test_a_joined_desk_never_sends_demo_dossiers(office, tmp_path, capsys):
    from counter_app.cli import main

    a = Desk(tmp_path, "Ban 1", office)
    assert main(["--db", a.url, "init", "--demo"]) == 0  # the start command goes on…
    assert "không nạp dữ liệu mẫu" in capsys.readouterr().out
    a.sync()
    assert a.picture() == {} and server_codes(office) == {}  # …and nothing was loaded


def test_joining_with_another_agencys_account_is_refused(office, tmp_path):
    from counter_app.sync.join import JoinRefused, join

    other = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    other["agency"]["code"] = "000.00.20.H27"
    server.publish_catalog(office, other, now())
    url, sessions, _ = alone_desk(tmp_path, 1)
    with pytest.raises(JoinRefused, match="000.00.20.H27"):
        join(sessions, url, server.add_desk(office, "Nham", "000.00.20.H27"))
    assert state.load_url(url) is None


def test_no_desk_session_can_hold_the_offices_feed(office, tmp_path):
    """`BEGIN; SELECT counter.push(…)` and then nothing, its timeouts lifted: every desk's
    feed waited on it. Now the next pull ends such a session (after `held_feed_s`)."""
    import psycopg

    a, b, c = (Desk(tmp_path, f"Ban {n}", office) for n in (1, 2, 3))
    with server.connect(office) as db:
        db.execute("UPDATE counter.meta SET value = '5' WHERE key = 'held_feed_s'")
        db.commit()
    hostile = psycopg.connect(server_url(a))
    hostile.execute("SET statement_timeout = 0")
    hostile.execute("SET idle_in_transaction_session_timeout = 0")
    hostile.execute('SELECT counter.push(\'{"schema": "1"}\'::jsonb)')  # and holds it open
    held_pid = hostile.info.backend_pid
    code = b.receive()
    b.sync()
    deadline = time.monotonic() + 90
    while code not in c.picture() and time.monotonic() < deadline:
        c.sync()
        time.sleep(0.5)
    assert code in c.picture()  # the office's feed moved on…
    with server.connect(office) as db:
        alive = db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (held_pid,)
        ).fetchone()[0]
    assert alive == 0  # …because the session that held it was ended (the attack was made)
    with pytest.raises(psycopg.OperationalError):
        hostile.execute("SELECT 1")
    hostile.close()


def server_url(d: Desk) -> str:
    return str(state.load_url(d.url))


def test_a_desks_push_can_write_no_officer(office, tmp_path):
    from counter_app.officers import passwords

    a = Desk(tmp_path, "Ban 1", office)
    b = Desk(tmp_path, "Ban 2", office)
    batch = next_batch(a)
    batch["officers"] = [
        {
            "id": str(uuid.uuid4()),
            "username": "chiemquyen",
            "full_name": "X",
            "active": True,
            "role": "admin",
            "password_hash": passwords.hash_password("biết mật khẩu này"),
            "changed_at": now().isoformat(),
        }
    ]
    with a.link() as link:
        answer = link.push(batch)
    assert "events_upto" in answer  # the push was taken…
    b.sync()
    with server.connect(office) as db:
        found = db.execute("SELECT count(*) FROM counter.officers").fetchone()[0]
    assert found == 0  # …and its administrator written nowhere
    from counter_app.errors import LoginRefused
    from counter_app.officers.session import Place, sign_in

    with pytest.raises(LoginRefused):
        sign_in(Place(b.sessions), "chiemquyen", "biết mật khẩu này", now())


def test_two_agencies_may_each_have_an_officer_called_hoa(office, tmp_path, cheap_hashing):
    from counter_app.officers.session import Place, sign_in
    from counter_app.sync import office_officers

    other = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    other["agency"]["code"] = "000.00.20.H27"
    server.publish_catalog(office, other, now())
    for agency, name in (("000.00.20.H26", "Nguyễn Thị Hoà"), ("000.00.20.H27", "Trần Thị Hoa")):
        office_officers.add(office, agency, "hoa", name, "reception", "mật khẩu 2026", now())
    a = Desk(tmp_path, "Ban 1", office)
    from counter_app.sync.join import join as join_

    url = f"sqlite:///{tmp_path / 'b.db'}"
    from counter_app.db import make_engine, migrate, session_factory

    engine_ = make_engine(url)
    migrate(engine_)
    sessions = session_factory(engine_)
    with unit_of_work(sessions, write=True) as session:
        desk.local_desk(session)
    join_(sessions, url, server.add_desk(office, "Xa ben", "000.00.20.H27"))
    from counter_app.sync.link import Link

    with Link(str(state.load_url(url))) as link:
        from counter_app.sync import engine as sync_engine

        sync_engine.sync_once(sessions, link, now)
        sync_engine.sync_once(sessions, link, now)
    a.sync()
    assert sign_in(Place(a.sessions), "hoa", "mật khẩu 2026", now()).full_name == "Nguyễn Thị Hoà"
    assert sign_in(Place(sessions), "hoa", "mật khẩu 2026", now()).full_name == "Trần Thị Hoa"
    a.receive()
    assert a.sync().rejected == 0  # and both agencies' desks go on syncing


def test_officers_are_changed_on_the_server_not_at_a_joined_desk(
    office, tmp_path, capsys, monkeypatch
):
    from counter_app.cli import main

    a = Desk(tmp_path, "Ban 1", office)
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", "mật khẩu 2026")
    assert (
        main(
            ["--db", a.url, "officer", "add", "quantri", "--name", "Lê Văn Quản", "--role", "admin"]
        )
        == 2
    )
    assert "server officer" in capsys.readouterr().err
    assert (
        main(
            [
                "server",
                "officer",
                "add",
                "quantri",
                "--agency",
                "000.00.20.H26",
                "--name",
                "Lê Văn Quản",
                "--role",
                "admin",
                "--admin-url",
                office,
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["role"] == "admin"
    a.sync()
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "mật khẩu 2026")
    assert main(["--db", a.url, "--officer", "quantri", "officer", "list", "--json"]) == 0
    assert "quantri" in [o["username"] for o in json.loads(capsys.readouterr().out)["officers"]]


def test_a_desk_restored_from_an_older_copy_stops_and_says_so(office, tmp_path):
    from pathlib import Path

    from counter_app.backup.service import restore_backup, take_backup
    from counter_app.errors import ConfigurationError

    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    a.sync()
    db = Path(a.url.removeprefix("sqlite:///"))
    copy = take_backup(db, now(), tmp_path / "older.db")
    a.receive(name="Sau bản sao")
    a.sync()  # the server holds more of this desk than the copy
    a.engine.dispose()
    restore_backup(db, Path(copy.file), now())
    a.receive(name="Sau khôi phục")  # numbered as one the server already has
    with pytest.raises(ConfigurationError, match="khôi phục từ một bản sao cũ hơn"):
        a.sync()
    assert a.view(a.receive(name="Vẫn làm việc")).status == "received"  # the desk works on


def test_desks_keep_to_the_offices_database_once_public_connect_is_revoked(office, tmp_path):
    import psycopg

    a = Desk(tmp_path, "Ban 1", office)
    with server.connect(office) as db:
        name = db.info.dbname
        db.execute(f'REVOKE CONNECT ON DATABASE "{name}", postgres FROM PUBLIC')
        db.commit()
    try:
        a.receive()
        assert a.sync().pushed == 1  # the office's database: still theirs
        other = server_url(a).rsplit("/", 1)[0] + "/postgres"
        with pytest.raises(psycopg.OperationalError, match="permission denied"):
            psycopg.connect(other).close()
    finally:
        with server.connect(office) as db:
            db.execute(f'GRANT CONNECT ON DATABASE "{name}", postgres TO PUBLIC')
            db.commit()
