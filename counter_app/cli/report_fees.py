"""`counter-app report fees` (docs/fees.md "Reports"): the fees collected in a period by
kind, method, procedure or officer, the exemptions and the replaced receipts, as
Vietnamese text, JSON, a workbook or a PDF."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from counter_app.cli.dates import add_period

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context
    from counter_app.reports.fees import FeeReport
    from counter_app.reports.periods import Period

BY = {"procedure": "thủ tục", "officer": "cán bộ thu"}


def add_arguments(commands: Commands, nested: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    form: argparse.ArgumentParser = commands.add(
        "fees", "phí, lệ phí đã thu: theo loại, hình thức, thủ tục, cán bộ; miễn; thay thế", nested
    )
    add_period(form)
    form.add_argument("--by", choices=tuple(BY), default=None, help="liệt kê theo")
    form.add_argument(
        "-o", "--output", metavar="FILE.xlsx|FILE.pdf", help="ghi ra tệp Excel hoặc PDF"
    )


def run(ctx: Context, period_of: Callable[[argparse.Namespace, int], Period]) -> int:
    from counter_app.db import unit_of_work
    from counter_app.reports import fees_export as export
    from counter_app.reports.access import seen
    from counter_app.reports.export import officer_name
    from counter_app.reports.fees import as_json, checked_by, fees
    from counter_app.services import desk

    a = ctx.args
    checked_by(a.by)
    output = export.checked_path(a.output) if a.output else None
    with unit_of_work(ctx.sessions) as session:
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        period = period_of(a, agency.report_cutoff_day)
    ctx.act(
        lambda s, who: seen(
            s,
            who,
            "fees",
            ctx.now(),
            bool(output),
            first=period.first,
            last=period.last,
            by=a.by,
        )
    )
    with unit_of_work(ctx.sessions, snapshot=True) as session:  # figures of one state
        report = fees(session, agency, period, a.by)
        if output:
            officer = (
                ctx.who.printed_name
                if ctx.signed
                else officer_name(session, ctx.settings.officer, ctx.settings.officer_name)
            )
            data = export.document(
                agency, report, output, officer, ctx.now(), os.environ.get("COUNTER_APP_FONT")
            )
    result = as_json(report)
    if not output:
        ctx.emit(result, text(report))
        return 0
    export.save(output, data)
    ctx.emit(result | {"file": str(output)}, f"{text(report)}\n\nĐã ghi ra {output}.")
    return 0


def money(amount: int) -> str:
    return f"{amount:,} đồng".replace(",", ".")


METHODS = {"cash": "tiền mặt", "transfer": "chuyển khoản", "qr": "VietQR"}


def _methods(by_method: dict[str, int]) -> str:
    return "; ".join(f"{name} {money(by_method[k])}" for k, name in METHODS.items())


def text(report: FeeReport) -> str:
    from counter_app.reports.fees_export import period_line
    from counter_app.reports.fees_export import receipt_label as label

    lines = [
        f"Phí, lệ phí đã thu — {report.agency_name} ({report.agency_code})",
        f"{period_line(report)}.",
        "",
        f"Đã thu: {report.count} biên lai, {money(report.amount)} (biên lai còn hiệu lực).",
        f"  Phí {money(report.by_kind['phi'])}; lệ phí {money(report.by_kind['le_phi'])}.",
        f"  T{_methods(report.by_method)[1:]}.",  # "tiền mặt …" first
    ]
    if report.by:
        lines += ["", f"Theo {BY[report.by]}:"]
        lines += [
            f"  {r.key} {r.name}: {r.count} biên lai, {money(r.amount)} ({_methods(r.by_method)})"
            for r in report.rows
        ] or ["  Không có biên lai nào trong kỳ."]
    lines += ["", "Hồ sơ được miễn phí, lệ phí:"]
    lines += [
        f"  {e.who} ({e.basis}) [{e.code}]: {e.count} hồ sơ, miễn {money(e.amount)}"
        for e in report.exemptions
    ] or ["  Không có hồ sơ nào được miễn trong kỳ."]
    lines += ["", "Biên lai bị thay thế (không tính vào số đã thu):"]
    lines += [
        f"  {label(r.series, r.number)} → {label(r.by[1], r.by[2])}, hồ sơ {r.dossier}, "
        f"{money(r.amount)}: {r.reason}"
        for r in report.replaced
    ] or ["  Không có biên lai nào bị thay thế trong kỳ."]
    return "\n".join(lines)
