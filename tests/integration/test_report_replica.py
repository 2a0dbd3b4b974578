"""Biểu 06 from the office's reporting replica (issue 24, item 3): a real primary and a
streaming replica (`pg_basebackup -R`, tests/pg_replica.py), dossiers synced to the
primary by a desk, the replica waited for until it has replayed them; the figures read
there through a reading role (`server add-reader`) equal those read on the primary and the
desk's own; a desk's role, the administrator's, a role of another agency and a replica
that cannot be reached are refused with a message that says what to do."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.clock import now
from counter_app.services.dossiers import lifecycle
from counter_app.sync import server
from counter_app.sync.readers import add_reader
from tests.integration.test_sync import AGENCY, SAMPLE_CATALOG, Desk
from tests.pg import PgServer, PostgresUnavailable, free_port
from tests.pg_replica import PgReplica

SOURCE_KEYS = ("source", "source_server", "replication_lag_s", "replication_lag_bytes")


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[PgServer, PgReplica]]:
    primary = PgServer(durable=False)
    replica = None
    try:
        primary.start()
        replica = PgReplica(primary)
        replica.start()
        yield primary, replica
    except PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL: {error}", pytrace=False)
    finally:
        if replica is not None:
            replica.destroy()
        primary.destroy()


@pytest.fixture(scope="module")
def office(
    cluster: tuple[PgServer, PgReplica], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """A desk that received, handed over and returned dossiers, synced to the primary; a
    reading role's URL on the primary and on the replica, the replica caught up."""
    primary, replica = cluster
    url = primary.create_database()
    server.install(url)
    server.publish_catalog(url, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")), now())
    desk = Desk(tmp_path_factory.mktemp("desk"), "Ban 1", url)
    codes = [desk.receive(f"Người {i}") for i in range(4)]
    desk.act(lifecycle.handoff, codes[:3], "TP-HT", None, now())
    desk.sync()
    on_replica = add_reader(url, "Lanh dao", AGENCY, f"127.0.0.1:{replica.port}")
    database = url.rsplit("/", 1)[1]
    on_primary = on_replica.replace(f":{replica.port}/", f":{primary.port}/")
    replica.wait_replayed()
    return {
        "desk": desk,
        "admin": url,
        "replica": on_replica,
        "primary": on_primary,
        "database": database,
        "replica_server": replica,
    }


def report(desk: Desk, capsys: Any, *extra: str) -> tuple[int, Any, str]:
    capsys.readouterr()
    code = main(["--db", desk.url, "report", "bieu06", "--period", "2026", "--json", *extra])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def test_the_replica_gives_the_primary_s_figures_and_its_lag(office, capsys):
    code, on_replica, err = report(office["desk"], capsys, "--report-url", office["replica"])
    assert code == 0, err
    code, on_primary, err = report(office["desk"], capsys, "--report-url", office["primary"])
    assert code == 0, err
    code, on_desk, err = report(office["desk"], capsys)
    assert code == 0, err
    assert on_replica["source"] == "replica" and on_replica["replication_lag_s"] >= 0
    assert on_primary["source"] == "primary" and on_primary["replication_lag_s"] is None
    assert on_desk["source"] == "desk"
    figures = [
        {k: v for k, v in r.items() if k not in SOURCE_KEYS}
        for r in (on_replica, on_primary, on_desk)
    ]
    assert figures[0] == figures[1] == figures[2]
    assert (
        figures[0]["total"]["received"]["total"] == 4
    )  # the dossiers are there, not an empty form


def test_the_text_says_where_the_figures_came_from(office, capsys):
    capsys.readouterr()
    code = main(
        [
            "--db",
            office["desk"].url,
            "report",
            "bieu06",
            "--period",
            "2026",
            "--report-url",
            office["replica"],
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Số liệu từ bản sao 127.0.0.1:" in out and " giây." in out


def test_a_desk_s_role_never_reads_the_reports(office, capsys):
    from counter_app.sync import state

    desk_url = str(state.load_url(office["desk"].url))
    code, out, err = report(office["desk"], capsys, "--report-url", desk_url)
    assert (code, out) == (2, None)
    assert "tài khoản của một bàn" in err and "server add-reader" in err


def test_the_administrator_s_url_is_not_a_report_url(office, capsys):
    code, out, err = report(office["desk"], capsys, "--report-url", office["admin"])
    assert (code, out) == (2, None) and "không phải tài khoản đọc báo cáo" in err


def test_a_reader_of_another_agency_is_refused(office, capsys):
    with server.connect(office["admin"], autocommit=True) as db:
        db.execute(
            "INSERT INTO counter.agencies (id, code, name, level, address, phone, "
            "working_hours, code_pattern) SELECT gen_random_uuid(), '000.00.99.H26', "
            "'Cơ quan khác', level, address, phone, working_hours, code_pattern FROM "
            "counter.agencies WHERE code = %s",
            (AGENCY,),
        )
    other = add_reader(office["admin"], "Lanh dao khac", "000.00.99.H26")
    code, out, err = report(office["desk"], capsys, "--report-url", other)
    assert (code, out) == (2, None) and "thuộc cơ quan 000.00.99.H26" in err
    # and the server itself confines it, as it confines a desk: not one dossier of ours
    for url, seen in ((other, 0), (office["primary"], 4)):
        with server.connect(url) as db:
            found = db.execute("SELECT count(*) FROM counter.dossiers").fetchone()
        assert found == (seen,)


def test_a_replica_that_cannot_be_reached_is_said_and_nothing_else_shown(office, capsys):
    dead = office["replica"].rsplit("@", 1)[0] + f"@127.0.0.1:{free_port()}/x"
    code, out, err = report(office["desk"], capsys, "--report-url", dead)
    assert (code, out) == (1, None)
    assert "Không kết nối được máy chủ báo cáo" in err and "COUNTER_APP_REPORT_URL" in err


def test_a_wrong_password_is_refused(office, capsys):
    role, rest = office["replica"].split("://", 1)[1].split(":", 1)
    wrong = f"postgresql://{role}:sai-mat-khau@{rest.split('@', 1)[1]}"
    code, out, err = report(office["desk"], capsys, "--report-url", wrong)
    assert (code, out) == (2, None) and "sai mật khẩu" in err


def test_the_report_url_comes_from_the_environment(office, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_REPORT_URL", office["replica"])
    code, found, err = report(office["desk"], capsys)
    assert code == 0, err
    assert found["source"] == "replica"


def test_a_reader_reads_nothing_it_was_not_given(office):
    import psycopg

    with server.connect(office["primary"]) as db, pytest.raises(psycopg.Error):
        db.execute("SELECT count(*) FROM counter.officers")
    with server.connect(office["primary"]) as db, pytest.raises(psycopg.Error):
        db.execute("UPDATE counter.dossiers SET applicant_name = 'x'")


def test_every_lifecycle_counts_as_on_the_desk_and_a_rejected_event_nowhere(office, capsys):
    """Results, returns, a paused supplement and a withdrawal folded from the narrow copy
    (sync/report_source.py: only the columns the fold reads) give the desk's figures; an
    event the server kept as rejected counts on neither."""
    from counter_app.services.dossiers.workflow import Action

    desk = office["desk"]
    codes = [desk.receive(f"Vòng đời {i}") for i in range(4)]
    desk.act(lifecycle.handoff, codes[:2], "TP-HT", None, now())
    desk.act(lifecycle.result, codes[0], "approved", None, now())
    desk.act(lifecycle.return_result, codes[0], receiver="A", now=now())
    desk.act(lifecycle.supplement, codes[2], "Giấy", None, now())
    desk.act(lifecycle.close, codes[3], Action.WITHDRAW, "Lý do", now())
    desk.sync()
    with server.connect(office["admin"], autocommit=True) as db:
        # a withdrawal the server refused (kept, status rejected), of a dossier still open
        db.execute(
            "INSERT INTO counter.events (id, dossier_id, agency_id, desk_id, desk_seq, kind, "
            "at, officer_id, data, schema_version, status, reason) SELECT gen_random_uuid(), "
            "d.id, d.agency_id, e.desk_id, 100000, 'withdrawn', now(), e.officer_id, '{}', 1, "
            "'rejected', 'refused' FROM counter.dossiers d JOIN counter.events e ON "
            "e.dossier_id = d.id AND e.kind = 'received' WHERE d.code = %s",
            (codes[1],),
        )
    try:
        office["replica_server"].wait_replayed()
        code, on_replica, err = report(desk, capsys, "--report-url", office["replica"])
        assert code == 0, err
        code, on_desk, err = report(desk, capsys)
        assert code == 0, err
        figures = [
            {k: v for k, v in r.items() if k not in SOURCE_KEYS} for r in (on_replica, on_desk)
        ]
        assert figures[0] == figures[1]
        assert figures[0]["total"]["received"]["total"] == 8
    finally:
        with server.connect(office["admin"], autocommit=True) as db:
            db.execute("DELETE FROM counter.events WHERE desk_seq = 100000")
