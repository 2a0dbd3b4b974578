"""The satisfaction report's wording (docs/citizen.md "The leader's figures"): the figures
as (what, value) lines, the groupings' and the times table's headings. The command's text
and workbook (cli/report_satisfaction.py) and the PDF (satisfaction_pdf.py) all read them,
so the three say the same thing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.reports.satisfaction import Satisfaction

BY = {"officer": "cán bộ", "procedure": "thủ tục", "week": "tuần"}
RATING_HEADINGS = ["Số lượt", "Rất hài lòng", "Hài lòng", "Không hài lòng"]
TIME_HEADINGS = ["Dịch vụ", "Giờ gọi", "Số phiếu", "Chờ p50 (giây)", "Chờ p90 (giây)"]
TIME_HEADINGS += ["Phục vụ p50 (giây)", "Phục vụ p90 (giây)"]
NO_RATINGS = "Không có đánh giá nào trong kỳ."


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + " %"


def seconds(value: int | None) -> str:
    return "—" if value is None else f"{value} giây"


def hour(value: int | None) -> str:
    """A times row's hour of the call: "8 giờ", or "cả ngày" for the service in all."""
    return "cả ngày" if value is None else f"{value} giờ"


def lines(report: Satisfaction) -> list[tuple[str, str]]:
    """(what, value) of the report's figures, for the text, the workbook and the PDF."""
    r, c, k = report.ratings, report.complaints, report.criterion
    return [
        ("Số lượt đánh giá", str(r.count)),
        ("Rất hài lòng", str(r.very_satisfied)),
        ("Hài lòng", str(r.satisfied)),
        ("Không hài lòng", str(r.unsatisfied)),
        ("Thời gian chờ — trung vị (p50)", seconds(report.waiting_s[0])),
        ("Thời gian chờ — p90", seconds(report.waiting_s[1])),
        ("Thời gian phục vụ — trung vị (p50)", seconds(report.service_s[0])),
        ("Thời gian phục vụ — p90", seconds(report.service_s[1])),
        ("Phản ánh kiến nghị tiếp nhận", str(c.received)),
        ("Phản ánh kiến nghị đã xử lý", str(c.handled)),
        ("Phản ánh kiến nghị đang xử lý (cuối kỳ)", str(c.open)),
        ("Phản ánh kiến nghị đã công khai", str(c.published)),
        ("Hồ sơ đã giải quyết / quá hạn", f"{k.resolved} / {k.late}"),
        ("Hồ sơ tiếp nhận trong kỳ", str(k.received)),
        ("Tỷ lệ hồ sơ quá hạn", percent(k.late_pct)),
        ("Tỷ lệ phản ánh kiến nghị", percent(k.complaint_pct)),
        ("Ước tính tiêu chí 5.4 (100 % − (quá hạn + phản ánh))", percent(k.estimate)),
    ]
