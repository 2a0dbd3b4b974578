"""The money adds up, whatever officers do (issue 23): for any sequence of payments,
replacements and exemptions — refused or not — the receipts in force add up to exactly
the money taken, no dossier has paid more than it owes, and the receipt numbers run
1, 2, 3… with no hole and no number twice."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from counter_app.db import unit_of_work
from counter_app.errors import RefusedInput
from counter_app.facts import fees as fold
from counter_app.fees import payments
from counter_app.models import FeeExemption, FeePayment
from tests.conftest import actor_for
from tests.fees_desk import NOW, fee_desk
from tests.unit.test_lifecycle import received

ACTIONS = st.lists(
    st.one_of(
        st.tuples(
            st.just("pay"),
            st.integers(0, 2),
            st.sampled_from(("cash", "transfer", "qr")),
            st.none() | st.integers(-10, 12_000),
        ),
        st.tuples(st.just("replace"), st.integers(0, 30)),
        st.tuples(st.just("exempt"), st.integers(0, 2), st.sampled_from(("ho_ngheo", "x"))),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
def test_receipts_add_up_to_the_money_taken(sessions, actions):
    desk = sessions if getattr(sessions, "_fees", False) else fee_desk(sessions)
    desk._fees = True  # one desk for every example: the numbers run on across them
    codes = received(desk, 3)
    taken = {code: 0 for code in codes}
    for action in actions:
        with unit_of_work(desk, write=True) as session:
            who = actor_for(session)
            try:
                if action[0] == "pay":
                    _, i, method, amount = action
                    done = payments.pay(session, who, codes[i], method, amount, NOW)
                    taken[codes[i]] += done.amount
                elif action[0] == "replace":
                    mine = _receipts(session, codes)
                    if mine:
                        r = mine[action[1] % len(mine)]
                        payments.replace(session, who, r.series, r.number, "Sai", NOW)
                else:
                    payments.exempt(session, who, codes[action[1]], action[2], NOW)
            except RefusedInput:
                session.rollback()
    with unit_of_work(desk, write=True) as session:  # the rows written as each action went
        # are those a pull folds from the events alone (facts/fees.py)
        written = _rows(session)
        fold.refold(session, [payments.dossier_of(session, c).id for c in codes])
        assert _rows(session) == written
    with unit_of_work(desk) as session:
        rows = session.scalars(select(FeePayment)).all()
        assert sorted(r.number for r in rows) == list(range(1, len(rows) + 1))
        for code in codes:
            dossier = payments.dossier_of(session, code)
            owed = payments.owed(session, dossier)
            in_force = [r for r in rows if r.dossier_id == dossier.id and r.replaced_by is None]
            assert sum(r.amount for r in in_force) == owed.paid == taken[code]
            assert owed.paid <= owed.due


def _rows(session):
    payments_ = session.execute(select(FeePayment.__table__).order_by(FeePayment.number)).all()
    exempt = session.execute(select(FeeExemption.__table__).order_by(FeeExemption.dossier_id)).all()
    return [tuple(r) for r in payments_], [tuple(r) for r in exempt]


def _receipts(session, codes):
    ids = [payments.dossier_of(session, c).id for c in codes]
    return session.scalars(
        select(FeePayment).where(FeePayment.dossier_id.in_(ids)).order_by(FeePayment.number)
    ).all()
