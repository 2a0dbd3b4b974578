"""Date-time arguments of the command line."""

from __future__ import annotations

import argparse
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


def add_period(form: argparse.ArgumentParser) -> None:
    """A report's period: --from/--to whole local days, or --period with the cut-off day
    (cli/reports.py `_period` reads them); one wording for every report."""
    form.add_argument("--from", dest="first", metavar="DATE", help="từ ngày (YYYY-MM-DD)")
    form.add_argument("--to", dest="last", metavar="DATE", help="đến ngày (YYYY-MM-DD)")
    form.add_argument(
        "--period",
        metavar="P",
        help="kỳ báo cáo: 2026, 2026-Q1, 2026-H1, 2026-03 (chốt số ngày 14)",
    )
