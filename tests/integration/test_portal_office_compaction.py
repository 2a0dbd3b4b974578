"""The office's own messages give their bodies back a month after they were sent, as each
desk's do (server SQL 0027, docs/portal.md "What the desk keeps"): the office's sender runs
it after its pass, against a real PostgreSQL; what is still to send keeps its body, the
office's figures do not change, and a sender compacts its own agency's messages only."""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest

from counter_app.portal import service
from counter_app.sync import server, state
from counter_app.sync.portal_office import designate
from tests.integration.test_portal_office_cli import cli
from tests.integration.test_portal_office_cli import gateway as gateway  # noqa: PLC0414
from tests.integration.test_sync import Desk
from tests.integration.test_sync import office as office  # noqa: PLC0414 - the fixture

pytestmark = pytest.mark.xdist_group("portal")


def bodies(office: str) -> dict[str, list[Any]]:
    """Each dossier's messages' bodies, in order."""
    found: dict[str, list[Any]] = {}
    with server.connect(office) as db:
        for code, body in db.execute(
            "SELECT code, body FROM counter.portal_messages ORDER BY code, position, service"
        ):
            found.setdefault(code, []).append(body)
    return found


def aged(office: str, code: str, days: int, state: str | None = None) -> None:
    """The dossier's messages written, sent and taken by the server `days` ago (and left in
    `state`), as the office holds them after that time."""
    with server.connect(office) as db:
        db.execute(
            "UPDATE counter.portal_messages SET created_at = created_at - make_interval(days => "
            "%(d)s), sent_at = sent_at - make_interval(days => %(d)s), taken_at = taken_at - "
            "make_interval(days => %(d)s), state = coalesce(%(s)s, state) WHERE code = %(c)s",
            {"d": days, "s": state, "c": code},
        )


def stub(code: str) -> list[dict[str, str]]:
    return [{"MaHoSo": code}]


def test_the_offices_sender_gives_back_what_it_sent_a_month_ago(office, tmp_path, gateway, capsys):
    a = Desk(tmp_path, "Ban 1", office)
    old, failed, recent = (a.receive(f"Người {i}") for i in range(3))
    a.sync()
    designate(office, "Ban 1")
    done, sent, _ = cli(capsys, "--db", a.url, "portal", "send", "--once")
    assert done == 0 and sent["sent"] == 6
    aged(office, old, 40)
    aged(office, failed, 40, state="failed")  # still to retry: keeps what it would send
    aged(office, recent, 20)
    before = bodies(office)
    figures = cli(capsys, "--db", a.url, "portal", "status")[1]
    done, sent, err = cli(capsys, "--db", a.url, "portal", "send", "--once")
    assert done == 0 and sent["sent"] == 0
    assert "Đã thu gọn 2 tin" in err
    after = bodies(office)
    assert after[old] == [stub(old), stub(old)]
    assert after[failed] == before[failed] != [stub(failed)] * 2
    assert after[recent] == before[recent]
    assert all(len(body[0]) > 1 for body in after[recent])  # the dossier's facts, whole
    assert cli(capsys, "--db", a.url, "portal", "status")[1] == figures  # the same figures
    done, _, err = cli(capsys, "--db", a.url, "portal", "send", "--once")
    assert done == 0 and "thu gọn" not in err  # nothing left to give back
    with server.connect(office) as db:  # and the next run starts where this one stopped
        assert db.execute("SELECT count(*) FROM counter.portal_compacted").fetchone()[0] == 1


def test_a_message_is_given_back_a_month_after_the_office_had_it_as_sent(
    office, tmp_path, gateway, capsys
):
    """Not a month after it was written: one that failed for weeks and was sent later, or
    one a desk pushed long after sending it alone, comes up by the time it became sent at
    the office, though the compaction has gone past the day it was written."""
    a = Desk(tmp_path, "Ban 1", office)
    first, late, retried = (a.receive(f"Người {i}") for i in range(3))
    a.sync()
    designate(office, "Ban 1")
    assert cli(capsys, "--db", a.url, "portal", "send", "--once")[1]["sent"] == 6
    aged(office, first, 40)
    aged(office, late, 60)
    aged(office, retried, 60, state="failed")
    with server.connect(office) as db:  # pushed 10 days ago, sent by its desk long before
        db.execute(
            "UPDATE counter.portal_messages SET taken_at = now() - interval '10 days' "
            "WHERE code = %s",
            (late,),
        )
    assert "Đã thu gọn 2 tin" in cli(capsys, "--db", a.url, "portal", "send", "--once")[2]
    assert bodies(office)[first] == [stub(first)] * 2  # the compaction is past day -60 now
    assert stub(late) not in bodies(office)[late]
    with server.connect(office) as db:
        db.execute(  # sent 31 days ago, after weeks of retries
            "UPDATE counter.portal_messages SET state = 'sent', "
            "sent_at = now() - interval '31 days' WHERE code = %s",
            (retried,),
        )
        db.execute(  # taken 31 days ago, a month after its desk had sent it
            "UPDATE counter.portal_messages SET taken_at = now() - interval '31 days' "
            "WHERE code = %s",
            (late,),
        )
    assert "Đã thu gọn 4 tin" in cli(capsys, "--db", a.url, "portal", "send", "--once")[2]
    assert bodies(office)[late] == [stub(late)] * 2
    assert bodies(office)[retried] == [stub(retried)] * 2


