"""Local time: every stored timestamp is timezone-aware, shown in Asia/Ho_Chi_Minh."""

from datetime import datetime, timedelta, timezone

# Vietnam has kept UTC+7 without daylight saving since 1975; a fixed offset needs no
# time-zone database on the desk PC (Windows has none).
LOCAL_TZ = timezone(timedelta(hours=7), "ICT")


def now() -> datetime:
    return datetime.now(LOCAL_TZ).replace(microsecond=0)


def local(value: datetime) -> datetime:
    """The same instant in local time; a naive value is taken as local time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=LOCAL_TZ)
    return value.astimezone(LOCAL_TZ)


def parse(value: str) -> datetime:
    """ISO 8601 date-time; without an offset it is local time. Raises ValueError."""
    return local(datetime.fromisoformat(value.strip()))
