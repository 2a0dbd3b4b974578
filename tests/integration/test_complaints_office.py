"""The complaints register of an office (issue 22), against a real PostgreSQL: with a
server it is the server's, so a complaint taken at one desk is read, answered and closed
at another (the leader's); the server holds the register's rules and the desk's agency
whatever a desk sends (sync SQL 0023)."""

from __future__ import annotations

import psycopg
import pytest

from counter_app.citizen import complaints
from counter_app.citizen.complaint_form import ComplaintForm
from counter_app.citizen.register import LocalRegister
from counter_app.citizen.register_office import OfficeRegister, set_due_days_on_server
from counter_app.clock import now
from counter_app.errors import RefusedInput
from counter_app.sync import server, state
from counter_app.sync.link import Offline
from tests.integration.test_sync import AGENCY, Desk
from tests.integration.test_sync import office as office  # noqa: F401 - the fixture

FORM = ComplaintForm("phone", "Trần Văn Bình", "0987654321", None, "Chờ lâu.", None, None)


def register(d: Desk) -> OfficeRegister:
    return OfficeRegister(str(state.load_url(d.url)))


def add(d: Desk, form: ComplaintForm = FORM) -> str:
    return d.act(lambda s, who: complaints.add(register(d), s, who, form, now())).number


def test_a_complaint_taken_at_one_desk_is_answered_at_another(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive()
    a.sync()
    number = add(a, ComplaintForm(**{**vars(FORM), "code": code}))
    year = now().year
    assert number == f"PA-{year}-0001"
    (seen,) = b.act(lambda s, who: complaints.listed(register(b), who, "open", now()))
    assert (seen.number, seen.code, seen.procedure, seen.status) == (
        number,
        code,
        "1.001193",
        "open",
    )
    with pytest.raises(RefusedInput, match="chưa được trả lời"):
        b.act(lambda s, who: complaints.close(register(b), s, who, number, now()))
    b.act(lambda s, who: complaints.reply(register(b), s, who, number, "Đã xử lý.", True, now()))
    b.act(lambda s, who: complaints.close(register(b), s, who, number, now()))
    (row,) = a.act(lambda s, who: complaints.listed(register(a), who, None, now()))
    assert (row.status, row.published_at is not None) == ("closed", True)
    with pytest.raises(RefusedInput, match="đã đóng"):
        register(a).reply(year, 1, "Sửa.", False, now())
    assert add(b) == f"PA-{year}-0002"
    detail = register(a).detail(year, 2)
    assert (detail.name, detail.phone, detail.content) == (
        "Trần Văn Bình",
        "0987654321",
        "Chờ lâu.",
    )
    # nothing of it in the desk's own database
    assert a.act(lambda s, who: LocalRegister(s, who.agency_id).rows()) == []


def test_the_server_checks_what_a_desk_sends(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    mine = register(a)
    due = now().replace(year=now().year + 1)
    with pytest.raises(RefusedInput, match="không có hồ sơ"):
        mine.add(
            ComplaintForm(**{**vars(FORM), "code": "000.00.20.H26-260213-0099"}),
            now(),
            due,
            a.act(lambda s, who: who.officer_id),
        )
    with pytest.raises(RefusedInput, match="Hạn trả lời"):
        mine.add(FORM, now(), due, a.act(lambda s, who: who.officer_id))
    with pytest.raises(RefusedInput, match="Không có phản ánh"):
        mine.assign(2026, 99, "motcua")
    url = str(state.load_url(a.url))
    for statement in ("SELECT * FROM counter.complaints", "DELETE FROM counter.complaints"):
        with server.connect(url) as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute(statement)


def test_the_days_to_answer_are_set_by_the_office(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    assert register(a).due_days() == 10
    set_due_days_on_server(office, AGENCY, 5)
    assert register(a).due_days() == 5
    with pytest.raises(RefusedInput, match="quản trị"):
        a.act(lambda s, who: complaints.set_due_days(register(a), s, who, 3, now()))


def test_an_unreachable_server_is_said_plainly():
    with pytest.raises(Offline, match="Không kết nối được máy chủ văn phòng"):
        OfficeRegister("postgresql://desk:x@127.0.0.1:1/motcua").rows()
