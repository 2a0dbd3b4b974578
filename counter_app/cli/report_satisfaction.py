"""`counter-app report satisfaction` (docs/citizen.md "The leader's figures"): ratings,
waiting and service times, complaints and the criterion 5.4 estimate as Vietnamese text,
JSON, an .xlsx workbook or an A4 PDF (reports/satisfaction_pdf.py); the figures' wording is
reports/satisfaction_lines.py, which all of them read."""

from __future__ import annotations

import argparse
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.cli.dates import add_period
from counter_app.reports.satisfaction_lines import (
    BY,
    NO_RATINGS,
    TIME_HEADINGS,
    hour,
    lines,
    seconds,
)

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context
    from counter_app.models import Agency
    from counter_app.reports.periods import Period
    from counter_app.reports.satisfaction import Satisfaction

SUFFIXES = (".xlsx", ".pdf")
HINT = "một tên tệp .xlsx hoặc .pdf"


def add_arguments(commands: Commands, nested: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    form: argparse.ArgumentParser = commands.add(
        "satisfaction", "mức độ hài lòng, thời gian chờ, phản ánh kiến nghị, tiêu chí 5.4", nested
    )
    add_period(form)
    form.add_argument("--by", choices=tuple(BY), default=None, help="nhóm đánh giá theo")
    form.add_argument(
        "-o", "--output", metavar="FILE.xlsx|FILE.pdf", help="ghi ra tệp Excel hoặc PDF (A4)"
    )


def checked_path(value: str) -> Path:
    from counter_app import out_files
    from counter_app.errors import ValidationError

    if Path(value).suffix.lower() not in SUFFIXES:
        raise ValidationError(
            f"-o '{value}': báo cáo hài lòng ghi ra tệp .xlsx hoặc .pdf.", "output"
        )
    return out_files.checked(value, HINT)


def run(ctx: Context, period_of: Callable[[argparse.Namespace, int], Period]) -> int:
    from counter_app import out_files
    from counter_app.citizen.register_office import opened
    from counter_app.db import unit_of_work
    from counter_app.queue.choose import all_times
    from counter_app.reports import satisfaction as figures
    from counter_app.reports.access import seen
    from counter_app.services import desk

    a = ctx.args
    output = checked_path(a.output) if a.output else None
    with unit_of_work(ctx.sessions) as session:
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        period = period_of(a, agency.report_cutoff_day)
    ctx.act(
        lambda s, who: seen(
            s, who, "satisfaction", ctx.now(), bool(output), first=period.first, last=period.last
        )
    )
    times = all_times(ctx.settings.db_url, ctx.sessions, period.first, period.last)
    with unit_of_work(ctx.sessions, snapshot=True) as session:
        complaints = opened(session, agency.id, ctx.settings.db_url).rows()
        report = figures.satisfaction(session, agency, period, complaints, times, a.by)
    result = figures.as_json(report)
    if not output:
        ctx.emit(result, text(report))
        return 0
    out_files.replace(output, document(agency, report, output), HINT)
    ctx.emit(result | {"file": str(output)}, f"{text(report)}\n\nĐã ghi ra {output}.")
    return 0


def document(agency: Agency, report: Satisfaction, output: Path) -> bytes:
    """The file's bytes: a workbook for .xlsx, the A4 PDF for .pdf."""
    from counter_app.reports.satisfaction_pdf import render
    from counter_app.services.printouts.printouts import agency_header

    if output.suffix.lower() == ".xlsx":
        return workbook(report)
    return render(agency_header(agency), report, os.environ.get("COUNTER_APP_FONT") or None)


def text(report: Satisfaction) -> str:
    period = report.period.wording
    out = [f"Mức độ hài lòng của người dân — {period[:1].upper()}{period[1:]}", ""]
    out += [f"{what}: {value}" for what, value in lines(report)]
    if report.by:
        out += ["", f"Đánh giá theo {BY[report.by]}:"]
        out += [
            f"  {row.label}: {row.count} lượt (rất hài lòng {row.very_satisfied}, hài lòng "
            f"{row.satisfied}, không hài lòng {row.unsatisfied})"
            for row in report.rows
        ] or [f"  {NO_RATINGS}"]
    if report.times:
        out += ["", "Thời gian chờ và phục vụ theo dịch vụ (theo giờ gọi số):"]
        out += [
            f"{'    ' + str(t.hour) + ' giờ' if t.hour is not None else '  Dịch vụ ' + t.service}: "
            f"{t.tickets} số; chờ p50 {seconds(t.waiting_s[0])}, p90 {seconds(t.waiting_s[1])}; "
            f"phục vụ p50 {seconds(t.service_s[0])}, p90 {seconds(t.service_s[1])}"
            for t in report.times
        ]
    return "\n".join(out)


def workbook(report: Satisfaction) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from counter_app.reports.xlsx import FORMULA_STARTS

    def safe(value: str) -> str:  # a name is never read as a formula
        return "'" + value if value.startswith(FORMULA_STARTS) else value

    book = Workbook()
    sheet = book.active
    sheet.title = "Hài lòng"
    sheet.append([f"MỨC ĐỘ HÀI LÒNG — {report.period.wording}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    for what, value in lines(report):
        sheet.append([what, value])
    if report.by:
        sheet.append([])
        sheet.append([BY[report.by].capitalize(), "Số lượt", "Rất hài lòng", "Hài lòng", "Không"])
        for row in report.rows:
            sheet.append(
                [safe(row.label), row.count, row.very_satisfied, row.satisfied, row.unsatisfied]
            )
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 18
    times = book.create_sheet("Thời gian")
    times.append(TIME_HEADINGS)
    for t in report.times:
        times.append([t.service, hour(t.hour), t.tickets, *t.waiting_s, *t.service_s])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
