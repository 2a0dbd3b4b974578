"""The oldest pending portal message is late after one working day of the agency's
calendar (counter_app/portal/status.py), holidays skipped as weekends are."""

from __future__ import annotations

import pytest

from counter_app.calendar import DEFAULT_HOURS, WorkingCalendar, WorkingHours
from counter_app.portal.status import calendar_of, late
from tests.conftest import at

CALENDAR = WorkingCalendar(WorkingHours.parse(DEFAULT_HOURS))
FRIDAY_BEFORE_TET = at("2026-02-13T16:00:00+07:00")  # Tết: 16–20/02/2026 off


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-02-23T10:00:00+07:00", False),  # ten days later: Tết, then 2.5 working hours
        ("2026-02-23T16:30:00+07:00", True),  # past 16:00, a working day on
        ("2026-02-13T17:00:00+07:00", False),
    ],
)
def test_late_counts_working_time_not_calendar_time(now, expected):
    assert late(FRIDAY_BEFORE_TET, at(now), CALENDAR) is expected


def test_a_database_with_no_agency_yet_has_the_default_working_calendar(sessions):
    from counter_app.db import unit_of_work

    with unit_of_work(sessions) as session:
        found = calendar_of(session, None)
    assert found.hours.as_strings() == [list(p) for p in DEFAULT_HOURS]
