"""The citizens' ratings of a period, counted for the leader's reports: in all, by officer,
by procedure, by week (Monday to Sunday). Read from `ratings` (one row a rated visit, as
every synced desk holds it), so that a visit rated twice at two desks counts once.

The satisfaction report (`report satisfaction`) and the dashboard call `ratings_by`:
the three levels of the national scale (3 rất hài lòng, 2 hài lòng, 1 không hài lòng).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.clock import LOCAL_TZ, local
from counter_app.models import Dossier, Officer, Procedure, ProcedureVersion, Rating

RATINGS_BY = ("officer", "procedure", "week")


@dataclass(frozen=True)
class RatingCount:
    key: str  # the officer's login, the procedure's code, the week's Monday (ISO); "" in all
    label: str  # the officer's name, the procedure's name, "Tuần dd/mm/yyyy"
    count: int
    very_satisfied: int  # score 3
    satisfied: int  # score 2
    unsatisfied: int  # score 1

    @property
    def satisfied_pct(self) -> float | None:
        """Rất hài lòng and hài lòng, of all ratings (None: no rating)."""
        if not self.count:
            return None
        return round(100 * (self.very_satisfied + self.satisfied) / self.count, 2)


def _rows(
    session: Session, first: date, last: date, agency_id: uuid.UUID | None
) -> list[tuple[datetime, int, str, str, str, str]]:
    start = datetime.combine(first, time.min, tzinfo=LOCAL_TZ)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=LOCAL_TZ)
    query = (
        select(
            Rating.at,
            Rating.score,
            Officer.username,
            Officer.full_name,
            Procedure.code,
            ProcedureVersion.name,
        )
        .join(Officer, Officer.id == Rating.officer_id)
        .join(Dossier, Dossier.id == Rating.dossier_id)
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .join(Procedure, Procedure.id == ProcedureVersion.procedure_id)
        .where(Rating.at >= start, Rating.at < end)
    )
    if agency_id is not None:
        query = query.where(Dossier.agency_id == agency_id)
    return [tuple(r) for r in session.execute(query)]  # type: ignore[misc]


def ratings_by(
    session: Session,
    first: date,
    last: date,
    by: str | None = None,
    agency_id: uuid.UUID | None = None,
) -> list[RatingCount]:
    """The ratings given from `first` to `last` (whole local days): one row in all when
    `by` is None, else one a officer / procedure / week, in order of key."""
    if by is not None and by not in RATINGS_BY:
        raise ValueError(by)
    groups: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for at, score, username, full_name, code, name in _rows(session, first, last, agency_id):
        if by == "officer":
            key = (username, full_name)
        elif by == "procedure":
            key = (code, name)
        elif by == "week":
            monday = local(at).date() - timedelta(days=local(at).weekday())
            key = (monday.isoformat(), f"Tuần {monday:%d/%m/%Y}")
        else:
            key = ("", "")
        counts = groups[key]
        counts[0] += 1
        counts[4 - score] += 1  # 3 → very satisfied, 2 → satisfied, 1 → unsatisfied
    if by is None and not groups:
        groups[("", "")] = [0, 0, 0, 0]
    return [RatingCount(k, label, *counts) for (k, label), counts in sorted(groups.items())]
