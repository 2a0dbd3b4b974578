"""Appointment dates (docs/calendar.md) as the receipt would print them.

Every instant below is written by hand as "Www YYYY-MM-DD HH:MM[:SS]" in local time (+07:00);
`at()` checks the weekday written matches the date, so a typo in a table fails loudly instead
of silently testing something else. Expected values are computed by hand (arithmetic in the
comments), never with the code under test.

Vietnamese calendar facts used (checked against holidays 0.109, and asserted below through
`is_working_day`):
  2026-01-01 Thu; 2026-02-16..20 Mon–Fri lunar New Year; 2026-04-26 Sun Hùng Kings +
  2026-04-27 Mon observed; 2026-04-30 Thu; 2026-05-01 Fri; 2026-08-31 Mon substituted day off
  with make-up working Saturday 2026-08-22; 2026-09-01 Tue / 09-02 Wed; 2026-11-24 Tue;
  2027-02-04 Thu..02-10 Wed Tết; 2025-04-26 Sat make-up working day (for 2025-05-02 Fri).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from counter_app import calendar as calendar_module
from counter_app.calendar import (
    DEFAULT_HOURS,
    Duration,
    DurationUnit,
    Timeliness,
    WorkingCalendar,
    WorkingHours,
    duration_text,
    parse_clock,
    timeliness,
)
from counter_app.clock import parse
from counter_app.errors import ValidationError

SEVEN_HOURS = timedelta(hours=7)
CUSTOM_HOURS = [["08:00", "12:00"], ["13:00", "16:30"]]


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def at(text: str) -> datetime:
    """'Fri 2026-02-13 10:00' → aware local datetime; the weekday must match the date."""
    weekday, rest = text.split(" ", 1)
    value = parse(rest)
    assert value.strftime("%a") == weekday, f"{text!r}: that date is a {value:%a}"
    return value


def day(text: str) -> date:
    """'Sat 2026-08-22' → date; the weekday must match."""
    return at(text + " 00:00").date()


def shown(value: datetime | None) -> str | None:
    """How the appointment reads: 'Wed 2026-02-25 17:00' (seconds only when not zero)."""
    if value is None:
        return None
    assert value.utcoffset() == SEVEN_HOURS, f"{value!r} is not in local time (+07:00)"
    text = value.strftime("%a %Y-%m-%d %H:%M")
    if value.second or value.microsecond:
        text += value.strftime(":%S")
    return text


def cal(
    hours=DEFAULT_HOURS,
    days_off: tuple[str, ...] = (),
    working_days: tuple[str, ...] = (),
) -> WorkingCalendar:
    return WorkingCalendar(
        WorkingHours.parse(hours),
        days_off=[day(d) for d in days_off],
        working_days=[day(d) for d in working_days],
    )


def appointment(
    calendar: WorkingCalendar,
    received: str,
    duration: Duration,
    cutoff: str | None = None,
) -> str | None:
    """The printed appointment for a dossier received at `received`."""
    effective = calendar.effective_receipt(at(received), parse_clock(cutoff) if cutoff else None)
    return shown(calendar.due(duration, effective))


WD = DurationUnit.WORKING_DAY
WH = DurationUnit.WORKING_HOUR
CD = DurationUnit.CALENDAR_DAY


# --------------------------------------------------------------------------------------------
# the worked examples of the spec, exactly
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "cutoff", "received", "due"),
    [
        pytest.param(
            Duration(WD, 3),
            None,
            "Fri 2026-02-13 10:00",
            "Wed 2026-02-25 17:00",
            id="3-working-days-over-lunar-new-year",
        ),
        pytest.param(
            Duration(DurationUnit.SAME_DAY),
            "15:00",
            "Thu 2026-04-23 15:00",
            "Thu 2026-04-23 17:00",
            id="same-day-received-at-cutoff",
        ),
        pytest.param(
            Duration(DurationUnit.SAME_DAY),
            "15:00",
            "Thu 2026-04-23 15:01",
            "Fri 2026-04-24 17:00",
            id="same-day-received-after-cutoff",
        ),
        pytest.param(
            Duration(WH, 4),
            None,
            "Mon 2026-03-02 16:00",
            "Tue 2026-03-03 10:30",
            id="4-working-hours-over-night",
        ),
    ],
)
def test_spec_worked_examples(duration, cutoff, received, due):
    assert appointment(cal(), received, duration, cutoff) == due


# --------------------------------------------------------------------------------------------
# the working calendar
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("the_day", "working"),
    [
        pytest.param("Wed 2026-03-11", True, id="ordinary-wednesday"),
        pytest.param("Sat 2026-03-07", False, id="ordinary-saturday"),
        pytest.param("Sun 2026-03-08", False, id="ordinary-sunday"),
        pytest.param("Thu 2026-01-01", False, id="new-year"),
        pytest.param("Fri 2026-02-13", True, id="friday-before-tet"),
        pytest.param("Mon 2026-02-16", False, id="tet-2026-first-day"),
        pytest.param("Fri 2026-02-20", False, id="tet-2026-last-day"),
        pytest.param("Mon 2026-02-23", True, id="monday-after-tet-2026"),
        pytest.param("Mon 2026-04-27", False, id="hung-kings-observed-monday"),
        pytest.param("Thu 2026-04-30", False, id="reunification-day"),
        pytest.param("Fri 2026-05-01", False, id="labour-day"),
        pytest.param("Sat 2026-08-22", True, id="make-up-saturday-2026"),
        pytest.param("Mon 2026-08-31", False, id="substituted-day-off-2026"),
        pytest.param("Tue 2026-09-01", False, id="national-day-1"),
        pytest.param("Wed 2026-09-02", False, id="national-day-2"),
        pytest.param("Tue 2026-11-24", False, id="vietnam-cultural-day"),
        pytest.param("Sat 2025-04-26", True, id="make-up-saturday-2025"),
        pytest.param("Fri 2025-05-02", False, id="substituted-day-off-2025"),
        pytest.param("Wed 2027-02-10", False, id="tet-2027-last-day"),
        pytest.param("Thu 2027-02-11", True, id="thursday-after-tet-2027"),
    ],
)
def test_package_calendar(the_day, working):
    assert cal().is_working_day(day(the_day)) is working


def test_make_up_saturday_known_even_when_it_is_the_first_question_of_its_year():
    # The package fills its weekend workdays per year, lazily. Start from a fresh package
    # calendar and ask about the make-up Saturday before anything else of 2025.
    calendar_module._vietnam.cache_clear()
    assert cal().is_working_day(day("Sat 2025-04-26")) is True


@pytest.mark.parametrize(
    ("days_off", "working_days", "the_day", "working"),
    [
        pytest.param(
            (), ("Sat 2026-03-07",), "Sat 2026-03-07", True, id="declared-working-saturday"
        ),
        pytest.param(
            ("Wed 2026-03-11",), (), "Wed 2026-03-11", False, id="declared-day-off-wednesday"
        ),
        pytest.param(
            (),
            ("Tue 2026-11-24",),
            "Tue 2026-11-24",
            True,
            id="declared-working-day-beats-package-holiday",
        ),
        pytest.param(
            ("Sat 2026-08-22",),
            (),
            "Sat 2026-08-22",
            False,
            id="declared-day-off-beats-package-make-up-saturday",
        ),
        pytest.param(
            ("Wed 2026-03-11",),
            (),
            "Thu 2026-03-12",
            True,
            id="declared-day-off-touches-no-other-day",
        ),
    ],
)
def test_agency_declared_days(days_off, working_days, the_day, working):
    calendar = cal(days_off=days_off, working_days=working_days)
    assert calendar.is_working_day(day(the_day)) is working


@pytest.mark.parametrize(
    ("days_off", "working_days", "received", "days", "due"),
    [
        # Fri 21 → 1st working day is the make-up Saturday 22.
        pytest.param(
            (),
            (),
            "Fri 2026-08-21 10:00",
            1,
            "Sat 2026-08-22 17:00",
            id="package-make-up-saturday-counts",
        ),
        pytest.param(
            (),
            (),
            "Fri 2025-04-25 10:00",
            1,
            "Sat 2025-04-26 17:00",
            id="package-make-up-saturday-2025-counts",
        ),
        # Fri 28 → Mon 31 off, Tue 1 and Wed 2 Sep off → Thu 3.
        pytest.param(
            (),
            (),
            "Fri 2026-08-28 10:00",
            1,
            "Thu 2026-09-03 17:00",
            id="substituted-day-off-and-national-day-skipped",
        ),
        pytest.param(
            (),
            (),
            "Fri 2026-03-06 10:00",
            1,
            "Mon 2026-03-09 17:00",
            id="ordinary-saturday-skipped",
        ),
        pytest.param(
            (),
            ("Sat 2026-03-07",),
            "Fri 2026-03-06 10:00",
            1,
            "Sat 2026-03-07 17:00",
            id="declared-working-saturday-counts",
        ),
        # Mon 9 → Tue 10 (1), Wed 11 (2), Thu 12 (3).
        pytest.param(
            (), (), "Mon 2026-03-09 10:00", 3, "Thu 2026-03-12 17:00", id="without-declared-day-off"
        ),
        # Mon 9 → Tue 10 (1), Wed 11 off, Thu 12 (2), Fri 13 (3): one day later.
        pytest.param(
            ("Wed 2026-03-11",),
            (),
            "Mon 2026-03-09 10:00",
            3,
            "Fri 2026-03-13 17:00",
            id="declared-day-off-shifts-by-one-day",
        ),
        # Mon 23 Nov → Tue 24 is Vietnam Cultural Day → Wed 25; declared working → Tue 24.
        pytest.param(
            (), (), "Mon 2026-11-23 10:00", 1, "Wed 2026-11-25 17:00", id="package-holiday-skipped"
        ),
        pytest.param(
            (),
            ("Tue 2026-11-24",),
            "Mon 2026-11-23 10:00",
            1,
            "Tue 2026-11-24 17:00",
            id="declared-working-day-wins-over-holiday",
        ),
    ],
)
def test_declared_and_package_days_move_the_appointment(
    days_off, working_days, received, days, due
):
    calendar = cal(days_off=days_off, working_days=working_days)
    assert appointment(calendar, received, Duration(WD, days)) == due


# --------------------------------------------------------------------------------------------
# the effective receipt time
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "cutoff", "effective"),
    [
        pytest.param("Mon 2026-03-02 06:45", None, "Mon 2026-03-02 07:30", id="before-opening"),
        pytest.param(
            "Mon 2026-03-02 06:45", "15:00", "Mon 2026-03-02 07:30", id="before-opening-with-cutoff"
        ),
        pytest.param("Mon 2026-03-02 07:30", None, "Mon 2026-03-02 07:30", id="exactly-at-opening"),
        pytest.param("Mon 2026-03-02 09:17", None, "Mon 2026-03-02 09:17", id="morning-is-kept"),
        pytest.param(
            "Mon 2026-03-02 11:30", None, "Mon 2026-03-02 11:30", id="exactly-at-end-of-morning"
        ),
        pytest.param(
            "Mon 2026-03-02 11:30:01", None, "Mon 2026-03-02 13:30", id="just-after-end-of-morning"
        ),
        pytest.param("Mon 2026-03-02 12:00", None, "Mon 2026-03-02 13:30", id="during-lunch"),
        pytest.param(
            "Mon 2026-03-02 13:30", None, "Mon 2026-03-02 13:30", id="exactly-at-afternoon-start"
        ),
        pytest.param(
            "Mon 2026-03-02 15:00:00", "15:00", "Mon 2026-03-02 15:00", id="exactly-at-cutoff"
        ),
        pytest.param(
            "Mon 2026-03-02 15:00:01", "15:00", "Tue 2026-03-03 07:30", id="one-second-after-cutoff"
        ),
        pytest.param(
            "Mon 2026-03-02 16:59", None, "Mon 2026-03-02 16:59", id="no-cutoff-late-afternoon"
        ),
        pytest.param(
            "Mon 2026-03-02 16:59",
            "15:00",
            "Tue 2026-03-03 07:30",
            id="late-afternoon-after-cutoff",
        ),
        pytest.param("Mon 2026-03-02 17:00", None, "Mon 2026-03-02 17:00", id="exactly-at-closing"),
        pytest.param("Mon 2026-03-02 17:30", None, "Tue 2026-03-03 07:30", id="after-closing"),
        pytest.param(
            "Fri 2026-03-06 17:30", None, "Mon 2026-03-09 07:30", id="friday-after-closing"
        ),
        pytest.param("Sat 2026-03-07 09:00", None, "Mon 2026-03-09 07:30", id="on-saturday"),
        pytest.param(
            "Sun 2026-03-08 06:00", None, "Mon 2026-03-09 07:30", id="on-sunday-before-opening"
        ),
        pytest.param("Thu 2026-04-30 09:00", None, "Mon 2026-05-04 07:30", id="on-holiday"),
        pytest.param(
            "Thu 2026-04-30 06:00", None, "Mon 2026-05-04 07:30", id="on-holiday-before-opening"
        ),
        # Sat 25 ordinary, Sun 26 Hùng Kings, Mon 27 observed → Tue 28.
        pytest.param(
            "Sat 2026-04-25 10:00", None, "Tue 2026-04-28 07:30", id="weekend-then-observed-holiday"
        ),
        pytest.param(
            "Fri 2026-02-13 16:00", "15:00", "Mon 2026-02-23 07:30", id="eve-of-tet-after-cutoff"
        ),
        pytest.param(
            "Fri 2026-02-13 17:30", None, "Mon 2026-02-23 07:30", id="eve-of-tet-after-closing"
        ),
        pytest.param(
            "Sat 2026-08-22 10:00", "15:00", "Sat 2026-08-22 10:00", id="on-make-up-saturday"
        ),
    ],
)
def test_effective_receipt(received, cutoff, effective):
    calendar = cal()
    result = calendar.effective_receipt(at(received), parse_clock(cutoff) if cutoff else None)
    assert shown(result) == effective


@pytest.mark.parametrize(
    ("received", "effective"),
    [
        # 03:00 UTC = 10:00 local, a Monday morning.
        pytest.param(
            datetime(2026, 3, 2, 3, 0, tzinfo=UTC),
            "Mon 2026-03-02 10:00",
            id="utc-instant-shown-in-local-time",
        ),
        # 23:30 UTC on Sunday = 06:30 local on Monday: before opening, not "on a Sunday".
        pytest.param(
            datetime.fromisoformat("2026-03-08T23:30:00+00:00"),
            "Mon 2026-03-09 07:30",
            id="utc-sunday-night-is-local-monday-morning",
        ),
        # A naive value is local time.
        pytest.param(datetime(2026, 3, 2, 12, 15), "Mon 2026-03-02 13:30", id="naive-is-local"),
    ],
)
def test_effective_receipt_uses_local_time(received, effective):
    assert shown(cal().effective_receipt(received, None)) == effective


@pytest.mark.parametrize(
    ("received", "cutoff", "due"),
    [
        # Cut-off passed: clock starts Mon 23 → Tue 24 (1), Wed 25 (2), Thu 26 (3).
        pytest.param(
            "Fri 2026-02-13 16:00",
            "15:00",
            "Thu 2026-02-26 17:00",
            id="after-cutoff-counts-from-monday-after-tet",
        ),
        # No cut-off: clock starts Fri 13 16:00 → Mon 23 (1), Tue 24 (2), Wed 25 (3).
        pytest.param(
            "Fri 2026-02-13 16:00", None, "Wed 2026-02-25 17:00", id="no-cutoff-counts-from-friday"
        ),
    ],
)
def test_eve_of_tet_three_working_days(received, cutoff, due):
    assert appointment(cal(), received, Duration(WD, 3), cutoff) == due


# --------------------------------------------------------------------------------------------
# durations
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Receipt day not counted: Mon 2 → Tue 3.
        pytest.param("Mon 2026-03-02 10:00", 1, "Tue 2026-03-03 17:00", id="1-day-next-day"),
        # Received before opening: effective day is that Monday, still not counted.
        pytest.param(
            "Mon 2026-03-02 06:45", 1, "Tue 2026-03-03 17:00", id="1-day-received-before-opening"
        ),
        # After closing: effective Tue 3 07:30 → Wed 4.
        pytest.param(
            "Mon 2026-03-02 17:30", 1, "Wed 2026-03-04 17:00", id="1-day-received-after-closing"
        ),
        # Thu 5 → Fri 6 (1), Mon 9 (2), Tue 10 (3).
        pytest.param("Thu 2026-03-05 10:00", 3, "Tue 2026-03-10 17:00", id="3-days-over-weekend"),
        # Saturday → effective Mon 9 → Tue 10 (1), Wed 11 (2).
        pytest.param(
            "Sat 2026-03-07 10:00", 2, "Wed 2026-03-11 17:00", id="2-days-received-on-saturday"
        ),
        # Mon 2 → Tue 3, Wed 4, Thu 5, Fri 6, Mon 9, Tue 10, Wed 11, Thu 12, Fri 13, Mon 16.
        pytest.param("Mon 2026-03-02 10:00", 10, "Mon 2026-03-16 17:00", id="10-days"),
        # Thu 23 Apr → Fri 24 (1), [25 Sat, 26 Sun, 27 obs], Tue 28 (2), Wed 29 (3).
        pytest.param(
            "Thu 2026-04-23 10:00", 3, "Wed 2026-04-29 17:00", id="3-days-over-hung-kings"
        ),
        # Wed 29 Apr → [30 Thu, 1 Fri, 2 Sat, 3 Sun] → Mon 4 May.
        pytest.param(
            "Wed 2026-04-29 10:00", 1, "Mon 2026-05-04 17:00", id="1-day-over-april-30-and-may-1"
        ),
        # Wed 3 Feb 2027 → [Thu 4 .. Wed 10 Tết] → Thu 11 (1), Fri 12 (2).
        pytest.param("Wed 2027-02-03 10:00", 2, "Fri 2027-02-12 17:00", id="2-days-over-tet-2027"),
    ],
)
def test_working_days(received, days, due):
    assert appointment(cal(), received, Duration(WD, days)) == due


@pytest.mark.parametrize(
    ("received", "cutoff", "due"),
    [
        pytest.param("Thu 2026-04-23 10:00", None, "Thu 2026-04-23 17:00", id="morning"),
        pytest.param("Thu 2026-04-23 12:00", "15:00", "Thu 2026-04-23 17:00", id="lunch"),
        pytest.param("Thu 2026-04-23 17:30", None, "Fri 2026-04-24 17:00", id="after-closing"),
        pytest.param(
            "Sat 2026-04-25 10:00",
            None,
            "Tue 2026-04-28 17:00",
            id="saturday-before-observed-holiday",
        ),
        pytest.param("Sat 2026-08-22 10:00", None, "Sat 2026-08-22 17:00", id="make-up-saturday"),
    ],
)
def test_same_day(received, cutoff, due):
    assert appointment(cal(), received, Duration(DurationUnit.SAME_DAY), cutoff) == due


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Thu 5 + 1 = Fri 6, a working day.
        pytest.param("Thu 2026-03-05 10:00", 1, "Fri 2026-03-06 17:00", id="lands-on-friday"),
        # Mon 2 + 2 = Wed 4.
        pytest.param("Mon 2026-03-02 10:00", 2, "Wed 2026-03-04 17:00", id="lands-on-wednesday"),
        # Mon 2 + 5 = Sat 7 → next working day Mon 9.
        pytest.param("Mon 2026-03-02 10:00", 5, "Mon 2026-03-09 17:00", id="lands-on-saturday"),
        # Mon 2 + 6 = Sun 8 → Mon 9.
        pytest.param("Mon 2026-03-02 10:00", 6, "Mon 2026-03-09 17:00", id="lands-on-sunday"),
        # Tue 28 Apr + 2 = Thu 30 (holiday) → Fri 1 (holiday), weekend → Mon 4 May.
        pytest.param("Tue 2026-04-28 10:00", 2, "Mon 2026-05-04 17:00", id="lands-on-holiday"),
        # Thu 20 Aug + 2 = Sat 22, the make-up working Saturday: it stays.
        pytest.param(
            "Thu 2026-08-20 10:00", 2, "Sat 2026-08-22 17:00", id="lands-on-make-up-saturday"
        ),
        # Received Sat 7 → effective Mon 9; + 3 = Thu 12.
        pytest.param(
            "Sat 2026-03-07 10:00", 3, "Thu 2026-03-12 17:00", id="counts-from-effective-day"
        ),
        # Fri 13 Feb + 7 = Fri 20 (Tết) → weekend → Mon 23.
        pytest.param("Fri 2026-02-13 10:00", 7, "Mon 2026-02-23 17:00", id="lands-in-tet"),
    ],
)
def test_calendar_days(received, days, due):
    assert appointment(cal(), received, Duration(CD, days)) == due


def test_none_gives_no_appointment():
    assert appointment(cal(), "Mon 2026-03-02 10:00", Duration(DurationUnit.NONE)) is None


@pytest.mark.parametrize(
    ("received", "hours", "due"),
    [
        # 11:00 → 30 min to 11:30, 30 min from 13:30 → 14:00.
        pytest.param("Mon 2026-03-02 11:00", 1, "Mon 2026-03-02 14:00", id="over-lunch"),
        # Received during lunch: clock starts 13:30 → 14:30.
        pytest.param("Mon 2026-03-02 12:00", 1, "Mon 2026-03-02 14:30", id="received-during-lunch"),
        # 16:30 → 30 min to 17:00, 90 min from Tue 07:30 → 09:00.
        pytest.param("Mon 2026-03-02 16:30", 2, "Tue 2026-03-03 09:00", id="over-a-night"),
        # Fri 16:00 → 60 min, then Mon 07:30 + 60 → 08:30.
        pytest.param("Fri 2026-03-06 16:00", 2, "Mon 2026-03-09 08:30", id="over-a-weekend"),
        # Wed 29 Apr 16:00 → 60 min; Thu 30, Fri 1, Sat, Sun off; Mon 4 May 07:30 + 120 → 09:30.
        pytest.param("Wed 2026-04-29 16:00", 3, "Mon 2026-05-04 09:30", id="over-holidays"),
        # Fri 13 Feb 16:00 → 60; Mon 23: morning 240 (300 done), afternoon 13:30 + 180 → 16:30.
        pytest.param("Fri 2026-02-13 16:00", 8, "Mon 2026-02-23 16:30", id="over-tet"),
        # 07:30 + 4 h = 11:30 exactly: must not move to 13:30.
        pytest.param(
            "Mon 2026-03-02 07:30", 4, "Mon 2026-03-02 11:30", id="ends-exactly-at-end-of-morning"
        ),
        # 14:00 + 3 h = 17:00 exactly: must not move to the next morning.
        pytest.param(
            "Mon 2026-03-02 14:00", 3, "Mon 2026-03-02 17:00", id="ends-exactly-at-closing"
        ),
        # Received 06:45 → 07:30; 7.5 h a day: 450 min Mon, 30 min Tue → 08:00.
        pytest.param(
            "Mon 2026-03-02 06:45", 8, "Tue 2026-03-03 08:00", id="full-day-and-a-half-hour"
        ),
        # Received exactly at 11:30: morning is spent; 13:30 + 60 → 14:30.
        pytest.param(
            "Mon 2026-03-02 11:30", 1, "Mon 2026-03-02 14:30", id="received-at-end-of-morning"
        ),
        # Received 17:30 → Tue 07:30 + 60 → 08:30.
        pytest.param(
            "Mon 2026-03-02 17:30", 1, "Tue 2026-03-03 08:30", id="received-after-closing"
        ),
        # Fri 21 Aug 16:00 → 60; Sat 22 is a make-up working day → 07:30 + 60 → 08:30.
        pytest.param("Fri 2026-08-21 16:00", 2, "Sat 2026-08-22 08:30", id="into-make-up-saturday"),
    ],
)
def test_working_hours(received, hours, due):
    assert appointment(cal(), received, Duration(WH, hours)) == due


# --------------------------------------------------------------------------------------------
# custom agency working hours 08:00–12:00, 13:00–16:30
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "effective"),
    [
        pytest.param("Mon 2026-03-02 07:45", "Mon 2026-03-02 08:00", id="before-custom-opening"),
        pytest.param(
            "Mon 2026-03-02 11:45", "Mon 2026-03-02 11:45", id="still-morning-under-custom-hours"
        ),
        pytest.param("Mon 2026-03-02 12:30", "Mon 2026-03-02 13:00", id="during-custom-lunch"),
        pytest.param("Mon 2026-03-02 16:30", "Mon 2026-03-02 16:30", id="at-custom-closing"),
        pytest.param("Mon 2026-03-02 16:45", "Tue 2026-03-03 08:00", id="after-custom-closing"),
        pytest.param("Sat 2026-03-07 09:00", "Mon 2026-03-09 08:00", id="saturday-custom-opening"),
    ],
)
def test_custom_hours_effective_receipt(received, effective):
    calendar = cal(hours=CUSTOM_HOURS)
    assert shown(calendar.effective_receipt(at(received), None)) == effective


@pytest.mark.parametrize(
    ("received", "duration", "due"),
    [
        pytest.param(
            "Mon 2026-03-02 10:00",
            Duration(DurationUnit.SAME_DAY),
            "Mon 2026-03-02 16:30",
            id="same-day-custom-closing",
        ),
        pytest.param(
            "Mon 2026-03-02 10:00",
            Duration(WD, 1),
            "Tue 2026-03-03 16:30",
            id="working-day-custom-closing",
        ),
        pytest.param(
            "Mon 2026-03-02 10:00",
            Duration(CD, 5),
            "Mon 2026-03-09 16:30",
            id="calendar-day-custom-closing",
        ),
        # 15:00 → 90 min to 16:30; Tue 08:00 + 150 → 10:30.
        pytest.param(
            "Mon 2026-03-02 15:00",
            Duration(WH, 4),
            "Tue 2026-03-03 10:30",
            id="working-hours-custom-night",
        ),
        # 11:30 → 30 min to 12:00; 13:00 + 30 → 13:30.
        pytest.param(
            "Mon 2026-03-02 11:30",
            Duration(WH, 1),
            "Mon 2026-03-02 13:30",
            id="working-hours-custom-lunch",
        ),
        # 08:00 + 4 h = 12:00 exactly.
        pytest.param(
            "Mon 2026-03-02 08:00",
            Duration(WH, 4),
            "Mon 2026-03-02 12:00",
            id="working-hours-ends-at-custom-end-of-morning",
        ),
    ],
)
def test_custom_hours_appointment(received, duration, due):
    assert appointment(cal(hours=CUSTOM_HOURS), received, duration) == due


def test_custom_hours_read_back():
    hours = WorkingHours.parse(CUSTOM_HOURS)
    assert (hours.opening, hours.closing) == (time(8, 0), time(16, 30))
    assert hours.as_strings() == CUSTOM_HOURS


# --------------------------------------------------------------------------------------------
# pause and resume
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        # 11:00–11:30 (30) + 13:30–14:00 (30).
        pytest.param("Mon 2026-03-02 11:00", "Mon 2026-03-02 14:00", 60, id="across-lunch"),
        # Entirely within lunch.
        pytest.param("Mon 2026-03-02 11:45", "Mon 2026-03-02 13:15", 0, id="within-lunch"),
        # 16:00–17:00 (60) + 07:30–08:00 (30).
        pytest.param("Mon 2026-03-02 16:00", "Tue 2026-03-03 08:00", 90, id="across-a-night"),
        # Fri 16:00–17:00 (60) + Mon 07:30–08:00 (30).
        pytest.param("Fri 2026-03-06 16:00", "Mon 2026-03-09 08:00", 90, id="across-a-weekend"),
        # Wed 29 Apr 16:00–17:00 (60) + Mon 4 May 07:30–08:00 (30); 30 Apr–3 May off.
        pytest.param("Wed 2026-04-29 16:00", "Mon 2026-05-04 08:00", 90, id="across-holidays"),
        # A full day: 240 + 210.
        pytest.param("Mon 2026-03-02 07:00", "Mon 2026-03-02 18:00", 450, id="whole-day"),
        # Mon 09:05–11:30 (145) + 13:30–17:00 (210) + Tue 07:30–09:05 (95) = 450.
        pytest.param("Mon 2026-03-09 09:05", "Tue 2026-03-10 09:05", 450, id="one-working-day"),
        pytest.param("Sat 2026-03-07 09:00", "Sun 2026-03-08 16:00", 0, id="weekend-only"),
        pytest.param("Tue 2026-03-03 10:00", "Mon 2026-03-02 10:00", 0, id="end-before-start"),
        # Make-up Saturday counts: Fri 16:00–17:00 (60) + Sat 07:30–08:00 (30).
        pytest.param(
            "Fri 2026-08-21 16:00", "Sat 2026-08-22 08:00", 90, id="across-make-up-saturday"
        ),
    ],
)
def test_working_minutes_between(start, end, minutes):
    assert cal().working_minutes_between(at(start), at(end)) == minutes


@pytest.mark.parametrize(
    ("due", "paused", "resumed", "new_due"),
    [
        # Paused Mon 09:05 → resumed Tue 09:05 = 145 + 210 + 95 = 450 min (one working day).
        # Fri 16:20 + 450: Fri 16:20–17:00 (40, 410 left), Mon morning (240, 170 left),
        # Mon 13:30 + 170 = 16:20.
        pytest.param(
            "Fri 2026-03-13 16:20",
            "Mon 2026-03-09 09:05",
            "Tue 2026-03-10 09:05",
            "Mon 2026-03-16 16:20",
            id="one-working-day-keeps-minute",
        ),
        # Paused Mon 10:15 → Wed 10:15 = 2 × 450 = 900 min.
        # Fri 10:15 + 900: Fri 75 + 210 = 285 (615 left), Mon 16 450 (165 left),
        # Tue 17 07:30 + 165 = 10:15.
        pytest.param(
            "Fri 2026-03-13 10:15",
            "Mon 2026-03-09 10:15",
            "Wed 2026-03-11 10:15",
            "Tue 2026-03-17 10:15",
            id="two-working-days-keeps-minute",
        ),
        # Paused over a weekend only: 0 min → unchanged.
        pytest.param(
            "Wed 2026-03-11 17:00",
            "Sat 2026-03-07 09:00",
            "Sun 2026-03-08 16:00",
            "Wed 2026-03-11 17:00",
            id="pause-on-weekend-only",
        ),
        # Paused Fri 13 Feb 10:00 → Mon 23 10:00: 90 + 210 + 150 = 450 (Tết skipped).
        # Wed 25 17:00 + 450 → Thu 26 240 + 210 → 17:00.
        pytest.param(
            "Wed 2026-02-25 17:00",
            "Fri 2026-02-13 10:00",
            "Mon 2026-02-23 10:00",
            "Thu 2026-02-26 17:00",
            id="pause-across-tet",
        ),
        # Paused Mon 20 Apr 10:00 → Tue 21 10:00 = 450.
        # Wed 29 10:00 + 450: Wed 90 + 210 = 300 (150 left); 30 Apr–3 May off;
        # Mon 4 May 07:30 + 150 = 10:00.
        pytest.param(
            "Wed 2026-04-29 10:00",
            "Mon 2026-04-20 10:00",
            "Tue 2026-04-21 10:00",
            "Mon 2026-05-04 10:00",
            id="moved-over-holidays",
        ),
        # Paused Mon 16:00 → Tue 08:00 = 60 + 30 = 90 min.
        # Fri 17:00 + 90: Mon 07:30 + 90 = 09:00.
        pytest.param(
            "Fri 2026-03-13 17:00",
            "Mon 2026-03-09 16:00",
            "Tue 2026-03-10 08:00",
            "Mon 2026-03-16 09:00",
            id="ninety-minutes-over-a-night",
        ),
        # Paused Mon 11:00 → 14:00 = 60 min. Thu 11:00 + 60: 30 to 11:30, 13:30 + 30 = 14:00.
        pytest.param(
            "Thu 2026-03-12 11:00",
            "Mon 2026-03-09 11:00",
            "Mon 2026-03-09 14:00",
            "Thu 2026-03-12 14:00",
            id="one-hour-over-lunch",
        ),
    ],
)
def test_resume(due, paused, resumed, new_due):
    assert shown(cal().resume(at(due), at(paused), at(resumed))) == new_due


def test_resume_without_appointment_stays_without():
    calendar = cal()
    assert calendar.resume(None, at("Mon 2026-03-09 09:05"), at("Tue 2026-03-10 09:05")) is None


def test_resume_with_declared_day_off_in_the_pause():
    # Wed 11 declared off: paused Tue 10 09:05 → Thu 12 09:05 = 450 (Tue part 355 + Thu 95).
    # Fri 13 16:20 + 450 → Mon 16 16:20.
    calendar = cal(days_off=("Wed 2026-03-11",))
    new_due = calendar.resume(
        at("Fri 2026-03-13 16:20"), at("Tue 2026-03-10 09:05"), at("Thu 2026-03-12 09:05")
    )
    assert shown(new_due) == "Mon 2026-03-16 16:20"


# --------------------------------------------------------------------------------------------
# timeliness
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("resolved", "due", "expected"),
    [
        pytest.param(
            "Tue 2026-02-24 16:00",
            "Wed 2026-02-25 17:00",
            Timeliness.EARLY,
            id="day-before-is-early",
        ),
        pytest.param(
            "Mon 2026-02-23 07:45",
            "Wed 2026-02-25 17:00",
            Timeliness.EARLY,
            id="days-before-is-early",
        ),
        pytest.param(
            "Wed 2026-02-25 08:00",
            "Wed 2026-02-25 17:00",
            Timeliness.ON_TIME,
            id="same-day-earlier-is-on-time",
        ),
        pytest.param(
            "Wed 2026-02-25 17:45",
            "Wed 2026-02-25 17:00",
            Timeliness.ON_TIME,
            id="same-day-later-is-on-time",
        ),
        pytest.param(
            "Wed 2026-02-25 10:00",
            "Wed 2026-02-25 10:30",
            Timeliness.ON_TIME,
            id="same-day-hour-appointment",
        ),
        pytest.param(
            "Thu 2026-02-26 07:30", "Wed 2026-02-25 17:00", Timeliness.LATE, id="day-after-is-late"
        ),
    ],
)
def test_timeliness(resolved, due, expected):
    assert timeliness(at(resolved), at(due)) == expected


@pytest.mark.parametrize(
    ("resolved", "expected"),
    [
        # 18:00 UTC on the 25th = 01:00 local on Thu 26: the day after.
        pytest.param("2026-02-25T18:00:00+00:00", Timeliness.LATE, id="utc-evening-is-next-day"),
        # 17:30 UTC on the 24th = 00:30 local on Wed 25: the appointment's day.
        pytest.param(
            "2026-02-24T17:30:00+00:00", Timeliness.ON_TIME, id="utc-evening-is-appointment-day"
        ),
    ],
)
def test_timeliness_uses_local_days(resolved, expected):
    # Raw UTC instants (not through clock.parse, which would already convert them).
    resolved_utc = datetime.fromisoformat(resolved)
    assert resolved_utc.utcoffset() == timedelta(0)
    assert timeliness(resolved_utc, at("Wed 2026-02-25 17:00")) == expected


def test_timeliness_without_appointment_is_on_time():
    assert timeliness(at("Mon 2030-01-07 10:00"), None) == Timeliness.ON_TIME


# --------------------------------------------------------------------------------------------
# refusals
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "value"),
    [
        pytest.param(WD, None, id="working-day-without-value"),
        pytest.param(WD, 0, id="working-day-zero"),
        pytest.param(WD, -2, id="working-day-negative"),
        pytest.param(WH, None, id="working-hour-without-value"),
        pytest.param(WH, 0, id="working-hour-zero"),
        pytest.param(CD, None, id="calendar-day-without-value"),
        pytest.param(CD, 0, id="calendar-day-zero"),
        pytest.param(DurationUnit.SAME_DAY, 1, id="same-day-with-value"),
        pytest.param(DurationUnit.SAME_DAY, 0, id="same-day-with-zero"),
        pytest.param(DurationUnit.NONE, 3, id="none-with-value"),
    ],
)
def test_duration_refused(unit, value):
    with pytest.raises(ValidationError):
        Duration(unit, value)


@pytest.mark.parametrize(
    ("unit", "value"),
    [
        pytest.param(WD, 1, id="working-day-1"),
        pytest.param(WH, 4, id="working-hour-4"),
        pytest.param(CD, 30, id="calendar-day-30"),
        pytest.param(DurationUnit.SAME_DAY, None, id="same-day"),
        pytest.param(DurationUnit.NONE, None, id="none"),
    ],
)
def test_duration_accepted(unit, value):
    assert Duration(unit, value).value == value


@pytest.mark.parametrize(
    "pairs",
    [
        pytest.param([["07:30", "12:00"], ["11:30", "17:00"]], id="overlapping"),
        pytest.param([["13:30", "17:00"], ["07:30", "11:30"]], id="afternoon-before-morning"),
        pytest.param([["11:30", "07:30"]], id="period-ends-before-it-starts"),
        pytest.param([["07:30", "07:30"]], id="empty-period"),
        pytest.param([], id="no-period"),
        pytest.param([["07:30"]], id="period-without-end"),
        pytest.param([["07:30", "11:30", "12:00"]], id="period-with-three-times"),
        pytest.param([["7:30", "11:30"]], id="bad-clock-inside"),
    ],
)
def test_working_hours_refused(pairs):
    with pytest.raises(ValidationError):
        WorkingHours.parse(pairs)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("7:30", id="one-digit-hour"),
        pytest.param("25:00", id="hour-25"),
        pytest.param("24:00", id="hour-24"),
        pytest.param("07:60", id="minute-60"),
        pytest.param("0730", id="no-colon"),
        pytest.param("07:30:00", id="with-seconds"),
        pytest.param("", id="empty"),
        pytest.param("ab:cd", id="letters"),
        pytest.param(None, id="none"),
    ],
)
def test_parse_clock_refused(text):
    with pytest.raises(ValidationError):
        parse_clock(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("07:30", time(7, 30), id="opening"),
        pytest.param("00:00", time(0, 0), id="midnight"),
        pytest.param("23:59", time(23, 59), id="last-minute"),
    ],
)
def test_parse_clock_accepted(text, expected):
    assert parse_clock(text) == expected


def test_due_is_in_local_time_for_a_utc_effective_receipt():
    # 09:00 UTC = 16:00 local, Fri 13 Feb 2026; 3 working days → Wed 25 Feb 17:00 local.
    due = cal().due(Duration(WD, 3), datetime(2026, 2, 13, 9, 0, tzinfo=UTC))
    assert shown(due) == "Wed 2026-02-25 17:00"


@pytest.mark.parametrize("text", [" 7:30", "+7:30", "07: 5", "٠٧:٣٠", "07:30 "])
def test_parse_clock_takes_only_ascii_hh_mm(text):
    with pytest.raises(ValidationError):
        parse_clock(text)


@pytest.mark.parametrize(
    ("unit", "value", "plain", "on_forms"),
    [
        ("working_day", 3, "3 ngày làm việc", "03 ngày làm việc"),
        ("working_hour", 4, "4 giờ làm việc", "04 giờ làm việc"),
        ("calendar_day", 15, "15 ngày", "15 ngày"),
        ("same_day", None, "Trong ngày", "Trong ngày"),
        ("none", None, "Không quy định thời hạn", "Không quy định thời hạn"),
    ],
)
def test_duration_text(unit, value, plain, on_forms):
    assert duration_text(unit, value) == plain
    assert duration_text(unit, value, two_digits=True) == on_forms


def test_the_vietnam_calendar_loaded_alone_gives_the_package_s_days():
    """calendar._vietnam loads only the package's Vietnam module (not its ~250 countries,
    at start-up): the same days, names and weekend working days as country_holidays."""
    import holidays

    from counter_app.calendar import _vietnam

    ours, theirs = _vietnam(), holidays.country_holidays("VN")
    for year in range(2015, 2031):  # each year expanded by a look-up
        assert (date(year, 9, 2) in ours) == (date(year, 9, 2) in theirs)
    assert dict(ours) == dict(theirs) and len(ours) > 100
    assert ours.weekend_workdays == theirs.weekend_workdays


def test_a_working_day_loads_no_other_country():
    import subprocess
    import sys

    probe = (
        "import sys; from datetime import date; from counter_app.calendar import "
        "WorkingCalendar, WorkingHours; WorkingCalendar(WorkingHours.parse("
        "[['07:30', '11:30']])).is_working_day(date(2026, 9, 2)); "
        "print('holidays.countries' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"
