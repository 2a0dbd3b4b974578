"""`init --demo`: a year of a commune's work that looks like one, in every state, with
figures the reports can stand on."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from counter_app.clock import now
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.facts import fold as facts
from counter_app.facts import rebuild
from counter_app.models import Agency, Dossier, Event, ProcedureVersion
from counter_app.reports import bieu06, periods
from counter_app.reports.model import check


def test_a_year_of_work_in_every_state(demo_year_url):
    engine = make_engine(demo_year_url)
    with unit_of_work(session_factory(engine)) as session:
        first = session.scalar(select(func.min(Dossier.received_at)))
        statuses = Counter(
            dict(
                session.execute(select(Dossier.status, func.count()).group_by(Dossier.status)).all()
            )
        )
        channels = {c for (c,) in session.execute(select(Dossier.channel).distinct())}
        fields = session.scalar(
            select(func.count(func.distinct(ProcedureVersion.field))).join(
                Dossier, Dossier.procedure_version_id == ProcedureVersion.id
            )
        )
        kinds = {k for (k,) in session.execute(select(Event.kind).distinct())}
        late = session.scalar(select(func.count()).where(facts.DOSSIERS.c.timeliness == "late"))
    engine.dispose()
    assert first < now() - timedelta(days=350)
    assert 1000 <= sum(statuses.values()) <= 3000
    assert statuses["returned"] > sum(statuses.values()) / 2
    for status in (
        "received",
        "in_progress",
        "supplement_requested",
        "resolved",
        "withdrawn",
        "stopped",
        "refused",
    ):
        assert statuses[status] > 0, status
    assert channels == {"direct", "online", "postal"} and fields >= 8
    assert {
        "handed_over",
        "supplement_requested",
        "supplement_received",
        "extended",
        "result_back",
        "returned",
    } <= kinds
    assert 0 < late < sum(statuses.values()) / 10


def test_every_month_of_the_demo_gives_a_consistent_form(demo_year_url):
    engine = make_engine(demo_year_url)
    with unit_of_work(session_factory(engine)) as session:
        agency = session.scalars(select(Agency)).one()
        months = periods.recent_months(now().date(), 12)
        totals = [check(bieu06.bieu06(session, agency, p)).total.counts for p in months]
        with session.connection().begin_nested():
            before = session.execute(select(facts.DOSSIERS)).all()
            rebuild.rebuild(session.connection())
            assert sorted(session.execute(select(facts.DOSSIERS)).all()) == sorted(before)
    engine.dispose()
    assert all(t.received > 50 for t in totals[:-1])
    assert sum(t.early + t.on_time for t in totals) / sum(t.resolved for t in totals) * 100 > 90
