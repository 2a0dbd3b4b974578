"""The desk's own schema and commands on PostgreSQL (`--db postgresql+psycopg://…`), and
the test server itself: durable across an immediate stop, restartable on its port."""

from __future__ import annotations

import json

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from counter_app.cli import main
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import HEAD, MIGRATIONS, make_engine, migrate


def sample_intake() -> dict:
    catalog = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    procedure = next(p for p in catalog["procedures"] if p["code"] == "1.001022")
    return {
        "procedure": procedure["code"],
        "applicant": {
            "name": "Nguyễn Thị Hoà",
            "id_number": "026190001234",
            "phone": "0912345678",
            "address": "Thôn 3",
            "email": None,
        },
        "documents": [
            {"name": d["name"], "count": d.get("count", 1)}
            for d in procedure["documents"]
            if d.get("required", True)
        ],
        "channel": "direct",
    }


def run(capsys, url: str, *args: str) -> dict:
    capsys.readouterr()
    code = main(["--db", url, *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_the_desk_works_on_postgresql(pg_server, pg_url, tmp_path, capsys):
    init = run(capsys, pg_url, "init", "--demo", "--days", "30", "--no-officers")
    assert init["demo_dossiers"] > 50
    assert pg_server.password not in init["database"]  # a URL is shown without its password
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(sample_intake(), ensure_ascii=False), encoding="utf-8")
    code = run(capsys, pg_url, "receive", str(intake))["code"]
    assert code in [d["code"] for d in run(capsys, pg_url, "find", "nguyen hoa")["results"]]
    assert run(capsys, pg_url, "show", code)["status"] == "received"
    handed = run(capsys, pg_url, "handoff", code, "--to", "TP-HT")["dossiers"][0]
    assert (handed["status"], handed["current_unit"]) == ("in_progress", "TP-HT")


def test_migrations_go_up_and_down_on_postgresql(pg_url):
    engine = make_engine(pg_url)
    migrate(engine)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
        command.upgrade(config, "head")
        assert {"dossiers", "events", "report_dossiers"} <= set(
            inspect(connection).get_table_names()
        )
    engine.dispose()


def test_a_server_stopped_immediately_keeps_committed_work(new_pg_server):
    server = new_pg_server()
    assert server.running()
    url = server.create_database("chaos")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (n int)"))
        connection.execute(text("INSERT INTO t VALUES (1), (2)"))
    port = server.port
    server.stop("immediate")  # as a crash: no checkpoint, WAL replayed on start
    assert not server.running()
    server.start()
    assert server.port == port
    with engine.connect() as connection:  # pool_pre_ping replaces the dead connections
        assert connection.execute(text("SELECT sum(n) FROM t")).scalar() == 3
    engine.dispose()
