"""The working calendar and appointment dates (docs/calendar.md).

Pure computation: no database, no clock. The services build a `WorkingCalendar` from the
agency's settings and the procedure version's rules and ask it for dates.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.clock import LOCAL_TZ, local
from counter_app.errors import ValidationError, quoted

if TYPE_CHECKING:
    from holidays import HolidayBase

DEFAULT_HOURS = (("07:30", "11:30"), ("13:30", "17:00"))
_CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}")
_CLOCK_LIKE = re.compile(r"[0-9:.h ]{1,8}")


class DurationUnit(StrEnum):
    WORKING_DAY = "working_day"
    SAME_DAY = "same_day"
    WORKING_HOUR = "working_hour"
    CALENDAR_DAY = "calendar_day"
    NONE = "none"


# How a legal duration reads, on the forms, the screens and the command line alike.
DURATION_TEXT = {
    DurationUnit.WORKING_DAY: "{} ngày làm việc",
    DurationUnit.WORKING_HOUR: "{} giờ làm việc",
    DurationUnit.CALENDAR_DAY: "{} ngày",
    DurationUnit.SAME_DAY: "Trong ngày",
    DurationUnit.NONE: "Không quy định thời hạn",
}


def duration_text(
    unit: str, value: int | None, two_digits: bool = False, template: str | None = None
) -> str:
    """'3 ngày làm việc'; on the forms, as administrative papers write it, '03 ngày làm
    việc'. `template`: DURATION_TEXT[unit] translated, for the screens."""
    shown = f"{value or 0:02d}" if two_digits and value is not None else value
    return (template or DURATION_TEXT[DurationUnit(unit)]).format(shown)


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


@dataclass(frozen=True)
class Duration:
    unit: DurationUnit
    value: int | None = None

    def __post_init__(self) -> None:
        counted = self.unit in (
            DurationUnit.WORKING_DAY,
            DurationUnit.WORKING_HOUR,
            DurationUnit.CALENDAR_DAY,
        )
        if counted and (self.value is None or self.value < 1):
            raise ValidationError(f"Thời hạn '{self.unit}' cần một số nguyên ≥ 1.")
        if not counted and self.value is not None:
            raise ValidationError(f"Thời hạn '{self.unit}' không nhận giá trị số.")


def parse_clock(value: str) -> time:
    """'HH:MM' → time; raises ValidationError."""
    try:
        if not isinstance(value, str) or not _CLOCK.fullmatch(value):
            raise ValueError(value)
        return time(int(value[:2]), int(value[3:]))
    except ValueError:
        shown = quoted(value, _CLOCK_LIKE) if isinstance(value, str) else None
        raise ValidationError(
            f"Giờ {shown} không đúng dạng HH:MM." if shown else "Giờ không đúng dạng HH:MM."
        ) from None


@dataclass(frozen=True)
class WorkingHours:
    """The day's working periods, in order, not overlapping (e.g. morning and afternoon)."""

    periods: tuple[tuple[time, time], ...]

    @classmethod
    def parse(cls, pairs: Iterable[Iterable[str]]) -> WorkingHours:
        periods = tuple(tuple(parse_clock(v) for v in pair) for pair in pairs)
        if not periods or any(len(p) != 2 for p in periods):
            raise ValidationError("Giờ làm việc cần ít nhất một khoảng [bắt đầu, kết thúc].")
        flat = [t for p in periods for t in p]
        if any(a >= b for a, b in zip(flat, flat[1:], strict=False)):
            raise ValidationError("Các khoảng giờ làm việc phải tăng dần và không chồng nhau.")
        return cls(periods)  # type: ignore[arg-type]

    @property
    def opening(self) -> time:
        return self.periods[0][0]

    @property
    def closing(self) -> time:
        return self.periods[-1][1]

    def as_strings(self) -> list[list[str]]:
        return [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in self.periods]


@lru_cache(maxsize=1)
def _vietnam() -> HolidayBase:
    """The package's Vietnam calendar; immutable data, expanded per year on demand. Its
    module is loaded alone: `holidays.country_holidays("VN")` imports the package's ~250
    countries first (~0.1 s of CPU, while the desk starts); a test checks both give the
    same days."""
    import holidays  # the package and its bases: each country is loaded on demand

    name = "counter_app._holidays_vietnam"
    module = sys.modules.get(name)
    if module is None:
        source = Path(holidays.__file__).with_name("countries") / "vietnam.py"
        spec = importlib.util.spec_from_file_location(name, source)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return module.Vietnam()  # type: ignore[no-any-return]


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=LOCAL_TZ)


