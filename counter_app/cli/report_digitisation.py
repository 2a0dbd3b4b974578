"""`counter-app report digitisation` (docs/digitisation.md): the portal's and the strict
digitisation rates, and the result rate, as text, JSON, a workbook or a PDF; with
`--missing component|required|result`, the dossiers that miss one of them instead."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from counter_app.vocabulary import DIGITISATION_MISSING

if TYPE_CHECKING:
    from counter_app.cli.context import Context
    from counter_app.reports.digitisation import Digitisation, MissingList
    from counter_app.reports.periods import Period

MISSED = {
    "component": "hồ sơ tiếp nhận chưa có thành phần nào được số hóa",
    "required": "hồ sơ tiếp nhận chưa số hóa đủ thành phần bắt buộc",
    "result": "hồ sơ đã có kết quả nhưng kết quả chưa được số hóa",
}


def add_arguments(form: argparse.ArgumentParser) -> None:
    form.add_argument(
        "--missing",
        choices=DIGITISATION_MISSING,
        help="liệt kê các hồ sơ chưa đạt: component (cách tính của Cổng), required "
        "(cách tính đủ), result (kết quả)",
    )
    form.add_argument(
        "--key", metavar="KEY", help="với --missing: chỉ các hồ sơ của nhóm này (khóa của dòng)"
    )


def run(ctx: Context, period_of: Callable[[argparse.Namespace, int], Period]) -> int:
    from counter_app.db import unit_of_work
    from counter_app.errors import ValidationError
    from counter_app.reports import digitisation as rates
    from counter_app.reports import digitisation_export as export
    from counter_app.reports.access import seen
    from counter_app.reports.export import officer_name
    from counter_app.services import desk

    a = ctx.args
    rates.checked_by(a.by)
    if a.key is not None and a.missing is None:
        raise ValidationError("--key chỉ dùng cùng --missing.", "key")
    if a.missing and a.output:
        raise ValidationError("--missing liệt kê hồ sơ, không ghi ra tệp (-o).", "output")
    output = export.checked_path(a.output) if a.output else None
    with unit_of_work(ctx.sessions) as session:
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        period = period_of(a, agency.report_cutoff_day)
    ctx.act(
        lambda s, who: seen(
            s,
            who,
            "digitisation",
            ctx.now(),
            bool(output),
            first=period.first,
            last=period.last,
            by=a.by,
        )
    )
    with unit_of_work(ctx.sessions, snapshot=True) as session:
        if a.missing:
            found = rates.missing(session, agency, period, a.missing, a.by, a.key)
            ctx.emit(missing_json(found, period), missing_text(found, period))
            return 0
        report = rates.digitisation(session, agency, period, a.by)
        if output:
            officer = (
                ctx.who.printed_name
                if ctx.signed
                else officer_name(session, ctx.settings.officer, ctx.settings.officer_name)
            )
            data = export.document(
                agency, report, output, officer, ctx.now(), os.environ.get("COUNTER_APP_FONT")
            )
    result = rates.as_json(report)
    if not output:
        ctx.emit(result, text(report))
        return 0
    export.save(output, data)
    ctx.emit(result | {"file": str(output)}, f"{text(report)}\n\nĐã ghi ra {output}.")
    return 0


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + " %"


def text(report: Digitisation) -> str:
    by = {"field": "lĩnh vực", "procedure": "thủ tục", "officer": "cán bộ tiếp nhận"}[report.by]
    lines = [
        f"Tỷ lệ số hóa hồ sơ và kết quả — {report.agency_name} ({report.agency_code})",
        f"{report.period.wording[:1].upper()}{report.period.wording[1:]}; theo {by}.",
    ]
    for row in (*report.rows, report.total):
        f = row.figures
        gap = "" if f.gap is None else f" (chênh lệch {f.gap:.2f} điểm)".replace(".", ",")
        lines += [
            "",
            row.name.upper() if row is report.total else f"{row.name} [{row.key}]",
            f"  Tiếp nhận {f.received}: có thành phần số hóa {f.with_component} — "
            f"cách tính của Cổng {_rate(f.portal_rate)}; đủ thành phần bắt buộc "
            f"{f.all_required} — cách tính đủ {_rate(f.strict_rate)}{gap}",
            f"  Đã có kết quả {f.resolved}: kết quả được số hóa {f.with_result} — "
            f"{_rate(f.result_rate)}",
        ]
    if not report.rows:
        lines += ["", "Không có hồ sơ nào trong kỳ."]
    return "\n".join(lines)


def missing_json(found: MissingList, period: Period) -> dict[str, object]:
    return {
        "period": {"from": period.first.isoformat(), "to": period.last.isoformat()},
        "missing": found.which,
        "count": found.count,
        "dossiers": [{"code": d.code, "key": d.key} for d in found.dossiers],
    }


def missing_text(found: MissingList, period: Period) -> str:
    head = f"{found.count} {MISSED[found.which]} ({period.wording}):"
    return "\n".join([head, *(f"  {d.code}  {d.applicant}" for d in found.dossiers)])
