"""Output of the command line: the JSON of spec/cli.md, or readable Vietnamese text."""

from __future__ import annotations

from typing import Any

from counter_app.calendar import duration_text
from counter_app.formats import iso, show_date, show_datetime
from counter_app.services.catalog.catalog import ImportReport, ProcedureSummary
from counter_app.services.dossiers.events import EVENT_LABELS
from counter_app.services.dossiers.views import DossierView
from counter_app.services.dossiers.workflow import STATUS_LABELS, Status

TIMELINESS_LABELS = {"early": "trước hạn", "on_time": "đúng hạn", "late": "quá hạn"}


def dossier_json(view: DossierView) -> dict[str, Any]:
    a = view.applicant
    return {
        "code": view.code,
        "procedure": view.procedure,
        "procedure_name": view.procedure_name,
        "procedure_version": view.procedure_version,
        "status": view.status,
        "channel": view.channel,
        "applicant": {
            "name": a.name,
            "id_number": a.id_number,
            "phone": a.phone,
            "address": a.address or None,
            "email": a.email,
        }
        | ({"id_type": a.id_type} if a.id_type else {}),
        "received_at": iso(view.received_at),
        "effective_received_at": iso(view.effective_received_at),
        "original_due_at": iso(view.original_due_at),
        "due_at": iso(view.due_at),
        "timeliness": view.timeliness,
        "timeliness_original": view.timeliness_original,
        "outcome": view.outcome,
        "current_unit": view.current_unit,
        "history": [
            {
                "at": iso(h.at),
                "event": h.event,
                "officer": h.officer,
                "from_unit": h.from_unit,
                "to_unit": h.to_unit,
                "note": h.note,
                "data": h.data,
                "desk": h.desk or None,
                "server_status": h.server_status,
                "server_reason": h.reason or None,
            }
            for h in view.history
        ],
    }


def dossier_text(view: DossierView) -> str:
    a = view.applicant
    status = STATUS_LABELS.get(Status(view.status), view.status)
    identity = " — ".join(
        x
        for x in (a.name, a.id_number and f"Giấy tờ {a.id_number}", a.phone and f"ĐT {a.phone}")
        if x
    )
    due = show_datetime(view.due_at) if view.due_at else "không hẹn ngày trả"
    if view.original_due_at and view.original_due_at != view.due_at:
        due += f" (hẹn ban đầu {show_datetime(view.original_due_at)})"
    lines = [
        f"Hồ sơ {view.code} — {status}",
        f"Thủ tục: {view.procedure} {view.procedure_name} ({view.procedure_version})",
        f"Người nộp: {identity}",
        f"Địa chỉ: {a.address or '—'}",
        f"Tiếp nhận: {show_datetime(view.received_at)}    Hẹn trả: {due}",
    ]
    if view.current_unit:
        lines.append(f"Đang ở: {view.where}")
    if view.timeliness:
        lines.append(f"Kết quả: {TIMELINESS_LABELS[view.timeliness]}")
    lines.append("Lịch sử:")
    for h in view.history:
        move = f" {h.moved}" if h.moved else ""
        note = f" — {h.note}" if h.note else ""
        who = ", ".join(filter(None, (h.officer, h.desk)))
        refused = f" — BỊ MÁY CHỦ TỪ CHỐI: {h.reason}" if h.rejected else ""
        lines.append(
            f"  {show_datetime(h.at)}  {EVENT_LABELS.get(h.event, h.event)}"
            f"{move} ({who}){note}{refused}"
        )
    return "\n".join(lines)


def dossier_line(view: DossierView) -> str:
    status = STATUS_LABELS.get(Status(view.status), view.status)
    return (
        f"{view.code}  {show_date(view.received_at)}  {view.applicant.name}  "
        f"{view.procedure_name}  [{status}]"
    )


def procedure_json(p: ProcedureSummary) -> dict[str, Any]:
    return {
        "code": p.code,
        "name": p.name,
        "field": p.field,
        "version": p.version,
        "effective_from": p.effective_from.isoformat(),
        "duration": {"unit": p.duration_unit, "value": p.duration_value},
        "cutoff": p.cutoff,
        "fee": p.fee,
    }


def procedure_line(p: ProcedureSummary) -> str:
    cutoff = f", nhận trước {p.cutoff}" if p.cutoff else ""
    fee = f"{p.fee:,} đ".replace(",", ".") if p.fee else "miễn phí"
    return (
        f"{p.code:<10} {p.name} — {duration_text(p.duration_unit, p.duration_value)}"
        f"{cutoff}; lệ phí {fee}"
    )


def import_text(report: ImportReport) -> str:
    return (
        f"Đã nhập danh mục của {report.agency_code}: {report.procedures} thủ tục, "
        f"{report.new_procedures} thủ tục mới, {report.new_versions} phiên bản mới, "
        f"{report.unchanged} không đổi."
    )
