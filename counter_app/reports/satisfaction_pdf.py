"""The leader's satisfaction report as an A4 PDF (`report satisfaction -o FILE.pdf`,
docs/citizen.md "The leader's figures"): the agency heading, the title and the period, the
figures of satisfaction_lines.lines, the ratings by officer, procedure or week when asked
for, and the waiting and service times by service and hour of the call. Each table goes
on over as many pages as it needs, its heading repeated (printing's Form.grid). Plain data
in, bytes out; the page kit and the fonts are Biểu 06's (printing/page.py)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from counter_app.printing.data import AgencyHeader, PageOptions
from counter_app.printing.page import Form, text
from counter_app.reports.satisfaction import Satisfaction
from counter_app.reports.satisfaction_lines import (
    BY,
    NO_RATINGS,
    RATING_HEADINGS,
    TIME_HEADINGS,
    hour,
    lines,
)

TITLE = "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN"
BASIS = "Mức độ hài lòng của người dân, ước tính tiêu chí 5.4 (QĐ 766/QĐ-TTg)"
NO_TIMES = "Không có số nào được gọi trong kỳ."
NOTE = (
    "Ước tính tiêu chí 5.4 (QĐ 766/QĐ-TTg) = 100 % − (tỷ lệ hồ sơ quá hạn + tỷ lệ phản ánh "
    "kiến nghị). Tỷ lệ hồ sơ quá hạn = hồ sơ giải quyết quá hạn / hồ sơ đã giải quyết trong "
    "kỳ; tỷ lệ phản ánh kiến nghị = phản ánh kiến nghị tiếp nhận / hồ sơ tiếp nhận trong kỳ "
    "(cách hiểu của chương trình, cần thống nhất với cơ quan cấp tỉnh trước khi sử dụng). "
    "Đây là số ước tính cho lãnh đạo, không phải điểm Cổng Dịch vụ công công bố. Thời gian "
    "chờ tính một lần cho mỗi số được gọi; p50, p90 theo thứ hạng gần nhất, bằng giây."
)
FIGURE_WIDTHS = [0.72, 0.28]
RATING_WIDTHS = [0.4, 0.15, 0.15, 0.15, 0.15]
TIME_WIDTHS = [0.1, 0.12, 0.12, 0.165, 0.165, 0.165, 0.165]
SECTION_ROOM = 30 * mm  # a heading, a table's heading and two of its lines
WHOLE_DAY = colors.HexColor("#f4f4f4")  # a service's row in all, above its hours


def render(header: AgencyHeader, report: Satisfaction, font_path: str | None = None) -> bytes:
    form = Form(PageOptions(font_path=font_path), BASIS)
    s = form.styles
    story: list[Flowable] = [
        form.header(header),
        Spacer(1, 3 * mm),
        *form.title(TITLE, f"Kỳ báo cáo: {report.period.wording}"),
        form.para(f"Đơn vị báo cáo: <b>{text(header.name)}</b>", s.center),
        Spacer(1, 4 * mm),
        *_section(form, "1. Các chỉ số trong kỳ"),
        form.grid(["Chỉ tiêu", "Giá trị"], lines(report), FIGURE_WIDTHS),
        Spacer(1, 2 * mm),
        form.para(f"<i>{text(NOTE)}</i>", s.small),
    ]
    number = 2
    if report.by:
        story += [Spacer(1, 4 * mm), *_section(form, f"{number}. Đánh giá theo {BY[report.by]}")]
        rows = [
            [r.label, r.count, r.very_satisfied, r.satisfied, r.unsatisfied] for r in report.rows
        ]
        heading = [BY[report.by].capitalize(), *RATING_HEADINGS]
        story.append(
            form.grid(heading, rows, RATING_WIDTHS) if rows else form.para(text(NO_RATINGS))
        )
        number += 1
    story += [
        Spacer(1, 4 * mm),
        *_section(form, f"{number}. Thời gian chờ và phục vụ theo dịch vụ (theo giờ gọi số)"),
        _times(form, report) if report.times else form.para(text(NO_TIMES)),
    ]
    return form.build(story, f"Mức độ hài lòng của người dân — {report.period.label}")


def _section(form: Form, title: str) -> list[Flowable]:
    """A part's heading, on the next page when too little of this one is left for it and
    the first lines of its table (a long table itself goes on from here, not from a new
    page)."""
    style = ParagraphStyle("section", parent=form.styles.body, spaceAfter=4)
    return [CondPageBreak(SECTION_ROOM), form.para(f"<b>{text(title)}</b>", style)]


def _times(form: Form, report: Satisfaction) -> Flowable:
    def shown(value: int | None) -> str:
        return "—" if value is None else str(value)

    rows = [
        [t.service, hour(t.hour), t.tickets, *map(shown, (*t.waiting_s, *t.service_s))]
        for t in report.times
    ]
    table = form.grid(TIME_HEADINGS, rows, TIME_WIDTHS)
    table.setStyle(
        [
            ("BACKGROUND", (0, i), (-1, i), WHOLE_DAY)
            for i, t in enumerate(report.times, 1)
            if t.hour is None
        ]
    )
    return table
