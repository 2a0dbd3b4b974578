"""The report query layer on the desk's SQLite and on PostgreSQL alike: the hand-worked
Biểu 06 of tests/reports_scenario.py, figures that stay put once a period is closed, and
the on-time rates by every grouping."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.facts import fold as facts
from counter_app.facts import rebuild
from counter_app.models import Agency
from counter_app.reports import bieu06, ontime
from counter_app.reports.model import bieu06_json, ontime_json
from tests import reports_scenario as scenario
from tests.conftest import at


@pytest.fixture
def sessions_any(any_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(any_url)
    migrate(engine)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture
def march(sessions_any: sessionmaker[Session]) -> scenario.Desk:
    return scenario.build(sessions_any)


def report(sessions: sessionmaker[Session], by: str = "field") -> dict:
    with unit_of_work(sessions) as session:
        agency = session.scalars(select(Agency)).one()
        return bieu06_json(bieu06.bieu06(session, agency, scenario.MARCH, by))


def rates(sessions: sessionmaker[Session], by: str) -> dict:
    with unit_of_work(sessions) as session:
        agency = session.scalars(select(Agency)).one()
        return ontime_json(ontime.ontime(session, agency, scenario.MARCH, by))


def test_bieu06_is_the_table_worked_out_by_hand(march):
    data = report(march.sessions)
    got = {row["name"]: scenario.flat(row) for row in [*data["rows"], data["total"]]}
    assert got == scenario.EXPECTED
    assert (data["from"], data["to"], data["by"]) == ("2026-03-01", "2026-03-31", "field")
    assert [row["name"] for row in data["rows"]] == ["Chứng thực", "Hộ tịch", "Khác", "Xây dựng"]


def test_a_closed_period_keeps_its_figures_after_more_work(march):
    before = report(march.sessions), report(march.sessions, "procedure")
    scenario.april(march)  # results, a pause ended, a withdrawal, a reception: all in April
    assert (report(march.sessions), report(march.sessions, "procedure")) == before


def test_by_procedure_splits_the_fields(march):
    data = report(march.sessions, "procedure")
    got = {row["name"]: scenario.flat(row)[:2] for row in data["rows"]}
    assert got == {
        "1.001193 Đăng ký khai sinh": (14, 3),
        "2.000815 Chứng thực bản sao từ bản chính": (2, 0),
        "9.000001 Cấp phép xây dựng": (1, 0),
        "9.000002 Thủ tục không hẹn": (2, 0),
    }
    assert scenario.flat(data["total"]) == scenario.EXPECTED["Tổng số"]


@pytest.mark.parametrize("by", ontime.BY)
def test_on_time_rates_add_up_to_the_forms_resolved_columns(march, by):
    data = rates(march.sessions, by)
    total = data["total"]
    assert (
        total["resolved"],
        total["early"],
        total["on_time"],
        total["late"],
        total["on_time_rate"],
    ) == (12, 2, 7, 3, 75.0)
    assert sum(row["resolved"] for row in data["rows"]) == 12


def test_on_time_by_unit_counts_the_steps_behind_schedule(march):
    # TP-HT's step budget is 8 working hours (480 min): B (26/02 10:00 → 03/03 10:00),
    # E (09/03 → 16/03) and F (16/03 → 23/03) were held longer; U's unit has no budget.
    rows = {row["name"]: row for row in rates(march.sessions, "unit")["rows"]}
    birth = rows["Công chức Tư pháp - Hộ tịch"]
    assert (birth["resolved"], birth["steps"], birth["steps_behind"]) == (3, 3, 3)
    build = rows["Công chức Địa chính - Xây dựng"]
    assert (build["resolved"], build["early"], build["steps"], build["steps_behind"]) == (
        1,
        1,
        1,
        0,
    )
    desk = rows["Bộ phận một cửa (chưa chuyển đơn vị)"]
    assert desk["resolved"] == 8  # C, D, S, J, K, L, Q, R were never handed over


def test_on_time_by_month_follows_the_reporting_cut_off(march):
    # finished 03/03..14/03 belong to the reporting month of March, 15/03..31/03 to April
    rows = {row["name"]: row["resolved"] for row in rates(march.sessions, "month")["rows"]}
    assert rows == {"Tháng 3/2026": 8, "Tháng 4/2026": 4}


def test_rebuilding_from_the_events_gives_the_same_facts(march):
    def snapshot() -> list:
        with unit_of_work(march.sessions) as session:
            return [
                sorted(tuple(r) for r in session.execute(select(t)).all())
                for t in (facts.DOSSIERS, facts.PAUSES, facts.STEPS, facts.COUNTS)
            ]

    kept = snapshot()
    with unit_of_work(march.sessions, write=True) as session:
        assert rebuild.rebuild(session.connection()) == 20  # A to U (no N); V comes in April
    assert snapshot() == kept


def test_a_period_not_over_yet_counts_its_open_dossiers_as_they_stand(sessions_any):
    # Received Mon 02/03 09:00, due Thu 05/03; asked on 03/03 for all of March: it is in
    # progress and within time now, though it would be overdue by 01/04 if nothing came.
    d = scenario.Desk(sessions_any)
    with unit_of_work(sessions_any, write=True) as session:
        from counter_app.services.catalog import catalog
        from tests.conftest import IMPORTED_AT, small_catalog

        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    d.receive("W", scenario.BIRTH, scenario.T("03-02T09:00"))
    with unit_of_work(sessions_any) as session:
        agency = session.scalars(select(Agency)).one()
        now = at(scenario.T("03-03T10:00"))
        counts = bieu06.bieu06(session, agency, scenario.MARCH, "field", now).total.counts
    assert (counts.received, counts.in_progress, counts.within_time, counts.overdue) == (1, 1, 1, 0)
