"""The national portal's outbox: each event the portal shows writes its two messages, in
its transaction, with the dossier's true status (never folded into 9)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter_app.db import unit_of_work
from counter_app.models import PortalMessage
from counter_app.services.dossiers import lifecycle
from tests.conftest import at
from tests.unit.test_lifecycle import act, received

T1, T2, T3 = (at(f"2026-02-1{d}T09:00+07:00") for d in (6, 7, 8))
W = lifecycle.Action


def messages(sessions, code):
    with unit_of_work(sessions) as session:
        rows = session.scalars(
            select(PortalMessage).where(PortalMessage.code == code).order_by(PortalMessage.position)
        )
        return [(m.service, m.is_update, m.body[0]) for m in rows]


def _handed(s, code):
    act(s, lifecycle.handoff, [code], "TP-HT", None, T1)


def _result(s, code):
    _handed(s, code)
    act(s, lifecycle.result, code, "approved", None, T2)


STEPS = {  # event -> (what is done first, the last action, TrangThaiHoSo)
    "received": (None, lambda s, c: None, 2),
    "handed_over": (None, _handed, 4),
    "supplement_requested": (
        None,
        lambda s, c: act(s, lifecycle.supplement, c, "Giấy khai sinh", None, T1),
        5,
    ),
    "supplement_received": (
        lambda s, c: act(s, lifecycle.supplement, c, "Giấy khai sinh", None, T1),
        lambda s, c: act(s, lifecycle.supplied, c, T2),
        2,
    ),
    "result_back": (None, _result, 9),
    "returned": (
        _result,
        lambda s, c: act(s, lifecycle.return_result, c, receiver="Nguyễn Văn An", now=T3),
        10,
    ),
    "withdrawn": (None, lambda s, c: act(s, lifecycle.close, c, W.WITHDRAW, "Xin rút", T1), 7),
    "stopped": (None, lambda s, c: act(s, lifecycle.close, c, W.STOP, "Thiếu căn cứ", T1), 8),
    "refused": (None, lambda s, c: act(s, lifecycle.close, c, W.REFUSE, "Sai thẩm quyền", T1), 3),
}


@pytest.mark.parametrize("kind", STEPS)
def test_each_event_sends_the_dossier_with_its_true_status_and_its_step(desk_db, kind):
    first, last, status = STEPS[kind]
    (code,) = received(desk_db)
    if first:
        first(desk_db, code)
    last(desk_db, code)
    sent = messages(desk_db, code)
    service, update, body = sent[-2]
    assert (service, body["MaHoSo"], body["TrangThaiHoSo"]) == ("DongBoHoSoMC", code, status)
    assert update is (kind != "received")  # the first is new, the rest updates
    step_service, _, step = sent[-1]
    assert (step_service, step["MaHoSo"], step["TrangThai"]) == (
        "CapNhatTienDoHoSoMC",
        code,
        status,
    )


def test_a_dossiers_messages_keep_its_order_and_notes_send_nothing(desk_db):
    (code,) = received(desk_db)
    _result(desk_db, code)
    statuses = [b["TrangThaiHoSo"] for s, _, b in messages(desk_db, code) if s == "DongBoHoSoMC"]
    assert statuses == [2, 4, 9]


def test_the_dossier_object_carries_the_portals_fields_and_no_address(desk_db):
    (code,) = received(desk_db)
    body = messages(desk_db, code)[0][2]
    assert body["NgayTiepNhan"] == "20260213100000"  # yyyyMMddHHmmss, +07:00
    assert body["KenhThucHien"] == 1 and body["LoaiDoiTuong"] == 1
    assert body["DinhDanhCHS"][0]["LoaiDinhDanh"] in (1, 2)
    assert body["HoSoCoThanhPhanSoHoa"] == 0 and body["TaiLieuNop"] == []
    assert body["MaTTHC"] and body["TenTTHC"]
    assert "address" not in str(body).lower() and "DiaChi" not in body


def test_the_dossier_object_carries_its_fees(sessions):
    """A procedure with a schedule: its items in DanhSachLePhi (phí 1, lệ phí 2; collected
    before: 1); one with the older single figure: one lệ phí collected at return; none:
    an empty list."""
    from tests.fees_desk import fee_desk

    fee_desk(sessions)
    (code,) = received(sessions)
    fees = messages(sessions, code)[0][2]["DanhSachLePhi"]
    assert [(f["TenPhiLePhi"], f["LoaiPhiLePhi"], f["HinhThucThu"], f["Gia"]) for f in fees] == [
        ("Lệ phí đăng ký khai sinh", 2, 1, 8000),
        ("Phí sao lục", 1, 1, 2000),
    ]
    (older,) = received(sessions, 1, procedure="2.000815", documents=[])
    fees = messages(sessions, older)[0][2]["DanhSachLePhi"]
    assert [(f["LoaiPhiLePhi"], f["HinhThucThu"], f["Gia"]) for f in fees] == [(2, 2, 2000)]
