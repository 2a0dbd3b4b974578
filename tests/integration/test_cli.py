"""The `counter-app` command as spec/cli.md describes it: JSON, exit codes, nothing written
on refusal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from counter_app.clock import now
from tests.conftest import intake_doc, small_catalog
from tests.integration.driver import Desk

SPEC_KEYS = {
    "code",
    "procedure",
    "procedure_version",
    "status",
    "channel",
    "applicant",
    "received_at",
    "original_due_at",
    "due_at",
    "timeliness",
    "history",
}
HISTORY_KEYS = {"at", "event", "officer", "from_unit", "to_unit", "note"}


def _working_day_after(start: datetime, days: int) -> str:
    day = start.date() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return f"{day.isoformat()}T17:00:00+07:00"


@pytest.fixture
def desk(tmp_path, capsys) -> Desk:
    d = Desk(tmp_path, capsys)
    assert d.run("catalog", "import", d.file("catalog.json", small_catalog()))[0] == 0
    return d


def test_receive_prints_the_dossier_as_specified(desk):
    dossier = desk.receive()
    assert set(dossier) >= SPEC_KEYS
    assert dossier["code"] == "000.00.20.H26-260213-0001"
    assert dossier["applicant"] == {
        "name": "Nguyễn Thị Hoà",
        "id_number": "026190001234",
        "phone": "0912345678",
        "address": "Thôn 3, xã Tam Đảo",
        "email": None,
    }
    assert (dossier["received_at"], dossier["original_due_at"], dossier["due_at"]) == (
        "2026-02-13T10:00:00+07:00",
        "2026-02-25T17:00:00+07:00",
        "2026-02-25T17:00:00+07:00",
    )
    assert (dossier["status"], dossier["timeliness"]) == ("received", None)
    assert set(dossier["history"][0]) >= HISTORY_KEYS
    assert dossier["history"][0]["event"] == "received"


def test_receive_from_standard_input(desk, monkeypatch):
    import io

    raw = json.dumps(intake_doc(), ensure_ascii=False).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    assert desk.json("receive", "-")["code"].endswith("-0001")


@pytest.mark.parametrize(
    "procedure,received,effective,due",
    [
        (
            "1.001193",
            "2026-02-13T10:00:00+07:00",
            "2026-02-13T10:00:00+07:00",
            "2026-02-25T17:00:00+07:00",
        ),
        (
            "2.000815",
            "2026-04-23T15:00:00+07:00",
            "2026-04-23T15:00:00+07:00",
            "2026-04-23T17:00:00+07:00",
        ),
        (
            "2.000815",
            "2026-04-23T15:01:00+07:00",
            "2026-04-24T07:30:00+07:00",
            "2026-04-24T17:00:00+07:00",
        ),
        (
            "9.000003",
            "2026-03-02T16:00:00+07:00",
            "2026-03-02T16:00:00+07:00",
            "2026-03-03T10:30:00+07:00",
        ),
    ],
    ids=["3 working days over Tết", "same day at 15:00", "same day at 15:01", "4 working hours"],
)
def test_deadline_reproduces_the_worked_examples(desk, procedure, received, effective, due):
    before = desk.written()
    assert desk.json("deadline", procedure, received) == {
        "procedure": procedure,
        "received_at": received,
        "effective_received_at": effective,
        "due_at": due,
    }
    assert desk.written() == before


def _bad(name: str, doc) -> tuple[str, object]:
    return name, doc


BAD = [
    ("not JSON", "{not json"),
    ("unknown key", intake_doc(procdure="x")),
    ("unknown procedure", intake_doc(procedure="9.999999")),
    ("not in force", intake_doc(received_at="2025-01-02T08:00:00+07:00")),
    ("missing document", intake_doc(documents=[{"name": "Giấy chứng sinh"}])),
    ("bad ID", intake_doc(applicant_id_number="0261900012")),
    ("bad phone", intake_doc(applicant_phone="12345")),
    ("name too long", intake_doc(applicant_name="x" * 201)),
    ("bad date", intake_doc(received_at="2026-02-30T10:00:00+07:00")),
]


@pytest.mark.parametrize("doc", [d for _, d in BAD], ids=[n for n, _ in BAD])
def test_bad_intake_exits_2_with_one_line_and_writes_nothing(desk, doc):
    desk.receive()
    before = desk.written()
    path = desk.tmp / "bad.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    code, out, err = desk.run("receive", str(path))
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert out == ""
    assert desk.written() == before


def test_missing_file_is_refused(desk):
    code, _, err = desk.run("receive", str(desk.tmp / "nowhere.json"))
    assert code == 2 and err.startswith("error: ")


@pytest.mark.parametrize(
    "args",
    [
        ("return", "{code}", "--receiver", "A"),
        ("supplied", "{code}"),
        ("handoff", "{code}", "--to", "KHONG-CO"),
        ("extend", "{code}", "--due", "hôm qua", "--reason", "x"),
        ("extend", "{code}", "--due", "2026-02-20T17:00:00+07:00", "--reason", "x"),
        ("withdraw", "{code}", "--reason", "  "),
    ],
    ids=[
        "return before result",
        "supplied without request",
        "unknown unit",
        "bad date",
        "earlier date",
        "blank reason",
    ],
)
def test_refused_actions_exit_2_and_write_nothing(desk, args):
    code = desk.receive()["code"]
    before = desk.written()
    status, _, err = desk.run(*(a.format(code=code) for a in args))
    assert status == 2 and err.startswith("error: ")
    assert desk.written() == before


def test_unknown_code_is_refused(desk):
    status, out, err = desk.run("show", "000.00.20.H26-260213-0042")
    assert (status, out) == (2, "") and err.startswith("error: ") and "0042" in err


@pytest.mark.parametrize(
    "args",
    [
        ("deadline", "1.001193", "2026-02-13T10:00:00+07:00", "--channel", "fax"),
        ("return", "X"),
        ("result", "X", "--outcome", "maybe"),
        ("frobnicate",),
        ("handoff", "X"),
        ("print", "receipt", "X"),
    ],
    ids=[
        "bad choice",
        "missing receiver",
        "bad outcome",
        "unknown command",
        "missing --to",
        "missing -o",
    ],
)
def test_bad_arguments_are_one_error_line_and_exit_2(desk, args):
    before = desk.written()
    status, out, err = desk.run(*args)
    assert status == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1
    assert desk.written() == before


def test_error_line_stays_one_line_with_newlines_in_input(desk):
    status, _, err = desk.run("deadline", "SD\nX", "2026-02-13T10:00:00+07:00")
    assert status == 2 and err.count("\n") == 1


def test_personal_data_is_not_echoed_in_errors(desk):
    code, _, err = desk.run(
        "receive",
        desk.file(
            "bad.json",
            intake_doc(
                applicant_id_type="passport", applicant_id_number="B12#4567", applicant_email="hoa@"
            ),
        ),
    )
    assert code == 2 and "B12#4567" not in err
    code, _, err = desk.run(
        "receive", desk.file("bad.json", intake_doc(applicant_email="nguyen.hoa@"))
    )
    assert code == 2 and "nguyen.hoa" not in err


@pytest.mark.parametrize(
    "args",
    [
        ("show", "{id}"),
        ("print", "receipt", "{id}", "-o", "r.pdf"),
        ("handoff", "{id}", "--to", "TP-HT"),
    ],
)
def test_an_id_number_given_as_a_code_is_not_echoed(desk, args):
    """A citizen's ID number typed where a dossier code goes: refused without repeating it."""
    before = desk.written()
    for number in ("026190001234", "123456789"):
        code, out, err = desk.run(*(a.format(id=number) for a in args))
        assert code == 2 and out == "" and number not in err and "căn cước" in err
    assert desk.run("show", "000.00.20.H26-991231-9999")[2] == (
        "error: Không có hồ sơ mã '000.00.20.H26-991231-9999'.\n"
    )  # a code is still named
    assert desk.written() == before


