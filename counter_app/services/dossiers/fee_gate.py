"""Fees paid before the result is handed over (docs/fees.md, section 2): once the agency
collects fees at the desk (its receipts configured: `fees configure`), a dossier whose
procedure version has a fee schedule is returned only when nothing is left to pay, or
when it is exempt. The older single `fee` figure is not gated (dossiers received before
the schedule existed were never charged through the desk), nor is an agency that has not
set up its receipts (it collects by other means)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.errors import RefusedInput
from counter_app.models import Dossier, FeeExemption, FeePayment, FeeSettings, ProcedureVersion


def check_paid(session: Session, dossier: Dossier) -> None:
    """Refused (nothing written) while a collecting agency's dossier owes money."""
    schedule = session.scalar(
        select(ProcedureVersion.fee_schedule).where(
            ProcedureVersion.id == dossier.procedure_version_id
        )
    )
    if not schedule:
        return
    collects = session.scalar(
        select(FeeSettings.receipt_series).where(FeeSettings.agency_id == dossier.agency_id)
    )
    if not collects or session.get(FeeExemption, dossier.id) is not None:
        return
    due = sum(int(item["amount"]) for item in schedule.get("items") or [])
    paid = session.scalar(
        select(func.coalesce(func.sum(FeePayment.amount), 0)).where(
            FeePayment.dossier_id == dossier.id, FeePayment.replaced_by.is_(None)
        )
    )
    left = due - int(paid or 0)
    if left > 0:
        shown = f"{left:,}".replace(",", ".")
        raise RefusedInput(
            f"Hồ sơ {dossier.code} còn phải nộp {shown} đồng phí, lệ phí: thu phí (Ctrl+T trong "
            "cửa sổ hồ sơ, hoặc counter-app pay) trước khi trả kết quả."
        )
