"""`portal send|status|export` on a desk joined to an office server drain and read the
server's table (one sender per office, docs/portal.md), `server portal-sender` names the
agency's one sending desk, `--office-url` runs the sender on the server's machine; and what
a desk's role may do with the office's messages."""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest

from counter_app.cli import main
from counter_app.clock import now
from counter_app.portal import settings as stored
from counter_app.services.dossiers import lifecycle
from counter_app.sync import server, state
from counter_app.sync.link import Link
from tests.integration.test_portal_office import FIRST, HANDED, office_states, seen
from tests.integration.test_sync import Desk
from tests.integration.test_sync import office as office  # noqa: PLC0414 - the fixture
from tests.portal_gateway import AGENCY, PASSWORD, USER, StandInGateway

pytestmark = pytest.mark.xdist_group("portal")


@pytest.fixture
def gateway(tmp_path, monkeypatch):
    """The stand-in, configured as `portal configure` would (the settings file)."""
    stand_in = StandInGateway(tmp_path)
    path = tmp_path / "portal.json"
    settings = stored.PortalSettings(stand_in.url, USER, PASSWORD, AGENCY, str(stand_in.ca_file))
    stored.save(settings, path)
    monkeypatch.setenv(stored.ENV_FILE, str(path))
    yield stand_in
    stand_in.down()