def test_a_whole_life_from_the_command_line(desk):
    a, b = desk.receive()["code"], desk.receive()["code"]
    batch = desk.json("handoff", a, b, "--to", "TP-HT", "--note", "Lô sáng")
    assert [d["status"] for d in batch["dossiers"]] == ["in_progress", "in_progress"]
    desk.json("supplement", a, "--items", "Giấy chứng sinh bản chính", "--reason", "Mờ")
    desk.json("supplied", a)
    later = _working_day_after(now(), 20)  # ahead of today, whenever the suite runs
    extended = desk.json("extend", a, "--due", later, "--reason", "Xác minh")
    assert extended["original_due_at"] == "2026-02-25T17:00:00+07:00"
    assert extended["due_at"] == later
    resolved = desk.json("result", a, "--outcome", "approved")
    assert resolved["status"] == "resolved" and resolved["timeliness"] in ("early", "on_time")
    returned = desk.json(
        "return",
        a,
        "--receiver",
        "Nguyễn Thị Hoà",
        "--receiver-id",
        "026190001234",
        "--officer",
        "tranthib",
    )
    assert returned["status"] == "returned"
    assert [(h["event"], h["from_unit"], h["to_unit"]) for h in returned["history"]] == [
        ("received", None, None),
        ("handed_over", None, "TP-HT"),
        ("supplement_requested", None, None),
        ("supplement_received", None, None),
        ("extended", None, None),
        ("result_back", "TP-HT", None),
        ("returned", None, None),
    ]
    assert returned["history"][-1]["officer"] == "tranthib"
    assert desk.json("stop", b, "--reason", "Không thuộc thẩm quyền")["status"] == "stopped"
    assert desk.json("show", a) == returned


