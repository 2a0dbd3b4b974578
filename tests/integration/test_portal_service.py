"""How a claim is given back when a pass stops before the gateway decided."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.models import PortalMessage
from counter_app.portal import outbox, sender
from counter_app.portal.gateway import Gateway, Unreachable
from tests.portal_gateway import AGENCY, PASSWORD, USER, StandInGateway
from tests.unit.test_lifecycle import received

pytestmark = pytest.mark.xdist_group("portal")


@pytest.fixture
def gateway(tmp_path):
    stand_in = StandInGateway(tmp_path)
    yield stand_in
    stand_in.release.set()
    stand_in.down()


def messages(sessions):
    with unit_of_work(sessions) as session:
        rows = session.scalars(select(PortalMessage).order_by(PortalMessage.position))
        return [(m.state, m.attempts, m.next_at, m.reason) for m in rows]


def client(gw):
    return Gateway(gw.url, USER, PASSWORD, AGENCY, str(gw.ca_file), 5)


def test_a_pass_that_cannot_reach_the_gateway_gives_back_its_claim_and_its_attempt(
    desk_db, gateway
):
    received(desk_db)
    gateway.down()
    with pytest.raises(Unreachable):
        sender.drain(desk_db, client(gateway), now, once=True, lease=60, backoff=30)
    (state, attempts, next_at, reason), _ = messages(desk_db)
    assert (state, attempts) == ("pending", 0)  # an outage does not lengthen the back-off
    assert next_at <= now() and "Không kết nối được" in reason


def test_a_claim_given_back_late_leaves_another_senders_claim(desk_db):
    received(desk_db)
    with unit_of_work(desk_db, write=True) as session:
        mine = outbox.claim(session, now(), 60)
        session.execute(update(PortalMessage).values(next_at=now()))  # my claim ran out
    with unit_of_work(desk_db, write=True) as session:
        theirs = outbox.claim(session, now(), 60)
    assert (mine.id, theirs.attempts) == (theirs.id, 2)
    with unit_of_work(desk_db, write=True) as session:
        outbox.release(session, mine, "muộn", now())
    (_, attempts, next_at, reason), _ = messages(desk_db)
    assert (attempts, reason) == (2, None) and next_at > now() + timedelta(seconds=30)


def test_a_send_interrupted_gives_its_claim_back(desk_db, gateway):
    received(desk_db)

    def interrupted(gateway, claimed):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sender.drain(
            desk_db, client(gateway), now, once=True, lease=60, backoff=30, deliver=interrupted
        )
    (state, attempts, next_at, reason), _ = messages(desk_db)
    assert (state, attempts, reason) == ("pending", 1, sender.INTERRUPTED)
    assert next_at <= now()
