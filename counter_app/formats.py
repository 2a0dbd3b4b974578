"""How dates and times are shown to people: dd/mm/yyyy and HH:MM, local time."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.clock import local

DATE = "%d/%m/%Y"
TIME = "%H:%M"
DATE_TIME = f"{DATE} {TIME}"


def show_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime(DATE)


def show_datetime(value: datetime | None) -> str:
    return "—" if value is None else local(value).strftime(DATE_TIME)


def show_money(amount: int) -> str:
    """25000 → "25.000 đ": đồng, the thousands parted by dots as Vietnamese write money."""
    return f"{amount:,} đ".replace(",", ".")


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with the +07:00 offset, for JSON."""
    return None if value is None else local(value).isoformat()
