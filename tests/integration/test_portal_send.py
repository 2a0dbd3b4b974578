"""`portal send` against the stand-in for the province's gateway (tests/portal_gateway.py):
the real sender, outbox and database; the gateway is the test's."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.models import PortalMessage
from counter_app.portal import retry, sender, status
from counter_app.portal.gateway import Gateway, Unreachable
from counter_app.services.dossiers import lifecycle
from tests.conftest import actor_for, at
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


def test_a_refusal_is_kept_with_its_code_and_reason_and_holds_nothing_back(desk_db, gateway):
    (code,) = received(desk_db)
    gateway.plan = ["refuse"]
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.failed, tally.pending) == (1, 1, 0)  # its step went on
    assert [b["service"] for b in gateway.accepted] == ["CapNhatTienDoHoSoMC"]
    with unit_of_work(desk_db) as session:
        found = status.status_json(status.status(session))
    assert [
        {k: f[k] for k in ("code", "kind", "error_code", "reason")} for f in found["failures"]
    ] == [
        {
            "code": code,
            "kind": "DongBoHoSoMC",
            "error_code": 12,
            "reason": "Mã TTHC không tồn tại trên Cổng",
        }
    ]
    assert (found["pending"], found["sent"], found["failed"]) == (0, 1, 1)


def dossier_messages(gw, code):
    """(isUpdating, TrangThaiHoSo) of the DongBoHoSoMC the gateway accepted for `code`."""
    return [
        (b["isUpdating"], b["data"][0]["TrangThaiHoSo"])
        for b in gw.accepted
        if b["service"] == "DongBoHoSoMC" and b["data"][0]["MaHoSo"] == code
    ]


def test_after_a_refused_create_the_next_event_sends_the_dossier_whole_as_a_create(
    desk_db, gateway
):
    (code,) = received(desk_db)
    gateway.plan = ["refuse"]  # the reception's DongBoHoSoMC
    drain(desk_db, gateway)
    assert code not in gateway.codes
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T16:00+07:00"))
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.failed, tally.pending) == (2, 0, 0)
    assert dossier_messages(gateway, code) == [("False", 4)]  # a create, as it is now
    assert code in gateway.codes
    act(desk_db, lifecycle.result, code, "approved", None, at("2026-02-23T09:00+07:00"))
    drain(desk_db, gateway)
    assert dossier_messages(gateway, code) == [("False", 4), ("True", 9)]  # then updates


def test_a_refused_step_does_not_hold_the_next_step_back(desk_db, gateway):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T16:00+07:00"))
    gateway.plan = [None, "refuse"]  # the reception's progress row
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.failed, tally.pending) == (3, 1, 0)
    assert [(b["service"], b["isUpdating"]) for b in gateway.accepted] == [
        ("DongBoHoSoMC", "False"),
        ("DongBoHoSoMC", "True"),
        ("CapNhatTienDoHoSoMC", "False"),
    ]
    assert [b["data"][0]["TrangThai"] for b in gateway.accepted[2:]] == [4]


def test_retry_sends_the_refused_message_again_and_the_portal_ends_with_the_dossier(
    desk_db, gateway
):
    (code,) = received(desk_db)
    gateway.plan = ["refuse"]
    drain(desk_db, gateway)
    with unit_of_work(desk_db, write=True) as session:  # the catalog's code corrected, then
        done = retry.retry(session, actor_for(session), now(), code)
    assert (done.pending, done.held) == (1, 0)
    tally = drain(desk_db, gateway)
    assert (tally.sent, tally.failed, tally.pending) == (1, 0, 0)
    assert dossier_messages(gateway, code) == [("False", 2)]
    assert states(desk_db) == [("sent", 0)] * 2


def test_retry_does_not_send_facts_older_than_what_the_portal_has(desk_db, gateway):
    """A refused create after which the next event's create went through: sent again it
    would put the dossier's older status back on the portal. It is held, not sent."""
    (code,) = received(desk_db)
    gateway.plan = ["refuse"]
    drain(desk_db, gateway)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T16:00+07:00"))
    drain(desk_db, gateway)
    with unit_of_work(desk_db, write=True) as session:
        done = retry.retry(session, actor_for(session), now(), None)
    assert (done.pending, done.held) == (0, 1)
    assert drain(desk_db, gateway).sent == 0
    assert dossier_messages(gateway, code) == [("False", 4)]
    with unit_of_work(desk_db) as session:
        assert status.status(session).failures == []


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


def test_the_export_writes_a_dossier_as_a_create_until_one_was_sent(desk_db, gateway, tmp_path):
    """As the sender sends it: the integrator of a gateway without a live endpoint gets the
    dossier whose create was refused as a create with its next event."""
    (refused,) = received(desk_db)
    gateway.plan = ["refuse"]
    drain(desk_db, gateway)
    (sent,) = received(desk_db)
    drain(desk_db, gateway)
    (new,) = received(desk_db)
    act(
        desk_db,
        lifecycle.handoff,
        [refused, sent, new],
        "TP-HT",
        None,
        at("2026-02-13T16:00+07:00"),
    )
    with unit_of_work(desk_db) as session:
        (path,) = status.export(session, tmp_path / "out", None, None)
    written = json.loads(path.read_text(encoding="utf-8"))
    dossiers = [
        (m["data"][0]["MaHoSo"], m["isUpdating"], m["data"][0]["TrangThaiHoSo"])
        for m in written
        if m["service"] == "DongBoHoSoMC"
    ]
    assert dossiers == [
        (new, "False", 2),
        (refused, "False", 4),
        (sent, "True", 4),
        (new, "True", 4),
    ]
