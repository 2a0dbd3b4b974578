"""Biểu số 06/VPCP/KSTT as PDF, on A4 landscape: the agency heading, the period, the table
with the form's merged headings, "Người lập biểu" and "Thủ trưởng đơn vị" (the XLSX beside
it is xlsx.py; both draw form06.py's lines). It uses printing's page kit; printing knows
nothing of reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from counter_app.printing.data import DEFAULT_PAGE, AgencyHeader, PageOptions
from counter_app.printing.page import Form, text
from counter_app.reports import form06
from counter_app.reports.model import Bieu06

NUMBER_WIDTH = 0.78 / 16  # sixteen number columns share what STT and the name leave
TAIL = 2  # body lines (the last row and the total) kept on the page of the signatures


@dataclass(frozen=True)
class Report06Data:
    agency: AgencyHeader
    report: Bieu06
    prepared_by: str  # the officer who made it, under "Người lập biểu"
    printed_at: datetime


def render_report06(d: Report06Data, options: PageOptions = DEFAULT_PAGE) -> bytes:
    form = Form(PageOptions(font_path=options.font_path), f"{form06.FORM} — {form06.BASIS}",
                wide=True)  # fmt: skip
    report = d.report
    story: list[Flowable] = [
        form.header(d.agency), Spacer(1, 2 * mm),
        form.para(f"<b>{text(form06.FORM)}</b> — {text(form06.BASIS)}. Đơn vị báo cáo: "
                  f"<b>{text(report.agency_name)}</b> ({text(report.agency_code)})",
                  form.styles.small),
        *form.title(form06.TITLE, form06.period_line(report)),
        form.para(f"<i>{text(form06.UNIT_LINE)}</i>", form.styles.right_italic),
        Spacer(1, 1 * mm), *_table(form, report, d),
    ]  # fmt: skip
    return form.build(story, f"{form06.FORM} {report.period.label}")


def _table(form: Form, report: Bieu06, d: Report06Data) -> list[Flowable]:
    """The table, its last TAIL lines kept together with the signature block: a signature
    block never stands alone on a page."""
    s = form.styles
    grid: list[list[object]] = [[""] * form06.COLUMNS for _ in range(3)]
    spans = []
    for h in form06.headings(report.by):
        grid[h.row][h.column] = Paragraph(text(h.text), s.tiny_bold)
        if h.rows > 1 or h.columns > 1:
            spans.append(("SPAN", (h.column, h.row),
                          (h.column + h.columns - 1, h.row + h.rows - 1)))  # fmt: skip
    grid.append([Paragraph(f"<i>{text(n)}</i>", s.tiny_bold) for n in form06.NUMBERS])
    body = form06.body(report)
    for values in body:
        style = s.tiny_bold if values is body[-1] else s.tiny  # the total in bold
        number = ParagraphStyle("number", parent=style, alignment=TA_RIGHT)
        grid.append([Paragraph(text(_shown(v)), style if i < 2 else number)
                     for i, v in enumerate(values)])
    widths = [form.width * w for w in [0.03, 0.19] + [NUMBER_WIDTH] * 16]
    common = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
              ("BACKGROUND", (form06.OFFICIAL, 0), (-1, -1), colors.HexColor("#f6f6f6")),
              ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    last = len(grid) - min(TAIL, len(body))
    table = Table(grid[:last], colWidths=widths, repeatRows=4)
    table.setStyle(TableStyle([
        *common, *spans,
        ("VALIGN", (0, 0), (-1, 3), "MIDDLE"), ("VALIGN", (0, 4), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 3), colors.HexColor("#eeeeee")),
    ]))  # fmt: skip
    tail = Table(grid[last:], colWidths=widths)
    tail.setStyle(TableStyle([*common, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table, KeepTogether([
        tail, Spacer(1, 4 * mm), form.dated(d.agency, d.printed_at),
        form.signatures((form06.PREPARER, form06.PREPARER_HINT, d.prepared_by),
                        (form06.HEAD, form06.HEAD_HINT, ""))])]  # fmt: skip


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)
