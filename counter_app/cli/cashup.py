"""`counter-app cashup --officer U --counted N [-o FILE.pdf]` and `cashup --officer U
--open` (docs/fees.md "Cash-up"). As with `audit`, the `--officer` after the sub-command
names whose shift it is; the officer who acts is named before it (or by
COUNTER_APP_OFFICER). A refusal exits 2 and writes nothing."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context
    from counter_app.fees.cashup import CashUp

PDF_HINT = "một tên tệp .pdf"


def add_commands(commands: Commands) -> None:
    cashup = commands.add(
        "cashup",
        "kết sổ ca thu phí, lệ phí của một cán bộ (cán bộ thực hiện: --officer đặt trước "
        "lệnh, hoặc COUNTER_APP_OFFICER)",
        acting_officer=False,
    )
    cashup.add_argument(
        "--officer", dest="shift_officer", required=True, metavar="U", help="cán bộ có ca thu"
    )
    what = cashup.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--counted", metavar="N", help="số tiền mặt đếm được (đồng, viết liền các chữ số)"
    )
    what.add_argument(
        "--open", action="store_true", help="mở ca mới (sau khi kết sổ, để thu lại tiền mặt)"
    )
    cashup.add_argument("-o", "--output", metavar="FILE", help="in bảng kê ra tệp PDF")
    cashup.add_argument(
        "--paper", choices=("A4", "A5"), default="A4", help="khổ giấy (mặc định A4)"
    )


def cmd_cashup(ctx: Context) -> int:
    from counter_app.errors import ValidationError
    from counter_app.formats import iso, show_datetime

    a = ctx.args
    if a.open:
        if a.output:
            raise ValidationError("-o chỉ dùng khi kết sổ (--counted), không khi mở ca.", "output")
        officer, opened = ctx.act(lambda s, who: _open(s, who, a.shift_officer, ctx.now()))
        ctx.emit(
            {"officer": officer, "opened_at": iso(opened)},
            f"Đã mở ca thu cho cán bộ {officer} (từ {show_datetime(opened)}).",
            f"Đã mở ca thu cho cán bộ {officer}",
        )
        return 0
    up = _close(ctx)
    done = f"Đã kết sổ ca thu của cán bộ {up.officer}"
    ctx.emit(_json(up, a.output), _text(up, a.output), done)
    if a.output:
        from counter_app.printing import fonts

        notice = fonts.font_in_use(os.environ.get("COUNTER_APP_FONT") or None).notice
        if notice:  # not Times New Roman: said, never silent (beside the output)
            print(notice, file=sys.stderr)
    return 0


def _open(session: Any, who: Any, username: str, now: datetime) -> tuple[str, datetime]:
    from counter_app.fees import shifts
    from counter_app.models import Officer

    shift = shifts.open_shift(session, who, username, now)
    return session.get_one(Officer, shift.officer_id).username, shift.opened_at


def _close(ctx: Context) -> CashUp:
    """The close, and its sheet written before the close commits: a sheet that could not
    be written leaves the shift open, to be cashed up again."""
    from counter_app import out_files
    from counter_app.fees import cashup
    from counter_app.fees.cashup_sheet import sheet
    from counter_app.printing.cashup import render_cashup
    from counter_app.printing.data import PageOptions

    a = ctx.args
    counted = cashup.counted_from_text(a.counted)
    target = out_files.checked(a.output, PDF_HINT) if a.output is not None else None
    options = PageOptions(paper=a.paper, font_path=os.environ.get("COUNTER_APP_FONT") or None)

    def work(session: Any, who: Any) -> CashUp:
        up = cashup.close(session, who, a.shift_officer, counted, ctx.now())
        if target is not None:
            pdf = render_cashup(sheet(session, up, ctx.settings.agency_code), options)
            out_files.replace(target, pdf, PDF_HINT)
        return up

    up: CashUp = ctx.act(work)
    return up


def _json(up: CashUp, output: str | None) -> dict[str, Any]:
    from counter_app.formats import iso

    return {
        "officer": up.officer,
        "opened_at": iso(up.opened_at),
        "closed_at": iso(up.closed_at),
        "closed_by": up.closed_by,
        "receipts": {m: {"count": t.count, "amount": t.amount} for m, t in up.totals.items()},
        "expected_cash": up.expected_cash,
        "counted": up.counted,
        "difference": up.difference,
        "lines": [
            {
                "template": x.template,
                "series": x.series,
                "number": x.number,
                "code": x.code,
                "method": x.method,
                "amount": x.amount,
                "line": x.line,
            }
            for x in up.lines
        ],
        "file": output,
    }


def _text(up: CashUp, output: str | None) -> str:
    from counter_app.fees.cashup import difference_text
    from counter_app.fees.payments import METHODS, money
    from counter_app.formats import show_datetime

    lines = [
        f"Kết sổ ca thu của cán bộ {up.officer}: từ {show_datetime(up.opened_at)} "
        f"đến {show_datetime(up.closed_at)}."
    ]
    lines += [
        f"  {METHODS.get(m, m)}: {t.count} biên lai, {money(t.amount)}"
        for m, t in up.totals.items()
    ]
    lines.append(
        f"Tiền mặt phải có {money(up.expected_cash)}; đếm được {money(up.counted)}; "
        f"chênh lệch: {difference_text(up.difference)}."
    )
    if output:
        lines.append(f"Đã in bảng kê ra {output}.")
    return "\n".join(lines)


HANDLERS = {"cashup": cmd_cashup}
