"""What the dashboard's "Hài lòng" page writes of a `reports.satisfaction.Satisfaction`:
percentages with a decimal comma, times as minutes:seconds, a dash for a figure the period
has no data for (never an error), the rows of its tables and the chart of ratings by week.
Plain text only: satisfaction.py puts it on screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from counter_app.reports.dashboard import Chart
from counter_app.reports.ratings import RatingCount
from counter_app.reports.satisfaction import Criterion54, TimeRow
from counter_app.ui.i18n import tr

DASH = "—"
LEVELS = (
    ("very_satisfied", "Rất hài lòng"),
    ("satisfied", "Hài lòng"),
    ("unsatisfied", "Không hài lòng"),
)
WEEK_TITLE = "Đánh giá theo tuần (từ thứ Hai)"
RATING_COLUMNS = ("Số lượt", *(label for _, label in LEVELS), "Tỷ lệ hài lòng")
OFFICER_HEADERS = ("Cán bộ", *RATING_COLUMNS)
PROCEDURE_HEADERS = ("Thủ tục", *RATING_COLUMNS)
TIME_HEADERS = (
    "Dịch vụ",
    "Giờ gọi số",
    "Số phiếu",
    "Chờ p50",
    "Chờ p90",
    "Phục vụ p50",
    "Phục vụ p90",
)


OFFICE_GONE = (
    "Chưa có số liệu hài lòng của kỳ đã chọn: bàn này đã tham gia máy chủ văn phòng, hàng "
    "chờ và sổ phản ánh kiến nghị là của máy chủ, mà bàn chưa kết nối được. Các trang khác "
    "không bị ảnh hưởng; bấm “Xem số liệu” để thử lại."
)
FAILED = "Chưa có số liệu hài lòng của kỳ đã chọn. {}"


def failure_text(error: BaseException) -> str:
    """What the page says when its figures could not be had: a joined desk's office server
    out of reach said as such (not the queue's "nothing called" of the desk's F12)."""
    from counter_app.messages import for_people
    from counter_app.queue.base import QueueUnavailable
    from counter_app.queue.server import NOTHING_DONE
    from counter_app.sync.link import Offline

    message = for_people(error)
    if isinstance(error, QueueUnavailable | Offline):
        return f"{tr(OFFICE_GONE)}\n{message.removesuffix(NOTHING_DONE).strip()}"
    return tr(FAILED).format(message)


def pct(value: float | None) -> str:
    return DASH if value is None else f"{value:.2f}".replace(".", ",") + " %"


def minutes(seconds: int | None) -> str:
    """420 s: "7:00"; an hour and more stays in minutes ("75:30")."""
    if seconds is None:
        return DASH
    m, s = divmod(seconds, 60)
    return f"{m}:{s:02d}"


def estimate_parts(k: Criterion54) -> str:
    """The 5.4 estimate's two parts and the counts they come from, on two lines."""
    parts = tr("= 100 % − (quá hạn {} + phản ánh {})").format(pct(k.late_pct), pct(k.complaint_pct))
    counts = tr("quá hạn {} / {} hồ sơ đã giải quyết; phản ánh {} / {} hồ sơ tiếp nhận").format(
        k.late, k.resolved, k.complaints, k.received
    )
    return f"{parts}\n{counts}"


def rating_rows(rows: Iterable[RatingCount]) -> list[tuple[str, ...]]:
    """One row an officer or procedure: its name, the count, the three levels, % satisfied."""
    return [
        (
            r.label or r.key,
            str(r.count),
            str(r.very_satisfied),
            str(r.satisfied),
            str(r.unsatisfied),
            pct(r.satisfied_pct),
        )
        for r in rows
    ]


def hour_text(hour: int | None) -> str:
    return tr("Cả ngày") if hour is None else f"{hour:02d}:00-{hour + 1:02d}:00"


def time_rows(times: Iterable[TimeRow], names: Mapping[str, str]) -> list[tuple[str, ...]]:
    """A service's row in all, then its hours; the service by its letter and name."""
    return [
        (
            f"{t.service} — {names[t.service]}" if t.service in names else t.service,
            hour_text(t.hour),
            str(t.tickets),
            minutes(t.waiting_s[0]),
            minutes(t.waiting_s[1]),
            minutes(t.service_s[0]),
            minutes(t.service_s[1]),
        )
        for t in times
    ]


def week_chart(weeks: Iterable[RatingCount]) -> Chart:
    """Stacked bars a week (its Monday, dd/mm), one set a level."""
    weeks = list(weeks)
    mondays = [date.fromisoformat(w.key) for w in weeks]
    return Chart(
        "ratings",
        WEEK_TITLE,
        tuple(f"{m:%d/%m}" for m in mondays),
        tuple(w.key for w in weeks),
        tuple((key, label, tuple(float(getattr(w, key)) for w in weeks)) for key, label in LEVELS),
    )
