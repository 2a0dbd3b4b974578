"""The fee commands (docs/fees.md): `fees configure`, `fee CODE`, `pay CODE`,
`receipt replace SERIES NUMBER`, `vietqr CODE`. Money is whole đồng; a refusal exits 2
and writes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context
    from counter_app.fees.payments import Owed, Paid, ReceiptNumbers


def add_commands(commands: Commands) -> None:
    from counter_app.cli.parser import CODE_HELP

    fees = commands.add("fees", "cấu hình thu phí, lệ phí của cơ quan")
    nested = fees.add_subparsers(dest="fees_command", metavar="LỆNH", required=True)
    configure = commands.add(
        "configure", "tài khoản thu (VietQR), mẫu số và ký hiệu biên lai", nested
    )
    configure.add_argument("--bank-bin", metavar="BIN", help="mã BIN 6 số của ngân hàng")
    configure.add_argument("--account", metavar="NO", help="số tài khoản thu của cơ quan")
    configure.add_argument("--account-name", metavar="NAME", help="tên tài khoản")
    configure.add_argument("--receipt-template", metavar="T", help="mẫu số biên lai")
    configure.add_argument("--receipt-series", metavar="S", help="ký hiệu biên lai")
    configure.add_argument(
        "--ereceipt-folder", metavar="DIR", help="thư mục công cụ nhập biên lai điện tử đọc"
    )
    fee = commands.add("fee", "phí, lệ phí của một hồ sơ: phải nộp, đã nộp, còn lại")
    fee.add_argument("code", metavar="CODE", help=CODE_HELP)
    fee.add_argument("--exempt", metavar="MÃ", help="miễn theo một trường hợp của thủ tục")
    pay = commands.add("pay", "thu phí, lệ phí của một hồ sơ và cấp biên lai")
    pay.add_argument("code", metavar="CODE", help=CODE_HELP)
    pay.add_argument("--method", required=True, choices=("cash", "transfer", "qr"))
    pay.add_argument("--amount", type=int, metavar="N", help="số đồng (mặc định: số còn lại)")
    receipt = commands.add("receipt", "biên lai thu phí, lệ phí")
    under = receipt.add_subparsers(dest="receipt_command", metavar="LỆNH", required=True)
    replace = commands.add("replace", "cấp biên lai mới thay thế một biên lai sai", under)
    replace.add_argument("series", metavar="SERIES", help="ký hiệu của biên lai sai")
    replace.add_argument("number", type=int, metavar="NUMBER", help="số của biên lai sai")
    replace.add_argument("--reason", required=True, metavar="TEXT", help="lý do thay thế")
    commands.add("send", "gửi các biên lai chưa gửi cho nhà cung cấp biên lai điện tử", under)
    printed = commands.add("print", "in biên lai ra tệp (A5: PDF; 80mm: ảnh PNG)", under)
    printed.add_argument("series", metavar="SERIES", help="ký hiệu biên lai")
    printed.add_argument("number", type=int, metavar="NUMBER", help="số biên lai")
    printed.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp ghi ra")
    printed.add_argument("--paper", choices=("A5", "80mm"), default="A5", help="khổ giấy")
    statement = commands.add("statement", "sao kê ngân hàng")
    steps = statement.add_subparsers(dest="statement_command", metavar="LỆNH", required=True)
    imported = commands.add(
        "import", "đối chiếu sao kê (CSV, XLSX) với các khoản chuyển khoản", steps
    )
    imported.add_argument("file", metavar="FILE", help="tệp sao kê xuất từ ngân hàng điện tử")
    qr = commands.add("vietqr", "mã VietQR để chuyển khoản số còn phải nộp của hồ sơ")
    qr.add_argument("code", metavar="CODE", help=CODE_HELP)


def _numbers(ctx: Context) -> ReceiptNumbers:
    """The desk's own series, or on a joined desk a number leased from the office server
    (offline: refused before anything is written)."""
    from counter_app.fees.office_numbers import numbers_for

    return numbers_for(ctx.settings.db_url, ctx.sessions, ctx.settings.agency_code)


def _owed_json(o: Owed) -> dict[str, Any]:
    exempt = f"{o.exemption.who} ({o.exemption.basis})" if o.exemption else None
    return {
        "code": o.code,
        "items": [{"name": i.name, "kind": i.kind, "amount": i.amount} for i in o.items],
        "exempt": exempt,
        "due": o.due,
        "paid": o.paid,
        "left": o.left,
        "collect": o.collect,
    }


def _owed_text(o: Owed) -> str:
    from counter_app.fees.payments import money
    from counter_app.services.catalog.fee_schedule import COLLECT, KINDS

    if not o.items:
        return f"Hồ sơ {o.code}: thủ tục không thu phí, lệ phí."
    lines = [f"Hồ sơ {o.code} — {COLLECT[o.collect].lower()}:"]
    lines += [f"  {KINDS[i.kind]}: {i.name}: {money(i.amount)}" for i in o.items]
    if o.exemption:
        lines.append(f"  Miễn: {o.exemption.who} ({o.exemption.basis})")
    lines.append(f"Phải nộp {money(o.due)}; đã nộp {money(o.paid)}; còn lại {money(o.left)}.")
    return "\n".join(lines)


def _paid_json(p: Paid) -> dict[str, Any]:
    r = p.receipt
    receipt = {"template": r.template, "series": r.series, "number": r.number}
    return {"code": p.code, "receipt": receipt, "amount": p.amount, "method": p.method}


def _paid_text(p: Paid, what: str) -> str:
    from counter_app.fees.payments import METHODS, money

    r = p.receipt
    return (
        f"{what} {money(p.amount)} ({METHODS[p.method].lower()}) của hồ sơ {p.code}: "
        f"biên lai mẫu số {r.template}, ký hiệu {r.series}, số {r.number:07d}."
    )


def cmd_fees(ctx: Context) -> int:
    from dataclasses import asdict
    from pathlib import Path

    from counter_app.fees import settings

    a = ctx.args
    changes = settings.Settings(
        a.bank_bin,
        a.account,
        a.account_name,
        a.receipt_template,
        a.receipt_series,
        str(Path(a.ereceipt_folder).resolve()) if a.ereceipt_folder else None,
    )
    done = ctx.act(lambda s, who: settings.configure(s, who, changes, ctx.now()))
    shown = {k: v for k, v in asdict(done).items()}
    text = "\n".join(f"{k}: {v if v is not None else '—'}" for k, v in shown.items())
    ctx.emit(shown, f"Cấu hình thu phí, lệ phí:\n{text}", "Đã lưu cấu hình thu phí")
    return 0


def cmd_fee(ctx: Context) -> int:
    from counter_app.db import unit_of_work
    from counter_app.fees import payments

    a = ctx.args
    if a.exempt:
        owed = ctx.act(lambda s, who: payments.exempt(s, who, a.code, a.exempt, ctx.now()))
    else:
        with unit_of_work(ctx.sessions) as session:
            owed = payments.owed(session, payments.dossier_of(session, a.code))
    ctx.emit(_owed_json(owed), _owed_text(owed), f"Đã ghi miễn phí cho hồ sơ {owed.code}")
    return 0


def cmd_pay(ctx: Context) -> int:
    from counter_app.fees import payments

    a = ctx.args
    numbers = _numbers(ctx)
    paid = ctx.act(
        lambda s, who: payments.pay(s, who, a.code, a.method, a.amount, ctx.now(), numbers)
    )
    ctx.emit(_paid_json(paid), _paid_text(paid, "Đã thu"), f"Đã thu phí hồ sơ {paid.code}")
    return 0


def cmd_receipt(ctx: Context) -> int:
    from counter_app.fees import payments

    a = ctx.args
    if a.receipt_command == "print":
        return _print(ctx)
    if a.receipt_command == "send":
        return _send(ctx)
    numbers = _numbers(ctx)
    paid = ctx.act(
        lambda s, who: payments.replace(s, who, a.series, a.number, a.reason, ctx.now(), numbers)
    )
    data = _paid_json(paid) | {"replaces": {"series": a.series, "number": a.number}}
    text = (
        _paid_text(paid, "Biên lai thay thế cho")
        + f" Thay thế biên lai {a.series} số {a.number:07d}."
    )
    ctx.emit(data, text, f"Đã cấp biên lai thay thế cho hồ sơ {paid.code}")
    return 0


def _send(ctx: Context) -> int:
    """The outbox to the e-receipt provider drained; exit 1 when it could not be reached."""
    from counter_app.fees import ereceipt_outbox
    from counter_app.services import desk

    def adapter_of(session):  # type: ignore[no-untyped-def]
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        return ereceipt_outbox.adapter_for(session, agency.id)

    tally = ereceipt_outbox.drain(ctx.sessions, adapter_of, ctx.now)
    data = {"sent": tally.sent, "failed": tally.failed, "pending": tally.pending}
    text = f"Đã gửi {tally.sent} biên lai; bị từ chối {tally.failed}; còn chờ gửi {tally.pending}."
    if tally.trouble:
        text += f"\nDừng lại: {tally.trouble}"
    ctx.emit(data | {"trouble": tally.trouble}, text)
    return 1 if tally.trouble else 0


def _print(ctx: Context) -> int:
    """The receipt drawn to a file; reading it (the payer's name) is in the audit trail."""
    from counter_app import out_files
    from counter_app.acting.roles import Permission, require
    from counter_app.fees.receipts import receipt_of, render

    a = ctx.args
    hint = "một tệp .pdf (A5) hoặc .png (80mm)"
    target = out_files.checked(a.output, hint)

    def drawn(session, who):  # type: ignore[no-untyped-def]
        require(who, Permission.PRINT)
        receipt = receipt_of(session, a.series, a.number)
        return render(receipt, a.paper), receipt.dossier_code

    data, _ = ctx.look(drawn, code=lambda r: r[1], detail=lambda _: {"form": "fee_receipt"})
    out_files.replace(target, data, hint)
    ctx.emit(
        {"series": a.series, "number": a.number, "file": a.output, "bytes": len(data)},
        f"Đã in biên lai {a.series} số {a.number:07d} ra {a.output}.",
    )
    return 0


def cmd_vietqr(ctx: Context) -> int:
    from counter_app.db import unit_of_work
    from counter_app.errors import RefusedInput
    from counter_app.fees import payments, settings
    from counter_app.fees.vietqr import payload

    with unit_of_work(ctx.sessions) as session:
        dossier = payments.dossier_of(session, ctx.args.code)
        left = payments.owed(session, dossier).left
        if left <= 0:
            raise RefusedInput(f"Hồ sơ {dossier.code} không còn khoản phí, lệ phí nào phải nộp.")
        qr = settings.qr_for(session, dossier, left)
    text = payload(qr)
    ctx.emit(
        {"payload": text, "amount": qr.amount, "purpose": qr.purpose},
        f"VietQR {payments.money(left)} cho hồ sơ {dossier.code}:\n{text}",
    )
    return 0


def cmd_statement(ctx: Context) -> int:
    from pathlib import Path

    from counter_app.fees.payments import money
    from counter_app.fees.statement_import import import_statement

    path = Path(ctx.args.file)
    done = ctx.act(lambda s, who: import_statement(s, who, path, ctx.now()))
    unmatched = [
        {"line": line.line, "amount": line.amount, "purpose": line.purpose}
        for line in done.unmatched
    ]
    text = [
        f"Khớp {len(done.matched)} dòng; không khớp {len(unmatched)}; "
        f"đã khớp từ trước {done.already}."
    ]
    text += [f"  Dòng {line.line}: hồ sơ {code}" for line, code in done.matched]
    text += [
        f"  Không khớp — dòng {u['line']}: {money(u['amount'])}: {u['purpose']}" for u in unmatched
    ]
    ctx.emit(
        {
            "matched": len(done.matched),
            "unmatched": unmatched,
            "already": done.already,
            "dossiers": [code for _, code in done.matched],
        },
        "\n".join(text),
        f"Đã đối chiếu sao kê: khớp {len(done.matched)} dòng",
    )
    return 0


HANDLERS = {
    "fees": cmd_fees,
    "fee": cmd_fee,
    "pay": cmd_pay,
    "receipt": cmd_receipt,
    "vietqr": cmd_vietqr,
    "statement": cmd_statement,
}
