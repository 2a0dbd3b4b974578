"""Date-time arguments of the command line."""

from __future__ import annotations

from datetime import datetime

from counter_app import clock
from counter_app.errors import ValidationError


def moment(value: str, name: str) -> datetime:
    """A date-time argument, within the years a desk can meet; not repeated when wrong."""
    try:
        return clock.parse(value)
    except clock.OutOfRange:
        raise ValidationError(f"{name}: cần một thời điểm {clock.RANGE_TEXT}.", name) from None
    except ValueError:
        raise ValidationError(
            f"{name}: cần thời điểm ISO 8601, ví dụ 2026-02-13T10:00:00+07:00.", name
        ) from None
