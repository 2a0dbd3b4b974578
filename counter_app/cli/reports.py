"""`counter-app report bieu06|ontime` (README: figures), and the reports of their own
modules (digitisation, satisfaction, fees): the figures as Vietnamese text or
JSON, Biểu 06 also as a workbook or a PDF. The sub-commands' options are declared here
with light imports (the parser is built at every start); the work loads when it runs."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from counter_app.cli.dates import add_period
from counter_app.vocabulary import BIEU06_BY, DIGITISATION_BY, ONTIME_BY

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context
    from counter_app.models import Agency
    from counter_app.reports.model import Bieu06, Ontime
    from counter_app.reports.periods import Period
    from counter_app.sync.report_source import Source


def add_arguments(commands: Commands) -> None:
    """`report` and its two forms, for cli/parser.py."""
    report = commands.add(
        "report",
        "báo cáo của lãnh đạo: Biểu 06, tỷ lệ đúng hạn, tỷ lệ số hóa, mức độ hài lòng, "
        "phí và lệ phí",
    )
    nested = report.add_subparsers(dest="report_command", metavar="BÁO_CÁO", required=True)
    for name, text, by in (
        ("bieu06", "Biểu số 06/VPCP/KSTT", BIEU06_BY),
        ("ontime", "tỷ lệ giải quyết trước hạn và đúng hạn", ONTIME_BY),
        ("digitisation", "tỷ lệ số hóa hồ sơ và kết quả", DIGITISATION_BY),
    ):
        form: argparse.ArgumentParser = commands.add(name, text, nested)
        add_period(form)
        form.add_argument("--by", choices=by, default="field", help="nhóm theo")
        if name != "ontime":
            form.add_argument(
                "-o",
                "--output",
                metavar="FILE.xlsx|FILE.pdf",
                help="ghi biểu ra tệp Excel hoặc PDF",
            )
        if name in ("bieu06", "ontime"):
            form.add_argument(
                "--report-url",
                metavar="URL",
                help="đọc số liệu từ máy chủ báo cáo (bản sao) bằng tài khoản do server "
                "add-reader in ra (mặc định: COUNTER_APP_REPORT_URL)",
            )
        if name == "digitisation":
            from counter_app.cli import report_digitisation

            report_digitisation.add_arguments(form)
    from counter_app.cli import report_fees, report_satisfaction

    report_satisfaction.add_arguments(commands, nested)
    report_fees.add_arguments(commands, nested)


def cmd_report(ctx: Context) -> int:
    from counter_app.db import unit_of_work
    from counter_app.reports import bieu06, export, ontime
    from counter_app.reports.access import seen
    from counter_app.reports.model import bieu06_json, ontime_json
    from counter_app.services import desk
    from counter_app.sync import report_source as replica

    a = ctx.args
    if a.report_command == "digitisation":
        from counter_app.cli import report_digitisation

        return report_digitisation.run(ctx, _period)
    if a.report_command == "fees":
        from counter_app.cli import report_fees

        return report_fees.run(ctx, _period)
    if a.report_command == "satisfaction":
        from counter_app.cli import report_satisfaction

        return report_satisfaction.run(ctx, _period)
    output = export.checked_path(a.output) if getattr(a, "output", None) else None
    with unit_of_work(ctx.sessions) as session:
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        period = _period(a, agency.report_cutoff_day)
    ctx.act(
        lambda s, who: seen(
            s,
            who,
            a.report_command,
            ctx.now(),
            bool(output),
            first=period.first,
            last=period.last,
            by=a.by,
        )
    )
    url = (
        (getattr(a, "report_url", None) or ctx.settings.report_url)
        if a.report_command in ("bieu06", "ontime")
        else None
    )
    officer = None
    if output:
        with unit_of_work(ctx.sessions) as session:
            officer = (
                ctx.who.printed_name
                if ctx.signed
                else export.officer_name(session, ctx.settings.officer, ctx.settings.officer_name)
            )
    with _figures(ctx, agency, url) as (session, agency, source):  # figures of one state
        if a.report_command == "ontime":
            rates = ontime.ontime(session, agency, period, a.by)
            said = "" if source is replica.DESK else f"\n\n{source.text()}"
            ctx.emit(ontime_json(rates) | source.json(), ontime_text(rates) + said)
            return 0
        report = bieu06.bieu06(session, agency, period, a.by, ctx.now())
        if output:
            data = export.document(
                agency,
                report,
                output,
                str(officer),
                ctx.now(),
                os.environ.get("COUNTER_APP_FONT") or None,
            )
    result = bieu06_json(report) | source.json()
    told = bieu06_text(report) + ("" if source is replica.DESK else f"\n\n{source.text()}")
    if not output:
        ctx.emit(result, told)
        return 0
    export.save(output, data)
    ctx.emit(result | {"file": str(output)}, f"{told}\n\nĐã ghi biểu ra {output}.")
    return 0


@contextmanager
def _figures(ctx: Context, agency: Agency, url: str | None) -> Iterator[tuple[Any, Agency, Source]]:
    """The desk's own database, or the office's reporting replica when a report URL is
    set (sync/report_source.py): never both, never a fallback from one to the other."""
    from counter_app.db import unit_of_work
    from counter_app.sync import report_source as replica

    if url:
        with replica.snapshot(url, agency.code) as found:
            yield found
        return
    with unit_of_work(ctx.sessions, snapshot=True) as session:
        yield session, agency, replica.DESK


def _period(a: argparse.Namespace, cutoff_day: int) -> Period:
    from counter_app.errors import ValidationError
    from counter_app.reports import periods

    if a.period and (a.first or a.last):
        raise ValidationError("Dùng --period hoặc --from/--to, không dùng cả hai.", "period")
    if a.period:
        return periods.preset(a.period, cutoff_day)
    if not (a.first and a.last):
        raise ValidationError("Cần --period P hoặc cả --from và --to.", "period")
    return periods.between(periods.parse_day(a.first, "--from"), periods.parse_day(a.last, "--to"))


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + " %"


def bieu06_text(report: Bieu06) -> str:
    from counter_app.reports import form06

    by = "lĩnh vực" if report.by == "field" else "thủ tục"
    lines = [
        f"{form06.FORM} — {report.agency_name} ({report.agency_code})",
        f"{form06.period_line(report)}; theo {by}.",
    ]
    for row in (*report.rows, report.total):
        c = row.counts
        lines += [
            "",
            row.name.upper() if row is report.total else row.name,
            f"  Nhận giải quyết {c.received} (từ kỳ trước {c.carried_over}, trực tuyến "
            f"{c.online}, trực tiếp {c.direct}, bưu chính {c.postal})",
            f"  Đã giải quyết {c.resolved} (trước hạn {c.early}, đúng hạn {c.on_time}, "
            f"quá hạn {c.late}; trong đó rút {c.withdrawn}, dừng {c.stopped}, "
            f"từ chối {c.refused})",
            f"  Đang giải quyết {c.in_progress} (trong hạn {c.within_time}, quá hạn "
            f"{c.overdue}; tạm dừng chờ bổ sung {c.paused})",
            f"  Tỷ lệ trước hạn và đúng hạn: {_number(c.on_time_rate)}",
        ]
    if not report.rows:
        lines += ["", "Không có hồ sơ nào trong kỳ."]
    return "\n".join(lines)


def ontime_text(report: Ontime) -> str:
    by = {
        "field": "lĩnh vực",
        "procedure": "thủ tục",
        "unit": "đơn vị",
        "officer": "cán bộ tiếp nhận",
        "month": "tháng báo cáo",
    }[report.by]
    period = report.period
    lines = [
        f"Tỷ lệ giải quyết trước hạn và đúng hạn — {report.agency_code}",
        f"{period.wording[:1].upper()}{period.wording[1:]}; theo {by}.",
        "",
    ]
    for row in (*report.rows, report.total):
        steps = (
            f"; bước xử lý quá thời gian {row.steps_behind}/{row.steps}"
            if row.steps is not None
            else ""
        )
        lines.append(
            f"{row.name}: đã giải quyết {row.resolved} (trước hạn {row.early}, đúng "
            f"hạn {row.on_time}, quá hạn {row.late}) — {_number(row.on_time_rate)}"
            f"{steps}"
        )
    return "\n".join(lines)
