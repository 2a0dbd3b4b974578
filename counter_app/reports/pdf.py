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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from counter_app.printing.data import DEFAULT_PAGE, AgencyHeader, PageOptions
from counter_app.printing.fit import SHRINK, columns, least_paired, paired
from counter_app.printing.page import Form, Styles, text
from counter_app.reports import form06
from counter_app.reports.model import Bieu06

NAME_SHARE = 0.15  # of the width: what the name column is left at the least, if it needs it
PADDING = 2  # a cell's, left and right
STEP = 0.1  # pt: the headings are set smaller by this much until the columns fit
TAIL = 2  # body lines (the last row and the total) kept on the page of the signatures


@dataclass(frozen=True)
class Report06Data:
    agency: AgencyHeader
    report: Bieu06
    prepared_by: str  # the officer who made it, under "Người lập biểu"
    printed_at: datetime


def render_report06(d: Report06Data, options: PageOptions = DEFAULT_PAGE) -> bytes:
    form = Form(
        PageOptions(font_path=options.font_path), f"{form06.FORM} — {form06.BASIS}", wide=True
    )
    report = d.report
    story: list[Flowable] = [
        form.header(d.agency),
        Spacer(1, 2 * mm),
        form.para(
            f"<b>{text(form06.FORM)}</b> — {text(form06.BASIS)}. Đơn vị báo cáo: "
            f"<b>{text(report.agency_name)}</b> ({text(report.agency_code)})",
            form.styles.small,
        ),
        *form.title(form06.TITLE, form06.period_line(report)),
        form.para(f"<i>{text(form06.UNIT_LINE)}</i>", form.styles.right_italic),
        Spacer(1, 1 * mm),
        *_table(form, report, d),
    ]
    return form.build(story, f"{form06.FORM} {report.period.label}")


def _table(form: Form, report: Bieu06, d: Report06Data) -> list[Flowable]:
    """The table, its last TAIL lines kept together with the signature block: a signature
    block never stands alone on a page."""
    s = form.styles
    body = form06.body(report)
    head, widths = _fitted(s, report.by, body, form.width)
    grid: list[list[object]] = [[""] * form06.COLUMNS for _ in range(3)]
    spans = []
    for h in form06.headings(report.by):
        room = sum(widths[h.column : h.column + h.columns]) - 2 * PADDING
        lines = paired(h.text, head.fontName, head.fontSize, room) or [h.text]
        grid[h.row][h.column] = Paragraph("<br/>".join(text(line) for line in lines), head)
        if h.rows > 1 or h.columns > 1:
            spans.append(
                ("SPAN", (h.column, h.row), (h.column + h.columns - 1, h.row + h.rows - 1))
            )
    numbers = [
        _formula(n, head, w - 2 * PADDING) for n, w in zip(form06.NUMBERS, widths, strict=True)
    ]
    grid.append(
        [Paragraph("<br/>".join(f"<i>{text(p)}</i>" for p in pieces), head) for pieces in numbers]
    )
    for values in body:
        style = s.tiny_bold if values is body[-1] else s.tiny  # the total in bold
        number = ParagraphStyle("number", parent=style, alignment=TA_RIGHT)
        grid.append(
            [Paragraph(text(_shown(v)), style if i < 2 else number) for i, v in enumerate(values)]
        )
    common = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (form06.OFFICIAL, 0), (-1, -1), colors.HexColor("#f6f6f6")),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    last = len(grid) - min(TAIL, len(body))
    table = Table(grid[:last], colWidths=widths, repeatRows=4)
    table.setStyle(
        TableStyle(
            [
                *common,
                *spans,
                ("VALIGN", (0, 0), (-1, 3), "MIDDLE"),
                ("VALIGN", (0, 4), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 3), colors.HexColor("#eeeeee")),
            ]
        )
    )
    tail = Table(grid[last:], colWidths=widths)
    tail.setStyle(TableStyle([*common, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [
        table,
        KeepTogether(
            [
                tail,
                Spacer(1, 4 * mm),
                form.dated(d.agency, d.printed_at),
                form.signatures(
                    (form06.PREPARER, form06.PREPARER_HINT, d.prepared_by),
                    (form06.HEAD, form06.HEAD_HINT, ""),
                ),
            ]
        ),
    ]


def _fitted(
    s: Styles, by: str, body: list[list[object]], total: float
) -> tuple[ParagraphStyle, list[float]]:
    """(the headings' style, the column widths): every heading in lines of two words or
    more, a column's number broken only after its "=", every figure whole, the name column
    what is left. The headings are set smaller, down to SHRINK of their size, until what is
    left is NAME_SHARE of the width (or all its names need, if less)."""
    bold, size = s.tiny_bold, s.tiny_bold.fontSize
    names = max(stringWidth(str(row[1]), bold.fontName, size) for row in body) + 2 * PADDING + 1
    figures = [
        max(
            stringWidth(word, bold.fontName, size)
            for row in body  # a name wraps
            for word in (_shown(row[c]).split() if c == 1 else [_shown(row[c])])
        )
        for c in range(form06.COLUMNS)
    ]
    need = _needs(bold.fontName, size, figures, by)
    while (
        total - sum(need) + need[1] < min(names, NAME_SHARE * total)
        and size - STEP >= bold.fontSize * SHRINK
    ):
        size -= STEP
        need = _needs(bold.fontName, size, figures, by)
    want = list(need)
    want[1] = max(need[1], names)
    head = ParagraphStyle(
        "head", parent=bold, fontSize=size, leading=bold.leading * size / bold.fontSize
    )
    return head, columns(need, want, total)


def _needs(font: str, size: float, figures: list[float], by: str) -> list[float]:
    """Each column's least width with the headings at `size`: a heading over several
    columns that needs more than they have shares the rest among them."""
    extra = 2 * PADDING + 1
    need = [
        max(figure, *(stringWidth(p, font, size) for p in _pieces(n))) + extra
        for figure, n in zip(figures, form06.NUMBERS, strict=True)
    ]
    for h in sorted(form06.headings(by), key=lambda h: h.columns):
        least = least_paired(h.text, font, size) + extra
        shortfall = least - sum(need[h.column : h.column + h.columns])
        for c in range(h.column, h.column + h.columns):
            need[c] += max(0.0, shortfall) / h.columns
    return need


def _formula(number: str, style: ParagraphStyle, room: float) -> list[str]:
    """A column's number, "(3)=(4)+(5)+(6)", whole if it fits `room`, else its pieces."""
    if stringWidth(number, style.fontName, style.fontSize) <= room:
        return [number]
    return _pieces(number)


def _pieces(number: str) -> list[str]:
    """A column's number broken after its "=" — never inside a column's own number."""
    head, sep, tail = number.partition("=")
    return [head + sep, tail] if sep else [number]


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)
