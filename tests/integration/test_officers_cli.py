"""Officers through the command: login turned on by the first administrator, passwords
proved at each command, five failures lock a username, a disabled officer can do
nothing, and the audit trail says who did and saw what (never a citizen's number)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest

from tests.conftest import intake_doc, small_catalog
from tests.integration.driver import Desk

ADMIN_PW, HOA_PW = "quản trị 2026", "tiếp nhận 2026"


@pytest.fixture
def office(tmp_path, capsys, monkeypatch, cheap_hashing) -> Desk:
    """A desk with its catalog, an administrator and a reception officer."""
    desk = Desk(tmp_path, capsys)
    assert desk.run("catalog", "import", desk.file("catalog.json", small_catalog()))[0] == 0
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", ADMIN_PW)
    assert desk.run("officer", "add", "admin", "--name", "Lê Văn Quản", "--role", "admin")[0] == 0
    monkeypatch.setenv("COUNTER_APP_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", HOA_PW)
    assert (
        desk.run(
            "--officer",
            "admin",
            "officer",
            "add",
            "hoa",
            "--name",
            "Nguyễn Thị Hoà",
            "--role",
            "reception",
        )[0]
        == 0
    )
    monkeypatch.delenv("COUNTER_APP_PASSWORD")
    return desk


def as_officer(
    desk: Desk, monkeypatch: Any, who: str, password: str, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setenv("COUNTER_APP_PASSWORD", password)
    return desk.run("--officer", who, *args)


def audit_rows(desk: Desk) -> list[tuple[str, str, str | None, str]]:
    with sqlite3.connect(desk.path) as db:
        return db.execute(
            "SELECT username, action, code, outcome FROM audit_entries ORDER BY desk_seq"
        ).fetchall()


def test_the_first_officer_must_be_an_administrator(tmp_path, capsys, monkeypatch, cheap_hashing):
    desk = Desk(tmp_path, capsys)
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", "đủ tám ký tự")
    status, _, err = desk.run("officer", "add", "hoa", "--name", "Hoà", "--role", "reception")
    assert status == 2 and "quản trị" in err
    assert desk.run("officer", "list")[0] == 0  # no login yet: the desk's officer may look


@pytest.mark.parametrize(
    ("password", "told"), [("ngắn", "ít nhất 8"), ("        ", "khoảng trắng")]
)
def test_a_short_password_is_refused(tmp_path, capsys, monkeypatch, password, told):
    desk = Desk(tmp_path, capsys)
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", password)
    status, _, err = desk.run("officer", "add", "admin", "--name", "A", "--role", "admin")
    assert status == 2 and told in err and password not in err.replace("error:", "")


def test_once_login_is_on_every_command_needs_a_password(office, monkeypatch):
    monkeypatch.delenv("COUNTER_APP_PASSWORD", raising=False)
    status, _, err = office.run("--officer", "hoa", "find", "nguyen")
    assert status == 2 and "COUNTER_APP_PASSWORD" in err
    status, _, err = as_officer(office, monkeypatch, "hoa", "sai mật khẩu", "find", "nguyen")
    assert status == 2 and err.startswith("error: Sai tên đăng nhập hoặc mật khẩu.")
    status, _, _ = as_officer(office, monkeypatch, "hoa", HOA_PW, "find", "nguyen")
    assert status == 0
    assert ("hoa", "login_failed", None, "refused") in audit_rows(office)


def test_five_failures_lock_the_username_for_five_minutes(office, monkeypatch):
    for _ in range(5):
        assert as_officer(office, monkeypatch, "hoa", "sai mật khẩu", "find", "x")[0] == 2
    status, _, err = as_officer(office, monkeypatch, "hoa", HOA_PW, "find", "x")
    assert status == 2 and "tạm khoá" in err  # even the right password, for now
    with sqlite3.connect(office.path) as db:  # five minutes later
        db.execute(
            "UPDATE officers SET locked_until = '2000-01-01 00:00:00' WHERE username = 'hoa'"
        )
    assert as_officer(office, monkeypatch, "hoa", HOA_PW, "find", "x")[0] == 0
    assert as_officer(office, monkeypatch, "admin", ADMIN_PW, "find", "x")[0] == 0  # others


def test_a_disabled_officer_can_no_longer_log_in(office, monkeypatch):
    assert as_officer(office, monkeypatch, "admin", ADMIN_PW, "officer", "disable", "hoa")[0] == 0
    status, _, err = as_officer(office, monkeypatch, "hoa", HOA_PW, "find", "x")
    assert status == 2 and "khoá" in err
    assert as_officer(office, monkeypatch, "admin", ADMIN_PW, "officer", "enable", "hoa")[0] == 0
    assert as_officer(office, monkeypatch, "hoa", HOA_PW, "find", "x")[0] == 0


def test_the_last_administrator_stays(office, monkeypatch):
    status, _, err = as_officer(
        office, monkeypatch, "admin", ADMIN_PW, "officer", "disable", "admin"
    )
    assert status == 2 and "cuối cùng" in err


def test_an_officer_changes_their_own_password_not_anothers(office, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", "mật khẩu mới 1")
    assert as_officer(office, monkeypatch, "hoa", HOA_PW, "officer", "passwd", "hoa")[0] == 0
    assert as_officer(office, monkeypatch, "hoa", "mật khẩu mới 1", "find", "x")[0] == 0
    status, _, err = as_officer(
        office, monkeypatch, "hoa", "mật khẩu mới 1", "officer", "passwd", "admin"
    )
    assert status == 2 and "quản lý cán bộ" in err


def test_officer_list_json_as_specified(office, monkeypatch):
    status, out, _ = as_officer(office, monkeypatch, "admin", ADMIN_PW, "--json", "officer", "list")
    officers = {o["username"]: o for o in json.loads(out)["officers"]}
    assert officers["hoa"] == {
        "username": "hoa",
        "name": "Nguyễn Thị Hoà",
        "role": "reception",
        "active": True,
    }
    assert officers["admin"]["role"] == "admin"


def test_a_refused_action_exits_2_writes_nothing_but_its_audit_entry(office, monkeypatch):
    intake = office.file("intake.json", intake_doc())
    status, out, _ = as_officer(office, monkeypatch, "hoa", HOA_PW, "--json", "receive", intake)
    code = json.loads(out)["code"]
    before = office.written()
    status, _, err = as_officer(
        office, monkeypatch, "admin", ADMIN_PW, "handoff", code, "--to", "TP-HT"
    )
    assert status == 2 and err.count("\n") == 1 and "bàn giao" in err
    assert office.written() == before
    assert audit_rows(office)[-1] == ("admin", "refused", None, "refused")


def test_the_trail_names_codes_never_numbers(office, monkeypatch):
    """A day's work with ID numbers, phones and addresses everywhere: none of them in an
    entry, nor in anything the command wrote on stderr."""
    doc = intake_doc(applicant_phone="0912 345 678")
    errors = []

    def run(*args: str) -> tuple[int, str, str]:
        got = as_officer(office, monkeypatch, "hoa", HOA_PW, *args)
        errors.append(got[2])
        return got

    code = json.loads(run("--json", "receive", office.file("i.json", doc))[1])["code"]
    for args in (
        ("find", "026190001234"),
        ("find", "0912345678"),
        ("show", code),
        ("find", "Nguyễn Thị Hoà"),
        ("show", "0912345678"),
        ("handoff", code, "--to", "TP-HT"),
        ("result", code),
        ("return", code, "--receiver", "Trần Văn Bình", "--receiver-id", "026090001111"),
    ):
        run(*args)
    with sqlite3.connect(office.path) as db:
        entries = " ".join(
            " ".join(str(v) for v in row)
            for row in db.execute("SELECT username, action, code, detail FROM audit_entries")
        )
    personal = (
        "026190001234",
        "0912345678",
        "0912 345 678",
        "Thôn 3",
        "026090001111",
        "Trần Văn Bình",
        "Nguyễn Thị Hoà",
        "Hoà",
    )
    for value in personal:
        assert value not in entries and all(value not in e for e in errors), value
    assert f"view {code}" in " ".join(" ".join(map(str, r[1:3])) for r in audit_rows(office))


def test_audit_lists_entries_oldest_first_filtered(office, monkeypatch):
    doc = office.file("i.json", intake_doc())
    code = json.loads(as_officer(office, monkeypatch, "hoa", HOA_PW, "--json", "receive", doc)[1])[
        "code"
    ]
    as_officer(office, monkeypatch, "hoa", HOA_PW, "show", code)
    status, out, _ = as_officer(
        office,
        monkeypatch,
        "admin",
        ADMIN_PW,
        "--json",
        "audit",
        "--officer",
        "hoa",
        "--code",
        code,
    )
    entries = json.loads(out)["entries"]
    assert status == 0 and [e["action"] for e in entries] == ["received", "view"]
    assert set(entries[0]) == {"at", "officer", "desk", "action", "code", "outcome"}
    assert all(e["officer"] == "hoa" and e["code"] == code for e in entries)
    status, _, err = as_officer(office, monkeypatch, "hoa", HOA_PW, "audit")
    assert status == 2 and "nhật ký" in err  # reception may not read the trail


def test_backup_and_restore_are_the_administrators_and_recorded(office, monkeypatch):
    status, _, err = as_officer(office, monkeypatch, "hoa", HOA_PW, "backup")
    assert status == 2 and "sao lưu" in err
    status, out, _ = as_officer(office, monkeypatch, "admin", ADMIN_PW, "--json", "backup")
    assert status == 0
    copy = json.loads(out)["file"]
    status, _, err = as_officer(office, monkeypatch, "hoa", HOA_PW, "restore", copy)
    assert status == 2 and "sao lưu" in err
    assert as_officer(office, monkeypatch, "admin", ADMIN_PW, "restore", copy)[0] == 0
    actions = [(u, a, o) for u, a, _, o in audit_rows(office)]
    assert ("hoa", "refused", "refused") in actions and actions[-1][:2] == ("admin", "restore")


def test_the_scheduled_copy_needs_no_password_and_goes_only_to_the_desk_s_folder(office):
    """The Windows kit's daily task runs `backup --automatic` with nobody signed in: the
    copy is taken, in the desk's own backups folder, and the trail says the desk took it;
    a copy elsewhere still needs the administrator."""
    status, out, err = office.run("--json", "backup", "--automatic")
    assert status == 0, err
    made = json.loads(out)["file"]
    assert made.startswith(str(office.path.parent / "backups"))
    assert audit_rows(office)[-1] == ("tự động", "backup", None, "ok")
    status, _, err = office.run("backup", "--automatic", "-o", str(office.path.parent / "x.db"))
    assert status == 2 and "--automatic" in err  # not both: argparse says which
    status, _, err = office.run("backup", "-o", str(office.path.parent / "x.db"))
    assert status == 2 and "COUNTER_APP_PASSWORD" in err


def test_reports_are_for_leaders_and_inspectors(office, monkeypatch):
    status, _, err = as_officer(
        office, monkeypatch, "hoa", HOA_PW, "report", "bieu06", "--period", "2026"
    )
    assert status == 2 and "báo cáo" in err
    monkeypatch.setenv("COUNTER_APP_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", "lãnh đạo 2026")
    office.run(
        "--officer", "admin", "officer", "add", "lan", "--name", "Lê Thị Lan", "--role", "leader"
    )
    assert (
        as_officer(
            office, monkeypatch, "lan", "lãnh đạo 2026", "report", "bieu06", "--period", "2026"
        )[0]
        == 0
    )
    assert ("lan", "report", None, "ok") in audit_rows(office)


def test_the_start_command_sets_up_a_database_with_officers_without_a_password(office):
    """`scripts/start-desk.sh` runs `init --demo` before opening the desk: once login is
    on it must not stop there asking for a password (the desk opens on its login page),
    and it writes nothing (no officer, no demo dossier, no audit entry)."""

    def officers() -> list[tuple[str, ...]]:
        with sqlite3.connect(office.path) as db:
            return db.execute("SELECT username, role FROM officers ORDER BY username").fetchall()

    before = audit_rows(office), officers()
    status, out, err = office.run("init", "--demo")
    assert status == 0 and "đã bật đăng nhập" in out and err == ""
    assert (audit_rows(office), officers()) == before
    with sqlite3.connect(office.path) as db:
        assert db.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 0


@pytest.mark.parametrize("typed", ["0987111222", "026190001234", "b1234567"])
def test_a_number_typed_as_a_login_name_or_a_code_is_kept_masked(office, monkeypatch, typed):
    """An ID number typed in the login name's field, a phone looked up as a dossier code:
    the trail keeps neither, only a mask that `audit --officer/--code` still finds."""
    assert as_officer(office, monkeypatch, typed, "sai mật khẩu", "find", "x")[0] == 2
    status, out, _ = as_officer(
        office, monkeypatch, "admin", ADMIN_PW, "--json", "audit", "--code", typed
    )
    assert status == 0 and json.loads(out)["entries"] == []
    rows = audit_rows(office)
    assert all(typed not in str(r) for r in rows)
    failed = [r for r in rows if r[1] == "login_failed"]
    read = [r for r in rows if r[1] == "audit_read"]
    assert failed[-1][0].startswith("***") and read[-1][2].startswith("***")
    status, out, _ = as_officer(
        office, monkeypatch, "admin", ADMIN_PW, "--json", "audit", "--officer", typed
    )
    assert status == 0 and [e["action"] for e in json.loads(out)["entries"]] == ["login_failed"]
