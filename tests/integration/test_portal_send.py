"""`portal send` against the stand-in for the province's gateway (tests/portal_gateway.py):
the real sender, outbox and database; the gateway is the test's."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.models import PortalMessage
from counter_app.portal import sender, status
from counter_app.portal.gateway import Gateway, Unreachable
from counter_app.services.dossiers import lifecycle
from tests.conftest import at
from tests.portal_gateway import AGENCY, PASSWORD, USER, StandInGateway
from tests.unit.test_lifecycle import act, received

pytestmark = pytest.mark.xdist_group("portal")


@pytest.fixture
def gateway(tmp_path):
    stand_in = StandInGateway(tmp_path, slow_seconds=1.5)
    yield stand_in
    stand_in.down()


def client(gw, ca=True, timeout=0.5):
    return Gateway(gw.url, USER, PASSWORD, AGENCY, str(gw.ca_file) if ca else None, timeout)


def drain(sessions, gw, **kw):
    c = client(gw, **kw)
    try:
        return sender.drain(sessions, c, now, once=True, lease=10, backoff=60)
    finally:
        c.close()


def states(sessions):
    with unit_of_work(sessions) as session:
        rows = session.execute(select(PortalMessage.state, PortalMessage.error_code))
        return sorted((s, e) for s, e in rows)


def test_every_message_reaches_the_gateway_once_in_its_dossiers_order(desk_db, gateway):
    codes = received(desk_db, 2)
    act(desk_db, lifecycle.handoff, codes, "TP-HT", None, at("2026-02-13T16:00+07:00"))
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.failed, tally.pending) == (8, 0, 0)
    for code in codes:
        seen = [
            (b["service"], b["isUpdating"], b["data"][0].get("TrangThaiHoSo"))
            for b in gateway.accepted
            if b["data"][0]["MaHoSo"] == code
        ]
        assert seen == [
            ("DongBoHoSoMC", "False", 2),
            ("CapNhatTienDoHoSoMC", "False", None),
            ("DongBoHoSoMC", "True", 4),
            ("CapNhatTienDoHoSoMC", "False", None),
        ]


def test_already_exists_is_sent_again_as_an_update(desk_db, gateway):
    (code,) = received(desk_db)
    gateway.codes.add(code)  # the province has it already (an earlier system sent it)
    assert drain(desk_db, gateway).sent == 2
    assert [b["isUpdating"] for b in gateway.accepted][:1] == ["True"]


def test_an_expired_session_is_renewed_once_and_the_message_sent(desk_db, gateway):
    received(desk_db)
    gateway.plan = [None, "expire"]  # the second message finds its session gone
    assert drain(desk_db, gateway).sent == 2
    assert len(gateway.accepted) == 2


def test_a_session_expired_again_after_renewal_refuses_nothing(desk_db, gateway):
    received(desk_db)
    gateway.plan = ["expire", "expire"]  # the gateway loses its sessions twice in a row
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.failed, tally.pending) == (0, 0, 2)  # not failed: tried again
    with unit_of_work(desk_db) as session:
        first = session.scalars(select(PortalMessage).order_by(PortalMessage.position)).first()
        assert (first.state, first.error_code) == ("pending", None)
        assert "hết hạn cả sau khi đăng nhập lại" in first.reason
        session.execute(update(PortalMessage).values(next_at=now()))  # the back-off over
        session.commit()
    assert drain(desk_db, gateway).sent == 2


def test_a_refusal_is_kept_with_its_code_and_reason_and_holds_the_dossier_back(desk_db, gateway):
    (code,) = received(desk_db)
    gateway.plan = ["refuse"]
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.failed, tally.pending) == (0, 1, 1)  # its step waits behind it
    assert gateway.accepted == []
    with unit_of_work(desk_db) as session:
        found = status.status_json(status.status(session))
    assert found["failures"] == [
        {
            "code": code,
            "kind": "DongBoHoSoMC",
            "error_code": 12,
            "reason": "Mã TTHC không tồn tại trên Cổng",
            "at": found["failures"][0]["at"],
        }
    ]
    assert (found["pending"], found["sent"], found["failed"]) == (1, 0, 1)


BAD = {
    "5xx": "HTTP 503",
    "html": "trang HTML",
    "notjson": "không phải JSON",
    "huge": "quá dài",
    "unknown": "không có mã lỗi",
    "slow": "quá thời gian chờ",
    "drop": "Mất kết nối",
}


@pytest.mark.parametrize("fault", BAD)
def test_an_answer_that_decides_nothing_marks_nothing_and_says_why(desk_db, gateway, fault):
    received(desk_db)
    gateway.plan = [fault]
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.pending) == (0, 2)  # the first stopped; its step behind it
    with unit_of_work(desk_db) as session:
        first = session.scalars(select(PortalMessage).order_by(PortalMessage.position)).first()
        assert (first.state, first.attempts) == ("pending", 1)
        assert BAD[fault] in first.reason
        session.execute(update(PortalMessage).values(next_at=now()))  # the back-off over
        session.commit()
    assert drain(desk_db, gateway).sent == 2
    assert len(gateway.accepted) == 2  # a reply lost after acceptance: still once


def test_a_certificate_that_does_not_verify_is_refused_unless_its_ca_is_given(desk_db, gateway):
    received(desk_db)
    with pytest.raises(Unreachable, match="--ca"):
        drain(desk_db, gateway, ca=False)
    assert gateway.accepted == [] and states(desk_db) == [("pending", None)] * 2
    assert drain(desk_db, gateway).sent == 2
