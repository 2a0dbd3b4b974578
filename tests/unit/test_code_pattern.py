"""Code patterns are judged by what they render: every code carries the agency, the day and
the day's number, differs from every other, and reads back as itself."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from counter_app.services.codes.code_pattern import code_regex, pattern_problem, render
from counter_app.services.codes.codes import normalise_code, read_scan

AGENCY = "000.00.20.H26"
ACCEPTED = [
    "{agency}-{yymmdd}-{seq:04d}",
    "{agency}{yymmdd}{seq:04d}",
    "{agency}-{yymmdd}-{seq}",
    "{seq:06d}/{yyyymmdd}/{agency}",
    "{agency}_{yyyymmdd}_{seq:09d}",
    "HS-{agency}-{yymmdd}-{seq:03d}",
]
DAYS = [date(2026, 2, 13) + timedelta(days=d) for d in range(0, 400, 37)]
SEQS = [*range(1, 30), 99, 100, 101, 999, 1000, 1001, 9999, 10000, 65535, 99999, 100000]


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_an_accepted_pattern_renders_codes_that_work(pattern):
    assert pattern_problem(pattern, AGENCY) is None
    codes = {(day, seq): render(pattern, AGENCY, day, seq) for day in DAYS for seq in SEQS}
    shape = code_regex(pattern, AGENCY)
    assert shape is not None
    broken = [
        code
        for (day, seq), code in codes.items()
        if AGENCY not in code
        or f"{day:%y%m%d}" not in code
        or str(seq) not in code
        or normalise_code(code) != code
        or not shape.fullmatch(code)
        or not read_scan(code).valid
        or read_scan(code).code != code
    ]
    assert (broken, len(set(codes.values()))) == ([], len(codes))


REFUSED = [
    "{agency}-{yymmdd}-{{seq}}",
    "{agency}-{yymmdd}-{seq!s:.0}",
    "{agency}-{yymmdd}",
    "{agency}-{yymmdd}-{seq:04d}{agency.__class__}",
    "{agency}-{yymmdd}-{seq[0]}",
    "{agency}-{yymmdd}-{seq:4d}",
    "{agency}-{yymmdd}-{seq:x}",
    "{agency}-{yymmdd}-{seq:,}",
    "{agency}-{yymmdd}-{seq:010d}",
    "{agency}-{yymmdd}-{seq:0d}",
    "{agency}-{seq:04d}",
    "{agency}-{yymmdd}-{yyyymmdd}-{seq}",
    "{agency}-{yymmdd}-{seq}-{seq}",
    "{agency}-{yymmdd}-so-{seq}",
    "{agency}-{yymmdd}-{seq}-{now}",
    "{agency} {yymmdd} {seq}",
    "{agency}-{yymmdd}-{seq}}",
    "{agency}-{yymmdd}-{seq:04d}é",
    "{}-{yymmdd}-{seq}",
    "{0}-{yymmdd}-{seq}",
    "{agency}-{yymmdd}-{seq:%}",
]


@pytest.mark.parametrize("pattern", REFUSED)
def test_a_pattern_that_cannot_work_is_refused(pattern):
    assert pattern_problem(pattern, AGENCY) is not None
