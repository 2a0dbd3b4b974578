"""Worklist names and rows, without database imports: the first screen needs only these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

OPEN = ("received", "in_progress", "supplement_requested")
RETURNED_DAYS = 7


class Worklist(StrEnum):
    TODAY = "today"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    BEHIND = "behind"
    SUPPLEMENT = "supplement"
    RESULT_BACK = "result_back"
    RETURNED = "returned"
    ONLINE = "online_waiting"  # online dossiers imported, the desk's answer still owed


# Counted just after the desk's start, off its path: no index serves "returned since"
# (every returned dossier is read: ~0.5 s at 1,000,000 dossiers, growing with the years),
# and "behind" needs the calendar (the holiday tables) and a working-time sum per dossier
# in progress. Their lists are shown without a count until then.
COUNTED_LATER = frozenset({Worklist.BEHIND, Worklist.RETURNED})

LABELS = {
    Worklist.TODAY: "Tiếp nhận hôm nay",
    Worklist.DUE_TODAY: "Đến hạn hôm nay",
    Worklist.OVERDUE: "Quá hạn",
    Worklist.BEHIND: "Chậm ở bước xử lý",
    Worklist.SUPPLEMENT: "Chờ bổ sung",
    Worklist.RESULT_BACK: "Có kết quả, chờ trả",
    Worklist.RETURNED: f"Đã trả trong {RETURNED_DAYS} ngày qua",
    Worklist.ONLINE: "Trực tuyến chờ tiếp nhận",
}


@dataclass(frozen=True)
class DossierRow:
    code: str
    applicant: str
    procedure: str
    status: str
    received_at: datetime
    due_at: datetime | None


def is_online_waiting(dossier: Any) -> bool:
    """A dossier row of "Trực tuyến chờ tiếp nhận": imported from the portal, not answered
    yet (worklists.online_waiting() is the same test in SQL)."""
    return (
        dossier.portal_code is not None
        and dossier.portal_accepted_at is None
        and dossier.status == "received"
    )
