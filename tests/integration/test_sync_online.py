"""An online dossier imported and accepted on one desk reaches the office and the other
desks (issue 21): the server takes the `accepted` event for a received dossier of the
desk's own agency (sync SQL 0020) instead of refusing a kind its state machine lacks."""

from __future__ import annotations

from sqlalchemy import select

from counter_app.clock import local, now
from counter_app.db import unit_of_work
from counter_app.models import Event
from counter_app.portal import inbound
from counter_app.portal.inbound_file import read_portal_dossier
from counter_app.sync.reception import prepare
from tests.integration.test_portal_import_cli import portal_dossier
from tests.integration.test_sync import Desk
from tests.integration.test_sync import office as office  # noqa: F401 - the fixture


def test_an_accepted_online_dossier_syncs_to_another_desk(office, tmp_path):
    first, second = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    lines = [  # the sample catalog's required lines of 1.001193, given without files
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc giấy cam đoan về "
        "việc sinh",
    ]
    number, at = prepare(first.url, now())  # submitted now: today's number from the server
    doc = portal_dossier(
        TaiLieuNop=[{"TenThanhPhanHoSo": name} for name in lines],
        NgayNopHoSo=local(at).strftime("%Y%m%d%H%M%S"),
    )
    online = read_portal_dossier(doc)
    code = first.act(inbound.import_online, online, at, store=None, number=number).code
    first.act(inbound.accept, code, now())
    first.sync()
    second.sync()
    with unit_of_work(first.sessions) as session:
        refused = session.scalars(select(Event.kind).where(Event.server_status == "rejected")).all()
    assert refused == []
    with unit_of_work(second.sessions) as session:
        kinds = session.scalars(select(Event.kind).order_by(Event.server_pos)).all()
    assert "accepted" in kinds
