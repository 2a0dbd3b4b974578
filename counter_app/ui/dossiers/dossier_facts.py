"""What the dossier window's summary says: each fact as a label and its text."""

from __future__ import annotations

from counter_app.formats import show_datetime
from counter_app.services.dossiers import views
from counter_app.services.dossiers.events import EventKind
from counter_app.services.dossiers.views import DossierView
from counter_app.services.dossiers.workflow import OUTCOME_LABELS, STATUS_LABELS, Status
from counter_app.ui.i18n import tr

TIMELINESS = {"early": "trước hạn", "on_time": "đúng hạn", "late": "quá hạn"}


def facts(v: DossierView) -> list[tuple[str, str]]:
    """(label, text) of each row, labels untranslated."""
    a = v.applicant
    due = show_datetime(v.due_at) if v.due_at else tr("Không hẹn")
    if v.original_due_at and v.original_due_at != v.due_at:
        due += tr(" (hẹn ban đầu {})").format(show_datetime(v.original_due_at))
    return [
        ("Mã hồ sơ", v.code),
        ("Trạng thái", tr(STATUS_LABELS[Status(v.status)])),
        ("Thủ tục", f"{v.procedure} — {v.procedure_name} ({v.procedure_version})"),
        ("Người nộp", a.name),
        ("Giấy tờ / điện thoại", f"{a.id_number or '—'} / {a.phone or '—'}"),
        ("Địa chỉ", a.address or "—"),
        ("Nhận lúc", show_datetime(v.received_at)),
        ("Hẹn trả", due),
        ("Đang ở", where(v)),
        *outcome(v),
    ]


def outcome(v: DossierView) -> list[tuple[str, str]]:
    """Once the result is back: what it is and how timely; once returned, when. In the
    summary, not only in the timeline."""
    rows = []
    if v.outcome:
        when = TIMELINESS.get(v.timeliness or "")
        rows.append(
            (
                "Kết quả",
                tr(OUTCOME_LABELS.get(v.outcome, v.outcome)) + (f" ({tr(when)})" if when else ""),
            )
        )
    back = [h for h in views.done(v.history) if h.event == EventKind.RETURNED]
    if v.status == Status.RETURNED and back:
        rows.append(("Trả kết quả lúc", show_datetime(back[-1].at)))
    return rows


def where(v: DossierView) -> str:
    """Where the paper dossier, or the result, is now."""
    if v.status == Status.RETURNED:
        back = [h for h in views.done(v.history) if h.event == EventKind.RETURNED]
        return (
            tr("Đã trả — {}").format(views.return_detail(back[-1]))
            if back
            else tr("Đã trả kết quả")
        )
    if v.status in (Status.WITHDRAWN, Status.STOPPED, Status.REFUSED):
        return tr("Bộ phận một cửa (hồ sơ đã kết thúc)")
    return tr(v.where)