def cli(capsys: Any, *args: str) -> tuple[int, Any, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def test_portal_send_on_the_designated_desk_drains_the_office(office, tmp_path, gateway, capsys):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive()
    a.sync()
    b.sync()
    b.act(lifecycle.handoff, [code], "TP-HT", None, now())
    b.sync()
    refused, _, err = cli(capsys, "--db", a.url, "portal", "send", "--once")
    assert refused == 2 and "không phải máy gửi tin lên Cổng" in err  # not designated yet
    assert gateway.accepted == []
    done, named, _ = cli(capsys, "server", "portal-sender", "Ban 1", "--admin-url", office)
    assert done == 0 and named == {"desk": "Ban 1", "agency": "000.00.20.H26", "replaced": []}
    done, sent, _ = cli(capsys, "--db", a.url, "portal", "send", "--once")
    assert done == 0 and sent == {"sent": 4, "failed": 0, "pending": 0}
    assert seen(gateway, code) == FIRST + HANDED
    assert {s for _, s in office_states(office)} == {"sent"}
    done, told, _ = cli(capsys, "--db", b.url, "portal", "status")  # any desk: the office's
    assert done == 0 and (told["sent"], told["pending"], told["not_pushed"]) == (4, 0, 0)
    assert [(d["pending"], d["sent"], d["failed"]) for d in told["days"]] == [(0, 4, 0)]
    assert told["oldest_pending_late"] is False
    done, named, _ = cli(capsys, "server", "portal-sender", "Ban 2", "--admin-url", office)
    assert named["replaced"] == ["Ban 1"]  # one sender for the agency
    assert cli(capsys, "--db", a.url, "portal", "send", "--once")[0] == 2


def test_the_servers_machine_sends_and_exports_with_no_desk_database(
    office, tmp_path, gateway, capsys, monkeypatch
):
    monkeypatch.setenv("COUNTER_APP_DB", f"sqlite:///{tmp_path / 'nowhere' / 'none.db'}")
    a = Desk(tmp_path, "Ban 1", office)
    code = a.receive()
    a.sync()
    done, exported, _ = cli(
        capsys, "portal", "export", "--office-url", office, "-o", str(tmp_path / "out")
    )
    assert done == 0 and len(exported["files"]) == 1
    batch = json.loads((tmp_path / "out" / "portal-00001.json").read_text("utf-8"))
    assert [m["data"][0]["MaHoSo"] for m in batch] == [code, code]
    done, sent, _ = cli(capsys, "portal", "send", "--once", "--office-url", office)
    assert done == 0 and sent["sent"] == 2 and seen(gateway, code) == FIRST
    done, told, _ = cli(capsys, "portal", "status", "--office-url", office)
    assert done == 0 and (told["sent"], told["pending"]) == (2, 0) and "not_pushed" not in told
    assert not (tmp_path / "nowhere").exists()  # no desk database was made


def test_status_says_when_the_office_cannot_be_reached(office, tmp_path, capsys):
    a = Desk(tmp_path, "Ban 1", office)
    a.receive()  # two messages not handed over yet
    state.save_url(a.url, "postgresql://ban:mat-khau@127.0.0.1:1/motcua")  # the server gone
    done, told, err = cli(capsys, "--db", a.url, "portal", "status")
    assert done == 1 and told is None and len(err.strip().splitlines()) == 1
    assert "Không kết nối được máy chủ văn phòng" in err and "còn 2 tin chưa chuyển" in err
    assert "mat-khau" not in err


def test_a_desks_role_cannot_touch_the_offices_messages_unless_it_is_the_sender(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    a.receive()
    a.sync()
    server_url = str(state.load_url(a.url))
    for statement in (
        "SELECT * FROM counter.portal_messages",
        "UPDATE counter.portal_messages SET state = 'sent'",
        "DELETE FROM counter.portal_messages",
        "SELECT counter.take_portal('[]'::jsonb, NULL)",
        "SELECT counter.push_records('{}'::jsonb)",
    ):
        with server.connect(server_url) as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute(statement)
    from counter_app.sync.portal_office import designate

    designate(office, "Ban 1")
    with server.connect(server_url) as db:  # the sender: its sending columns only
        db.execute("UPDATE counter.portal_messages SET attempts = attempts")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("UPDATE counter.portal_messages SET body = '[]'")
    with (
        server.connect(str(state.load_url(b.url))) as db,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        db.execute("SELECT * FROM counter.portal_messages")


def forged(batch: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return batch | {"portal": [batch["portal"][0] | changes]}


def test_a_desk_can_hand_over_only_its_own_events_messages_as_they_are(office, tmp_path):
    from counter_app.db import unit_of_work
    from counter_app.services import desk
    from counter_app.sync import outbox, portal_office

    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive()
    with unit_of_work(a.sessions) as session:
        batch = outbox.batch(session, desk.local_desk(session).id, 0, 0)
        batch["portal"] = portal_office.batch(session, desk.local_desk(session).id, 0, 1)
    with b.link() as link:  # desk 2 hands over desk 1's message: not its event
        answer = link.push({**batch, "events": [], "audit": []})
    assert sorted(answer["portal"]["unknown"]) == sorted(m["id"] for m in batch["portal"])
    other = [{**batch["portal"][0]["body"][0], "MaHoSo": "KHAC-0001"}]
    with Link(str(state.load_url(a.url))) as link:  # a body naming another dossier
        answer = link.push(forged(batch, body=other))
    assert answer["portal"]["stored"] == 1
    with server.connect(office) as db:
        held = db.execute("SELECT code, state, body FROM counter.portal_messages").fetchall()
    assert held == [(code, "held", [])]


def test_a_sender_desk_sees_nothing_of_another_office_on_the_same_cluster(
    office, pg_server, tmp_path
):
    """Roles are the cluster's: a desk of office A, its agency's sender, that connects to
    office B's database (its role may: desks' roles share counter_desk) reads none of B's
    messages and changes none."""
    import json as _json
    from urllib.parse import urlsplit, urlunsplit

    from counter_app.clock import now as _now
    from counter_app.config import SAMPLE_CATALOG
    from counter_app.sync.portal_office import designate

    other = pg_server.create_database()
    server.install(other)
    server.publish_catalog(other, _json.loads(SAMPLE_CATALOG.read_text("utf-8")), _now())
    (tmp_path / "b").mkdir()
    b = Desk(tmp_path / "b", "Ban 1", other)
    b.receive()
    b.sync()
    a = Desk(tmp_path, "Ban 9", office)
    designate(office, "Ban 9")
    mine = urlsplit(str(state.load_url(a.url)))
    into_b = urlunsplit(mine._replace(path=urlsplit(other).path))
    with server.connect(into_b) as db:
        assert db.execute("SELECT count(*) FROM counter.portal_messages").fetchone()[0] == 0
        done = db.execute("UPDATE counter.portal_messages SET state = 'sent'")
        assert done.rowcount == 0
    assert {s for _, s in office_states(other)} == {"pending"}
