"""Reporting periods: dates given, or the presets of the reporting regime.

A period's data run from the day after the agency's cut-off day (default the 14th) in the
month before it to the cut-off day of its last month (spec/reports.md): `2026` is
2025-12-15..2026-12-14, `2026-Q1` 2025-12-15..2026-03-14, `2026-H1` ..2026-06-14,
`2026-03` 2026-02-15..2026-03-14. Whole local days: start at FROM 00:00, end at TO 24:00.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from counter_app.clock import LOCAL_TZ
from counter_app.errors import ValidationError
from counter_app.formats import show_date

DEFAULT_CUTOFF_DAY = 14
MAX_CUTOFF_DAY = 28  # every month has it
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a report's years; beyond them a date is a typing slip
MAX_YEARS = 10  # the longest --from/--to range
ROMAN = ("I", "II", "III", "IV")
_PRESET = re.compile(r"(?P<year>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>\d{2})))?")


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    label: str  # "Quý I năm 2026", "Từ 01/03/2026 đến 31/03/2026"

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=LOCAL_TZ)

    @property
    def end(self) -> datetime:
        """TO 24:00: the first instant after the period."""
        return datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=LOCAL_TZ)

    @property
    def dates(self) -> str:
        return f"từ ngày {show_date(self.first)} đến ngày {show_date(self.last)}"

    @property
    def wording(self) -> str:
        """ "Quý I năm 2026 (từ ngày … đến ngày …)"; for dates given, the dates alone."""
        if self.label.lower() == self.dates:
            return self.dates
        return f"{self.label} ({self.dates})"


def cutoff_date(year: int, month: int, cutoff_day: int) -> date:
    return date(year, month, min(cutoff_day, calendar.monthrange(year, month)[1]))


def _months_back(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + month - 1 - back
    return index // 12, index % 12 + 1


def months(year: int, first_month: int, last_month: int, cutoff_day: int) -> tuple[date, date]:
    """The data dates of the reporting months first_month..last_month of `year`."""
    y, m = _months_back(year, first_month, 1)
    return cutoff_date(y, m, cutoff_day) + timedelta(days=1), cutoff_date(
        year, last_month, cutoff_day
    )


def preset(text: str, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> Period:
    """`2026`, `2026-Q1`..`Q4`, `2026-H1`/`H2`, `2026-03`; refuses anything else."""
    match = _PRESET.fullmatch(text.strip().upper())
    if not match or not 1 <= cutoff_day <= MAX_CUTOFF_DAY:
        raise ValidationError(
            f"--period '{text}': cần dạng 2026, 2026-Q1, 2026-H1 hoặc 2026-03.", "period"
        )
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            f"--period '{text}': năm báo cáo phải từ {FIRST_YEAR} đến {LAST_YEAR}.", "period"
        )
    if match["q"]:
        q = int(match["q"])
        label, span = f"Quý {ROMAN[q - 1]} năm {year}", (3 * q - 2, 3 * q)
    elif match["h"]:
        h = int(match["h"])
        label = f"6 tháng {'đầu' if h == 1 else 'cuối'} năm {year}"
        span = (1, 6) if h == 1 else (7, 12)
    elif match["m"]:
        m = int(match["m"])
        if not 1 <= m <= 12:
            raise ValidationError(f"--period '{text}': tháng phải từ 01 đến 12.", "period")
        label, span = f"Tháng {m} năm {year}", (m, m)
    else:
        label, span = f"Năm {year}", (1, 12)
    first, last = months(year, *span, cutoff_day)
    return Period(first, last, label)


def between(first: date, last: date) -> Period:
    for day, option in ((first, "--from"), (last, "--to")):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValidationError(
                f"{option} {day.isoformat()}: ngày báo cáo phải trong các năm "
                f"{FIRST_YEAR} đến {LAST_YEAR}.",
                option[2:],
            )
    if last < first:
        raise ValidationError("--to phải không trước --from.", "to")
    if last >= _years_after(first, MAX_YEARS):
        raise ValidationError(
            f"Khoảng báo cáo dài quá {MAX_YEARS} năm: hãy chia thành nhiều kỳ.", "to"
        )
    return Period(first, last, f"Từ ngày {show_date(first)} đến ngày {show_date(last)}")


def _years_after(day: date, years: int) -> date:
    """The same day `years` later (28 February for 29 February)."""
    return date(
        day.year + years,
        day.month,
        min(day.day, calendar.monthrange(day.year + years, day.month)[1]),
    )


def parse_day(text: str, option: str) -> date:
    """YYYY-MM-DD, or dd/mm/yyyy as people write it."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", value):
            d, m, y = (int(x) for x in value.split("/"))
            return date(y, m, d)
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"{option} '{text}': cần một ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy.", option.lstrip("-")
        ) from None


def month_of(day: date, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> tuple[int, int]:
    """The reporting month whose data include `day` (the 15th of March is in April's)."""
    if day.day > cutoff_date(day.year, day.month, cutoff_day).day:
        return _months_back(day.year, day.month, -1)
    return day.year, day.month


def month_period(year: int, month: int, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> Period:
    return preset(f"{year}-{month:02d}", cutoff_day)


def recent_months(today: date, count: int, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> list[Period]:
    """The last `count` reporting months, the one under way last."""
    year, month = month_of(today, cutoff_day)
    return [
        month_period(*_months_back(year, month, back), cutoff_day)
        for back in range(count - 1, -1, -1)
    ]
