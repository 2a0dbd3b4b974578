"""What did not reach the portal, and why (`portal status`, the leader's daily look), and
the pending messages as JSON batches for a gateway without a live endpoint (`portal
export`). Both are read-only: nothing is marked sent."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.clock import LOCAL_TZ
from counter_app.models.portal import STATES
from counter_app.models.portal import PortalMessage as M

BATCH = 100
FAILURES_SHOWN = 200
NOT_SENT = tuple(state for state in STATES if state != "sent")


@dataclass(frozen=True)
class Failure:
    code: str
    kind: str
    error_code: int | None
    reason: str
    at: datetime


@dataclass(frozen=True)
class Status:
    pending: int
    sent: int
    failed: int
    oldest_pending_at: datetime | None
    failures: list[Failure]


def _between(query: Any, first: date | None, last: date | None) -> Any:
    if first:
        query = query.where(M.created_at >= datetime.combine(first, time(), LOCAL_TZ))
    if last:
        end = datetime.combine(last + timedelta(days=1), time(), LOCAL_TZ)
        query = query.where(M.created_at < end)
    return query


def status(session: Session, first: date | None = None, last: date | None = None) -> Status:
    counts = _counts(session, first, last)
    oldest = session.scalar(
        _between(select(func.min(M.created_at)).where(M.state == "pending"), first, last)
    )
    rows = session.execute(
        _between(
            select(M.code, M.service, M.error_code, M.reason, M.created_at)
            .where(M.state == "failed")
            .order_by(M.created_at, M.position)
            .limit(FAILURES_SHOWN),
            first,
            last,
        )
    )
    return Status(
        counts.get("pending", 0),
        counts.get("sent", 0),
        counts.get("failed", 0),
        oldest,
        [Failure(c, k, e, r or "", a) for c, k, e, r, a in rows],
    )


def _counts(session: Session, first: date | None, last: date | None) -> dict[str, int]:
    """Messages by state. The few not sent are counted by state along its index; "sent" is
    the rest of the period's rows, counted along the created_at index alone (the whole
    table's count is SQLite's quickest). Grouping every row by state read each row from
    the table: seconds for a year of 4 million (bench/portal.py)."""
    query = select(M.state, func.count()).where(M.state.in_(NOT_SENT)).group_by(M.state)
    counts = dict(session.execute(_between(query, first, last)).all())
    total = session.scalar(_between(select(func.count()).select_from(M), first, last)) or 0
    counts["sent"] = total - sum(counts.values())
    return counts


def status_json(found: Status) -> dict[str, Any]:
    return {
        "pending": found.pending,
        "sent": found.sent,
        "failed": found.failed,
        "oldest_pending_at": found.oldest_pending_at.isoformat()
        if found.oldest_pending_at
        else None,
        "failures": [
            {
                "code": f.code,
                "kind": f.kind,
                "error_code": f.error_code,
                "reason": f.reason,
                "at": f.at.isoformat(),
            }
            for f in found.failures
        ],
    }


def status_text(found: Status) -> str:
    lines = [
        f"Chưa gửi: {found.pending}   Đã gửi: {found.sent}   Bị từ chối: {found.failed}",
    ]
    if found.oldest_pending_at:
        lines.append(f"Tin chưa gửi cũ nhất: {found.oldest_pending_at:%d/%m/%Y %H:%M}")
    for f in found.failures:
        lines.append(
            f"Lỗi {f.code} {f.kind} (mã {f.error_code}): {f.reason}  {f.at:%d/%m/%Y %H:%M}"
        )
    return "\n".join(lines)


def export(session: Session, folder: Path, first: date | None, last: date | None) -> list[Path]:
    """The pending messages, in sending order, as files of BATCH messages each, each as
    the gateway's request would carry it (no session, no agency code: the integrator's)."""
    folder.mkdir(parents=True, exist_ok=True)
    query = _between(
        select(M.id, M.service, M.is_update, M.body).where(M.state == "pending"), first, last
    ).order_by(M.position)
    written: list[Path] = []
    batch: list[dict[str, Any]] = []
    for row in session.execute(query):
        batch.append(
            {
                "message_id": str(row.id),
                "service": row.service,
                "isUpdating": "True" if row.is_update else "False",
                "data": row.body,
            }
        )
        if len(batch) == BATCH:
            written.append(_write(folder, len(written) + 1, batch))
            batch = []
    if batch:
        written.append(_write(folder, len(written) + 1, batch))
    return written


def _write(folder: Path, number: int, batch: list[dict[str, Any]]) -> Path:
    path = folder / f"portal-{number:05d}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(batch, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
    return path
