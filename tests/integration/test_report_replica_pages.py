"""The rest of the leader's figures from the office's reporting replica (issue 24, item 3):
`report ontime` as Biểu 06 reads it, the units the dashboard's charts name (only the
reader's own agency's), and `server remove-reader`, after which its URL reads nothing."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select

from counter_app.cli import main
from counter_app.models import Unit
from counter_app.sync import report_source, server
from counter_app.sync.readers import add_reader
from tests.integration.test_report_replica import SOURCE_KEYS
from tests.integration.test_report_replica import cluster as cluster  # noqa: F401 - fixture
from tests.integration.test_report_replica import office as office  # noqa: F401 - fixture
from tests.integration.test_sync import AGENCY


def run(capsys: Any, *args: str) -> tuple[int, Any, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def test_ontime_reads_the_replica_and_gives_the_primary_s_rates(office, capsys):  # noqa: F811
    base = ("--db", office["desk"].url, "report", "ontime", "--period", "2026", "--json")
    code, on_replica, err = run(capsys, *base, "--report-url", office["replica"])
    assert code == 0, err
    code, on_primary, err = run(capsys, *base, "--report-url", office["primary"])
    assert code == 0, err
    code, on_desk, err = run(capsys, *base)
    assert code == 0, err
    assert (on_replica["source"], on_primary["source"], on_desk["source"]) == (
        "replica",
        "primary",
        "desk",
    )
    assert on_replica["replication_lag_s"] is not None
    rates = [{k: v for k, v in r.items() if k not in SOURCE_KEYS} for r in (on_replica, on_primary)]
    assert rates[0] == rates[1] == {k: v for k, v in on_desk.items() if k not in SOURCE_KEYS}
    capsys.readouterr()
    shown = base[:-1] + ("--report-url", office["replica"])
    assert main(list(shown)) == 0
    assert "Số liệu từ bản sao 127.0.0.1:" in capsys.readouterr().out


def test_the_reader_sees_its_own_agency_s_units_and_no_other(office):  # noqa: F811
    with server.connect(office["admin"], autocommit=True) as db:
        found = db.execute(
            "SELECT u.code FROM counter.units u JOIN counter.agencies a ON a.id = u.agency_id "
            "WHERE a.code = %s",
            (AGENCY,),
        )
        ours = {r[0] for r in found}
        other = uuid.uuid4()
        db.execute(
            "INSERT INTO counter.agencies (id, code, name, level, address, phone, "
            "working_hours, code_pattern) SELECT %s, '000.00.98.H26', 'Xã khác', level, "
            "address, phone, working_hours, code_pattern FROM counter.agencies WHERE code = %s",
            (other, AGENCY),
        )
        db.execute(
            "INSERT INTO counter.units (id, agency_id, code, name) VALUES (%s, %s, 'KHAC', "
            "'Bộ phận của xã khác')",
            (uuid.uuid4(), other),
        )
    assert ours  # the catalog has units: the dashboard's "overdue by unit" names them
    with report_source.snapshot(office["primary"], AGENCY) as (session, _, _source):
        copied = set(session.scalars(select(Unit.code)))
    assert copied == ours


def test_a_removed_reader_reads_nothing_more(office, capsys):  # noqa: F811
    url = add_reader(office["admin"], "Tam thoi", AGENCY)
    report = ("--db", office["desk"].url, "report", "bieu06", "--period", "2026", "--json")
    code, found, err = run(capsys, *report, "--report-url", url)
    assert code == 0 and found["source"] == "primary", err
    code, said, err = run(
        capsys, "server", "remove-reader", "Tam thoi", "--admin-url", office["admin"], "--json"
    )
    assert code == 0, err
    assert said == {"reader": "Tam thoi", "active": False}
    code, found, err = run(capsys, *report, "--report-url", url)
    assert (code, found) == (2, None) and "server add-reader" in err, err
    code, _, err = run(
        capsys, "server", "remove-reader", "Khong co", "--admin-url", office["admin"]
    )
    assert code != 0 and "Không có tài khoản đọc báo cáo tên 'Khong co'" in err
