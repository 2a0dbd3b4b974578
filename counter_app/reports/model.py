"""The reports as plain data (no database): what the command line, the workbook, the PDF
and the dashboard are made from."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from counter_app.errors import CounterError
from counter_app.reports.periods import Period

TOTAL_NAME = "Tổng số"


class ReportInconsistent(CounterError):
    """The figures break an identity of the form: a defect of the program, never printed."""


def rate(good: int, resolved: int) -> float | None:
    """Share early or on time, in %, two decimals (half up); None when nothing resolved."""
    if not resolved:
        return None
    share = Decimal(good * 100) / Decimal(resolved)
    return float(share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Counts:
    """One row of Biểu 06. The three totals are counted on their own, not added up, so
    that the identities below check the counting."""

    received: int = 0
    carried_over: int = 0
    online: int = 0
    direct: int = 0
    postal: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_progress: int = 0
    within_time: int = 0
    overdue: int = 0
    paused: int = 0
    withdrawn: int = 0
    stopped: int = 0
    refused: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.early + self.on_time, self.resolved)

    def broken_identity(self) -> str | None:
        """The first identity these figures break, in words; None when they hold."""
        checks = (
            (
                self.received,
                self.resolved + self.in_progress,
                "tổng số nhận ≠ đã giải quyết + đang giải quyết",
            ),
            (
                self.received,
                self.carried_over + self.online + self.direct + self.postal,
                "tổng số nhận ≠ từ kỳ trước + mới tiếp nhận",
            ),
            (
                self.resolved,
                self.early + self.on_time + self.late,
                "đã giải quyết ≠ trước hạn + đúng hạn + quá hạn",
            ),
            (
                self.in_progress,
                self.within_time + self.overdue,
                "đang giải quyết ≠ trong hạn + quá hạn",
            ),
        )
        for left, right, words in checks:
            if left != right:
                return f"{words} ({left} ≠ {right})"
        return None


@dataclass(frozen=True)
class Row:
    name: str
    counts: Counts


@dataclass(frozen=True)
class Bieu06:
    agency_code: str
    agency_name: str
    period: Period
    by: str  # field | procedure
    rows: tuple[Row, ...]
    total: Row


def check(report: Bieu06) -> Bieu06:
    """Refuse to give figures that break the form's identities (a bug report instead)."""
    for row in (*report.rows, report.total):
        broken = row.counts.broken_identity()
        if broken:
            raise ReportInconsistent(
                f"Lỗi chương trình: số liệu Biểu 06 không khớp ở dòng '{row.name}': {broken}. "
                "Không in số liệu; xin gửi báo lỗi kèm kỳ báo cáo cho người phát triển."
            )
    return report


def row_json(row: Row) -> dict[str, Any]:
    c = row.counts
    return {
        "name": row.name,
        "received": {
            "total": c.received,
            "carried_over": c.carried_over,
            "online": c.online,
            "direct": c.direct,
            "postal": c.postal,
        },
        "resolved": {"total": c.resolved, "early": c.early, "on_time": c.on_time, "late": c.late},
        "in_progress": {
            "total": c.in_progress,
            "within_time": c.within_time,
            "overdue": c.overdue,
            "paused": c.paused,
        },
        "withdrawn": c.withdrawn,
        "stopped": c.stopped,
        "refused": c.refused,
        "on_time_rate": c.on_time_rate,
    }


def bieu06_json(report: Bieu06) -> dict[str, Any]:
    return {
        "agency": report.agency_code,
        "from": report.period.first.isoformat(),
        "to": report.period.last.isoformat(),
        "period": report.period.label,
        "by": report.by,
        "rows": [row_json(r) for r in report.rows],
        "total": row_json(report.total),
    }


@dataclass(frozen=True)
class OntimeRow:
    name: str
    resolved: int
    early: int
    on_time: int
    late: int
    steps: int | None = None  # per unit: the unit's turns ended in the period
    steps_behind: int | None = None  # ... of which it held the dossier past its budget
    key: str = ""  # what the row groups by (a month "2026-03", a unit's code…)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.early + self.on_time, self.resolved)


@dataclass(frozen=True)
class Ontime:
    agency_code: str
    period: Period
    by: str
    rows: tuple[OntimeRow, ...]
    total: OntimeRow


def ontime_row_json(row: OntimeRow) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": row.name,
        "resolved": row.resolved,
        "early": row.early,
        "on_time": row.on_time,
        "late": row.late,
        "on_time_rate": row.on_time_rate,
    }
    if row.steps is not None:
        data |= {"steps": row.steps, "steps_behind": row.steps_behind}
    return data


def ontime_json(report: Ontime) -> dict[str, Any]:
    return {
        "agency": report.agency_code,
        "from": report.period.first.isoformat(),
        "to": report.period.last.isoformat(),
        "period": report.period.label,
        "by": report.by,
        "rows": [ontime_row_json(r) for r in report.rows],
        "total": ontime_row_json(report.total),
    }