def test_find_by_name_without_accents(desk):
    code = desk.receive(applicant_name="Đặng Thị Hương")["code"]
    desk.receive()
    assert [d["code"] for d in desk.json("find", "dang huong")["results"]] == [code]
    assert desk.json("find", "khong co ai")["results"] == []


def test_catalog_list_and_readable_text(desk):
    listed = desk.json("catalog", "list")["procedures"]
    assert {p["code"] for p in listed} >= {"1.001193", "2.000815"}
    code, out, _ = desk.run("show", desk.receive()["code"])
    assert code == 0 and "Hẹn trả: 25/02/2026 17:00" in out and "Tiếp nhận hồ sơ" in out


def test_bad_catalog_exits_2(desk):
    data = small_catalog()
    data["agency"]["levle"] = "commune"
    code, _, err = desk.run("catalog", "import", desk.file("bad.json", data))
    assert code == 2 and "levle" in err


def test_installed_command_runs_as_a_process(tmp_path):
    db = f"sqlite:///{tmp_path / 'p.db'}"
    init = subprocess.run(
        [sys.executable, "-m", "counter_app", "--db", db, "init", "--demo", "--days", "14"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr
    # the demo needs a login: its reception officer, with the README's demo password
    env = {**os.environ, "COUNTER_APP_PASSWORD": "demo-tiepnhan"}
    found = subprocess.run(
        [
            sys.executable,
            "-m",
            "counter_app",
            "find",
            "nguyen",
            "--db",
            db,
            "--officer",
            "hoa",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert found.returncode == 0 and json.loads(found.stdout)["results"], found.stderr
    refused = subprocess.run(
        [sys.executable, "-m", "counter_app", "--db", db, "--officer", "hoa", "show", "X-1"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert refused.returncode == 2 and refused.stderr.startswith("error: ")


def test_demo_is_loaded_once(tmp_path, capsys):
    d = Desk(tmp_path, capsys)
    first = d.json("init", "--demo", "--days", "14", "--no-officers")["demo_dossiers"]
    before = d.written()
    assert first > 20 and before[0] == first
    assert d.json("init", "--demo")["demo_dossiers"] == 0
    assert d.written() == before
    statuses = {r["status"] for r in d.json("find", "000.00.20.H26-")["results"]}
    assert {"received", "in_progress", "returned"} <= statuses


def test_head_revision_constant_matches_the_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from counter_app.db import HEAD, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD
