"""Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP) for one agency and period, by field or
by procedure, checked against its identities before anyone sees a figure."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from counter_app.errors import ValidationError
from counter_app.models import Agency
from counter_app.reports import query
from counter_app.reports.model import TOTAL_NAME, Bieu06, Counts, Row, check
from counter_app.reports.periods import Period
from counter_app.text import collation_key
from counter_app.vocabulary import BIEU06_BY

BY = BIEU06_BY
UNKNOWN = "(không rõ thủ tục)"


def bieu06(
    session: Session, agency: Agency, period: Period, by: str = "field", now: datetime | None = None
) -> Bieu06:
    """The form; a period not over yet as it stands `now` (in progress, overdue)."""
    if by not in BY:
        raise ValidationError(f"--by: bieu06 chỉ nhóm theo {', '.join(BY)}.", "by")
    groups = query.form_counts(session, [agency.id], period, now)
    infos = query.versions(session)
    merged: dict[str, Counts] = {}
    for version_id, counts in groups.items():
        info = infos.get(version_id)
        key = UNKNOWN if info is None else info.field if by == "field" else info.procedure
        merged[key] = merged.get(key, Counts()) + counts
    names = query.group_names(infos, by)
    rows = tuple(
        sorted(
            (Row(names.get(k, k), c) for k, c in merged.items()),
            key=lambda row: collation_key(row.name),
        )
    )
    total = Row(TOTAL_NAME, sum((r.counts for r in rows), Counts()))
    return check(Bieu06(agency.code, agency.name, period, by, rows, total))