def _minutes(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class WorkingCalendar:
    """Working days and hours of one agency."""

    def __init__(
        self,
        hours: WorkingHours,
        days_off: Iterable[date] = (),
        working_days: Iterable[date] = (),
    ) -> None:
        self.hours = hours
        self._days_off = frozenset(days_off)
        self._working_days = frozenset(working_days)
        self._cache: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        known = self._cache.get(day)
        if known is None:
            known = self._cache[day] = self._decide(day)
        return known

    def _decide(self, day: date) -> bool:
        # A day the agency declared wins over the package.
        if day in self._working_days:
            return True
        if day in self._days_off:
            return False
        national = _vietnam()
        if day in national:  # also expands the year, filling weekend_workdays
            return False
        if day.weekday() >= 5:
            return day in national.weekend_workdays
        return True

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def is_working_time(self, at: datetime) -> bool:
        """Within a working period (ends included) of a working day."""
        at = local(at)
        clock = at.timetz().replace(tzinfo=None)
        return self.is_working_day(at.date()) and any(
            start <= clock <= end for start, end in self.hours.periods
        )

    def effective_receipt(self, received_at: datetime, cutoff: time | None) -> datetime:
        """When the dossier's clock starts (spec: 'The effective receipt time')."""
        at = local(received_at)
        day, clock = at.date(), at.timetz().replace(tzinfo=None)
        if self.is_working_day(day) and (cutoff is None or clock <= cutoff):
            for start, end in self.hours.periods:
                if clock < start:
                    return _at(day, start)
                if clock <= end:
                    return at
        return _at(self.next_working_day(day), self.hours.opening)

    def due(self, duration: Duration, effective: datetime) -> datetime | None:
        """The appointment for a clock started at `effective` (an effective receipt)."""
        effective = local(effective)
        day = effective.date()
        match duration.unit:
            case DurationUnit.NONE:
                return None
            case DurationUnit.SAME_DAY:
                return _at(day, self.hours.closing)
            case DurationUnit.WORKING_DAY:
                for _ in range(duration.value or 0):
                    day = self.next_working_day(day)
                return _at(day, self.hours.closing)
            case DurationUnit.CALENDAR_DAY:
                day += timedelta(days=duration.value or 0)
                if not self.is_working_day(day):
                    day = self.next_working_day(day)
                return _at(day, self.hours.closing)
            case DurationUnit.WORKING_HOUR:
                return self.add_working_minutes(effective, (duration.value or 0) * 60)
        raise AssertionError(duration.unit)  # pragma: no cover - enum is exhaustive

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """`start` moved forward by `minutes` of working time (nights, lunch, days off skipped)."""
        start = local(start)
        if minutes <= 0:
            return start
        day, floor = start.date(), start.timetz().replace(tzinfo=None)
        remaining = minutes
        while True:
            if self.is_working_day(day):
                for begin, end in self.hours.periods:
                    begin = max(begin, floor)
                    if begin >= end:
                        continue
                    available = _minutes(begin, end)
                    if remaining <= available:
                        return _at(day, begin) + timedelta(minutes=remaining)
                    remaining -= available
            day, floor = day + timedelta(days=1), time.min

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Working time, in whole minutes, between two instants (0 when end ≤ start)."""
        start, end = local(start), local(end)
        total = 0.0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                for begin, finish in self.hours.periods:
                    lo = max(_at(day, begin), start)
                    hi = min(_at(day, finish), end)
                    if hi > lo:
                        total += (hi - lo).total_seconds() / 60
            day += timedelta(days=1)
        return int(total)

    def resume(
        self, due_at: datetime | None, paused_at: datetime, resumed_at: datetime
    ) -> datetime | None:
        """The current appointment after a pause: moved by the working time paused."""
        if due_at is None:
            return None
        return self.add_working_minutes(due_at, self.working_minutes_between(paused_at, resumed_at))


def timeliness(resolved_at: datetime, due_at: datetime | None) -> Timeliness:
    """Early before the appointment's day, on time on that day, late after it."""
    if due_at is None:  # open-ended procedure: it cannot be late
        return Timeliness.ON_TIME
    resolved_day, due_day = local(resolved_at).date(), local(due_at).date()
    if resolved_day < due_day:
        return Timeliness.EARLY
    if resolved_day == due_day:
        return Timeliness.ON_TIME
    return Timeliness.LATE
