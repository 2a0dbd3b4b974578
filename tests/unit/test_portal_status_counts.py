"""`portal status` counts each state, overall and in a period: the sent are the period's
rows less those in the other states (counted along their index; bench/portal.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from counter_app.db import unit_of_work
from counter_app.models import PortalMessage
from counter_app.portal import status
from tests.unit.test_lifecycle import received


def test_each_state_is_counted_overall_and_in_a_period(desk_db):
    received(desk_db, 4)  # 8 messages, received 2026-02-13
    wanted = ["sent", "sent", "failed", "pending", "held", "sent", "pending", "sent"]
    with unit_of_work(desk_db, write=True) as session:
        ids = session.scalars(select(PortalMessage.id).order_by(PortalMessage.position)).all()
        for message, state in zip(ids, wanted, strict=True):
            session.execute(
                update(PortalMessage).where(PortalMessage.id == message).values(state=state)
            )
    periods = {
        "overall": (None, None),
        "the day": (date(2026, 2, 13), date(2026, 2, 13)),
        "the day after": (date(2026, 2, 14), date(2026, 2, 20)),
    }
    found = {}
    with unit_of_work(desk_db) as session:
        for name, (first, last) in periods.items():
            s = status.status(session, first, last)
            found[name] = (s.pending, s.sent, s.failed)
    assert found == {"overall": (2, 4, 1), "the day": (2, 4, 1), "the day after": (0, 0, 0)}
