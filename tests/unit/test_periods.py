"""Reporting periods: the official cut-offs (the 15th of the month before to the 14th of
the last month), another cut-off day as an agency setting, and dates as people type them."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.clock import parse
from counter_app.errors import CatalogError, ValidationError
from counter_app.reports import periods
from counter_app.services.catalog import catalog
from tests.conftest import IMPORTED_AT, small_catalog


@pytest.mark.parametrize(
    "text,cutoff,first,last,label",
    [
        ("2026", 14, "2025-12-15", "2026-12-14", "Năm 2026"),
        ("2026-Q1", 14, "2025-12-15", "2026-03-14", "Quý I năm 2026"),
        ("2026-Q2", 14, "2026-03-15", "2026-06-14", "Quý II năm 2026"),
        ("2026-Q3", 14, "2026-06-15", "2026-09-14", "Quý III năm 2026"),
        ("2026-q4", 14, "2026-09-15", "2026-12-14", "Quý IV năm 2026"),
        ("2026-H1", 14, "2025-12-15", "2026-06-14", "6 tháng đầu năm 2026"),
        ("2026-H2", 14, "2026-06-15", "2026-12-14", "6 tháng cuối năm 2026"),
        ("2026-03", 14, "2026-02-15", "2026-03-14", "Tháng 3 năm 2026"),
        ("2026-01", 14, "2025-12-15", "2026-01-14", "Tháng 1 năm 2026"),
        (" 2024-03 ", 14, "2024-02-15", "2024-03-14", "Tháng 3 năm 2024"),
        ("2024", 20, "2023-12-21", "2024-12-20", "Năm 2024"),  # Vĩnh Phúc's 20th
        ("2024-03", 28, "2024-02-29", "2024-03-28", "Tháng 3 năm 2024"),  # leap February
        ("2025-03", 28, "2025-03-01", "2025-03-28", "Tháng 3 năm 2025"),
    ],
)
def test_presets_follow_the_cut_off(text, cutoff, first, last, label):
    period = periods.preset(text, cutoff)
    assert (period.first.isoformat(), period.last.isoformat(), period.label) == (first, last, label)
    assert period.start == parse(f"{first}T00:00:00+07:00")
    assert period.end > parse(f"{last}T23:59:59+07:00")  # TO 24:00


@pytest.mark.parametrize("text", ["26", "2026-Q5", "2026-H3", "2026-13", "2026-00", "Q1", ""])
def test_other_presets_are_refused(text):
    with pytest.raises(ValidationError):
        periods.preset(text)


@pytest.mark.parametrize(
    "day,month",
    [
        (date(2026, 3, 14), (2026, 3)),
        (date(2026, 3, 15), (2026, 4)),
        (date(2026, 12, 15), (2027, 1)),
        (date(2026, 12, 14), (2026, 12)),
    ],
)
def test_a_day_belongs_to_the_reporting_month_of_its_cut_off(day, month):
    assert periods.month_of(day) == month


def test_recent_months_end_with_the_one_under_way():
    months = periods.recent_months(date(2026, 12, 2), 3)
    assert [(p.first.isoformat(), p.last.isoformat()) for p in months] == [
        ("2026-09-15", "2026-10-14"),
        ("2026-10-15", "2026-11-14"),
        ("2026-11-15", "2026-12-14"),
    ]


@pytest.mark.parametrize(
    "text,day",
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("01/03/2026", date(2026, 3, 1)),
        ("1/3/2026", date(2026, 3, 1)),
    ],
)
def test_dates_as_iso_or_as_people_write_them(text, day):
    assert periods.parse_day(text, "--from") == day


@pytest.mark.parametrize("text", ["2026-02-30", "31/02/2026", "mai", ""])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValidationError):
        periods.parse_day(text, "--from")


def test_the_cut_off_day_is_the_agencys_setting(sessions):
    from counter_app.db import unit_of_work
    from counter_app.models import Agency

    data = small_catalog()
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, data, IMPORTED_AT)
        assert session.query(Agency).one().report_cutoff_day == 14  # the default
    data["agency"]["report_cutoff_day"] = 20
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, data, IMPORTED_AT)
    del data["agency"]["report_cutoff_day"]  # a file without it keeps the setting
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, data, IMPORTED_AT)
        assert session.query(Agency).one().report_cutoff_day == 20
    data["agency"]["report_cutoff_day"] = 31
    with pytest.raises(CatalogError), unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, data, IMPORTED_AT)
