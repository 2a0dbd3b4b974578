"""The audit trail anchored at the office server (SQL 0014): a desk's trail rewritten
after it was pushed is found by `audit verify` and can push no further entry, and an entry
that names an officer under another name is refused."""

from __future__ import annotations

import json

import pytest

from counter_app.audit import trail
from counter_app.cli import main
from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.services import desk
from counter_app.sync import office_officers, server
from counter_app.sync.link import Refused
from tests.integration.test_sync import AGENCY, Desk
from tests.integration.test_sync import office as office  # noqa: PLC0414 - the fixture
from tests.unit.test_audit_chain import rechain

PW = "mật khẩu 2026"


def verify(d: Desk, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", d.url, "audit", "verify", "--json"])
    out, err = capsys.readouterr()
    return code, out, err


def record(d: Desk, username: str, officer: str = "motcua") -> None:
    """An entry at the desk that names `officer` as `username`."""
    with unit_of_work(d.sessions, write=True) as session:
        here, who = desk.local_desk(session).id, desk.officer(session, officer)
        trail.record(session, here, trail.Who(who.id, username), trail.Action.VIEW, now())


def test_a_trail_rewritten_after_its_push_is_found_and_pushes_no_more(office, tmp_path, capsys):
    a = Desk(tmp_path, "Ban 1", office)
    a.receive("Người 1")
    a.receive("Người 2")
    a.sync()
    code, out, _ = verify(a, capsys)
    assert code == 0 and json.loads(out)["anchors"]["server"] == "checked"
    path = a.url.removeprefix("sqlite:///")
    rechain(a.sessions, path, "UPDATE audit_entries SET username = 'someone' WHERE desk_seq = 1")
    code, _, err = verify(a, capsys)
    assert code == 1 and "máy chủ văn phòng" in err and "viết lại" in err
    a.receive("Người 3")
    with pytest.raises(Refused, match="rewritten"):
        a.sync()


def test_an_entry_naming_an_officer_under_another_name_is_refused(office, tmp_path, cheap_hashing):
    office_officers.add(office, AGENCY, "truong", "Trưởng Phòng", "leader", PW, now())
    a = Desk(tmp_path, "Ban 1", office)
    a.receive("Người 1")
    a.sync()  # the server's officer 'truong' is at the desk now
    record(a, "truongphong", officer="truong")
    with pytest.raises(Refused, match="another name"):
        a.sync()


def test_an_officer_whose_login_looks_like_a_phone_is_masked_and_travels(
    office, tmp_path, cheap_hashing
):
    office_officers.add(office, AGENCY, "0987111222", "Số Điện Thoại", "reception", PW, now())
    a = Desk(tmp_path, "Ban 1", office)
    a.sync()
    record(a, "0987111222", officer="0987111222")
    a.sync()  # the server takes the masked name as that officer's
    with server.connect(office) as db:
        names = [
            r[0]
            for r in db.execute(
                "SELECT a.username FROM counter.audit_entries a JOIN counter.officers o "
                "ON o.id = a.officer_id WHERE o.username = '0987111222'"
            )
        ]
    assert len(names) == 1 and names[0].startswith("***")
