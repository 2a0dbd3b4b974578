"""Local time: every stored timestamp is timezone-aware, shown in Asia/Ho_Chi_Minh.

Every date that comes in (a file, an argument, a form) is read here and kept within the
years a desk can meet, so that no calculation of appointments can run off the calendar.
"""

import os
from datetime import date, datetime, timedelta, timezone

# Vietnam has kept UTC+7 without daylight saving since 1975; a fixed offset needs no
# time-zone database on the desk PC (Windows has none).
LOCAL_TZ = timezone(timedelta(hours=7), "ICT")
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
RANGE_TEXT = "từ 01/01/2000 đến 31/12/2100"


class OutOfRange(ValueError):
    """A well-formed date outside EARLIEST..LATEST."""


def _shift() -> timedelta:
    """COUNTER_APP_CLOCK_SHIFT_S: a desk PC whose clock is wrong by so many seconds, for
    trials and the sync's fault tests (the server's order must not care)."""
    try:
        return timedelta(seconds=float(os.environ.get("COUNTER_APP_CLOCK_SHIFT_S") or 0))
    except ValueError:
        return timedelta(0)


_SHIFT = _shift()


def now() -> datetime:
    return (datetime.now(LOCAL_TZ) + _SHIFT).replace(microsecond=0)


def local(value: datetime) -> datetime:
    """The same instant in local time; a naive value is taken as local time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=LOCAL_TZ)
    return value.astimezone(LOCAL_TZ)


def in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def parse(value: str) -> datetime:
    """ISO 8601 date-time; without an offset it is local time. Raises ValueError, and
    OutOfRange for a date outside the years a desk can meet."""
    moment = datetime.fromisoformat(value.strip())
    if not in_range(moment.date()):  # checked before any arithmetic can overflow
        raise OutOfRange(value)
    return local(moment)


def parse_day(value: str) -> date:
    """ISO 8601 date (YYYY-MM-DD). Raises ValueError, OutOfRange as `parse` does."""
    day = date.fromisoformat(value.strip())
    if not in_range(day):
        raise OutOfRange(value)
    return day