def test_only_the_sender_may_compact_and_only_its_own_agencys_messages(office, pg_server, tmp_path):
    """A desk's role that is not the sender may not call it; the sender of office A that
    connects to office B's database on the same cluster gives back nothing of B's."""
    from urllib.parse import urlsplit, urlunsplit

    from counter_app.clock import now
    from counter_app.config import SAMPLE_CATALOG

    other = pg_server.create_database()
    server.install(other)
    server.publish_catalog(other, json.loads(SAMPLE_CATALOG.read_text("utf-8")), now())
    (tmp_path / "b").mkdir()
    b = Desk(tmp_path / "b", "Ban 1", other)
    code = b.receive()
    b.sync()
    with server.connect(other) as db:
        db.execute("UPDATE counter.portal_messages SET state = 'sent'")
    aged(other, code, 40)
    a = Desk(tmp_path, "Ban 9", office)
    mine = str(state.load_url(a.url))
    with server.connect(mine) as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
        db.execute("SELECT counter.compact_portal(1000)")
    designate(office, "Ban 9")
    into_b = urlunsplit(urlsplit(mine)._replace(path=urlsplit(other).path))
    with server.connect(into_b) as db:
        done = db.execute("SELECT counter.compact_portal(1000)").fetchone()[0]
    assert done == {"looked": 0, "given": 0}
    assert bodies(other)[code] != [stub(code)] * 2


def test_a_server_not_upgraded_still_sends_and_says_what_to_do(office, tmp_path, gateway, capsys):
    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    a.sync()
    designate(office, "Ban 1")
    with server.connect(office) as db:  # the server as it was before SQL 0027
        db.execute("DROP FUNCTION counter.compact_portal(integer)")
    done, sent, err = cli(capsys, "--db", a.url, "portal", "send", "--once")
    assert done == 0 and sent["sent"] == 2
    assert "server init" in err and len(err.strip().splitlines()) == 1


class Passes(service.Stop):
    """Stops `forever` after `n` passes (each ends in one wait), without waiting."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n, self.waited = n, 0

    def __call__(self) -> bool:
        return self.waited >= self.n

    def wait(self, seconds: float) -> None:
        self.waited += 1


def test_the_long_running_sender_runs_its_upkeep_once_a_day_and_goes_on_after_its_failure(
    desk_db, tmp_path, monkeypatch
):
    from counter_app.clock import now
    from tests.integration.test_portal_service import client
    from tests.portal_gateway import StandInGateway

    calls: list[int] = []
    said: list[str] = []

    def upkeep(stop: object) -> str:
        assert callable(stop)  # the sender's stop: a backlog's compaction heeds it
        calls.append(len(calls))
        if len(calls) == 2:
            raise RuntimeError("Nguyễn Văn An 026190001234")  # a server quoting a row
        return "Đã thu gọn 3 tin." if len(calls) == 1 else ""

    stand_in = StandInGateway(tmp_path)
    c = client(stand_in)
    stops = [Passes(3), Passes(3)]
    try:
        for stop in stops:
            service.forever(
                desk_db, c, now, stop, lease=60, backoff=1, poll=1, say=said.append, upkeep=upkeep
            )
            if stop is stops[0]:
                assert calls == [0]  # at the first pass, then not again the same day
                monkeypatch.setattr(service, "UPKEEP_EVERY", 0.0)
    finally:
        for stop in stops:
            stop.event.set()  # its announcing thread ends
        c.close()
        stand_in.down()
    assert calls == [0, 1, 2, 3]  # its failure did not stop the passes
    assert said.count("Đã thu gọn 3 tin.") == 1
    told = [line for line in said if "RuntimeError" in line]
    assert len(told) == 1 and "Nguyễn" not in told[0] and "026190001234" not in told[0]


def test_a_desk_on_postgresql_sends_its_own_messages_without_the_offices_upkeep(
    pg_url, gateway, capsys
):
    """A desk whose own database is PostgreSQL is not the office: its `portal send` does
    not call the office server's compaction (its database has no such function)."""
    from counter_app.db import make_engine, migrate, session_factory, unit_of_work
    from counter_app.services.catalog import catalog
    from tests.conftest import IMPORTED_AT, small_catalog
    from tests.unit.test_lifecycle import received

    engine = make_engine(pg_url)
    migrate(engine)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    received(sessions)
    engine.dispose()
    done, sent, err = cli(capsys, "--db", pg_url, "portal", "send", "--once")
    assert done == 0 and sent["sent"] == 2
    assert err == ""
