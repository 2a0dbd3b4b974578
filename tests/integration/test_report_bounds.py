"""Report periods are bounded (issue 17, item 11): a year outside 2000–2100 or a range of
more than ten years is refused with exit 2 and a Vietnamese line, never 'lỗi không mong
đợi', and nothing is written."""

from __future__ import annotations

import pytest

from tests.integration.test_cli import Desk
from tests.integration.test_cli import desk as desk  # noqa: F401 - the fixture

REFUSED = {
    "year 1 to 9999": (("--from", "0001-01-01", "--to", "9999-12-31"), "2000 đến 2100"),
    "to year 9999": (("--from", "2026-01-01", "--to", "9999-12-31"), "2000 đến 2100"),
    "from 1999": (("--from", "31/12/1999", "--to", "2026-01-01"), "2000 đến 2100"),
    "eleven years": (("--from", "2000-01-01", "--to", "2010-12-31"), "10 năm"),
    "ten years and a day": (("--from", "2016-02-29", "--to", "2026-02-28"), "10 năm"),
    "period 0001": (("--period", "0001"), "2000 đến 2100"),
    "period 0001-Q1": (("--period", "0001-Q1"), "2000 đến 2100"),
    "period 9999-12": (("--period", "9999-12"), "2000 đến 2100"),
    "period 1999": (("--period", "1999"), "2000 đến 2100"),
}


@pytest.mark.parametrize("report", ["bieu06", "ontime"])
@pytest.mark.parametrize("case", list(REFUSED))
def test_a_period_out_of_bounds_is_refused(desk: Desk, case, report):
    args, told = REFUSED[case]
    out_file = desk.tmp / "b.xlsx"
    before = desk.written()
    extra = ("-o", str(out_file)) if report == "bieu06" else ()
    status, out, err = desk.run("report", report, *args, *extra)
    assert (status, out) == (2, ""), err
    assert err.startswith("error: ") and err.count("\n") == 1 and told in err, err
    assert desk.written() == before and not out_file.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("--period", "2000"),
        ("--period", "2100-12"),
        ("--from", "2016-02-29", "--to", "2026-02-27"),
        ("--from", "2000-01-01", "--to", "2009-12-31"),
    ],
)
def test_the_bounds_themselves_are_reports(desk: Desk, args):
    status, _, err = desk.run("report", "bieu06", *args)
    assert status == 0, err
