"""`counter-app print FORM …`: gather the form's data, render the PDF, write it atomically,
and record the print on the dossier once the file is there."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from counter_app import out_files
from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.cli.context import Context, read_json
from counter_app.errors import ValidationError
from counter_app.printing import fonts, letters
from counter_app.printing.data import PageOptions
from counter_app.services import desk
from counter_app.services.dossiers.lifecycle import required_text
from counter_app.services.intake.intake_file import read_intake
from counter_app.services.printouts import printouts, register, sheets

DEFAULT_SIGNER = "Chủ tịch UBND"
PDF_HINT = "một tên tệp .pdf"
NAMES = printouts.FORM_LABELS | {"register": "Sổ theo dõi hồ sơ"}


def cmd_print(ctx: Context) -> int:
    a = ctx.args
    if a.paper == "A5" and a.form != "receipt":
        raise ValidationError("Khổ A5 chỉ dùng cho giấy tiếp nhận (receipt).", "paper")
    target = out_files.checked(a.output, PDF_HINT)
    paper = a.paper or (ctx.settings.paper if a.form == "receipt" else "A4")
    options = PageOptions(
        paper=paper,
        font_path=os.environ.get("COUNTER_APP_FONT") or None,
        lookup_url=os.environ.get("COUNTER_APP_LOOKUP_URL") or None,
    )
    if a.form == "refusal" and not a.code:  # at the counter: nothing recorded to name
        pdf, codes = _refusal(ctx, options), []
    elif a.form == "register":
        pdf, codes = _register(ctx, options), []
    else:
        if not a.code:
            raise ValidationError(f"print {a.form} cần mã hồ sơ (CODE).", "code")
        pdf, codes = _dossier_form(ctx, options)
    out_files.replace(target, pdf, PDF_HINT)
    _record(ctx, codes)  # only once the file is there: a print that failed is not recorded
    ctx.emit(
        {"form": a.form, "file": a.output, "bytes": len(pdf), "dossiers": codes},
        f"Đã in {NAMES[a.form]} ra {a.output}.",
    )
    notice = fonts.font_in_use(options.font_path).notice
    if notice:  # not Times New Roman: said, never silent (one line, beside the output)
        print(notice, file=sys.stderr)
    return 0


def _dossier_form(ctx: Context, options: PageOptions) -> tuple[bytes, list[str]]:
    a = ctx.args
    if a.intake or a.reason:
        raise ValidationError(
            f"print {a.form} CODE không nhận --intake, --reason: chúng chỉ "
            "dùng cho phiếu từ chối tại quầy, khi chưa có mã hồ sơ.",
            "intake",
        )

    def render(session: Session, who: Actor) -> tuple[bytes, list[str]]:
        require(who, Permission.PRINT)
        return printouts.render(
            session, a.form, a.code, options, ctx.now(), printouts.signer(a.signer, DEFAULT_SIGNER)
        )

    return ctx.look(
        render,
        code=lambda got: got[1][0] if got[1] else None,  # type: ignore[no-any-return]
        detail=lambda _: {"form": a.form},
    )


def _refusal(ctx: Context, options: PageOptions) -> bytes:
    a = ctx.args
    if not a.intake:
        raise ValidationError("print refusal cần --intake TỆP.", "intake")
    reason = required_text(a.reason, "reason", "lý do từ chối")
    document = read_intake(read_json(a.intake))
    officer = (
        ctx.who.printed_name
        if ctx.signed
        else printouts.printed_name(ctx.settings.officer_name, ctx.settings.officer)
    )

    def gather(session: Session, who: Actor) -> Any:
        require(who, Permission.PRINT)
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        return sheets.refusal(session, agency, document, reason, officer, ctx.now())

    return letters.render_refusal(ctx.act(gather), options)


def _register(ctx: Context, options: PageOptions) -> bytes:
    a = ctx.args
    try:
        first, last = date.fromisoformat(a.first or ""), date.fromisoformat(a.last or "")
    except ValueError:
        message = "print register cần --from và --to dạng YYYY-MM-DD."
        raise ValidationError(message, "from") from None

    def draw(session: Session, who: Actor) -> bytes:  # lines are read as they are drawn
        require(who, Permission.PRINT)
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        return register.register_pdf(
            session, agency, first, last, ctx.now(), font_path=options.font_path
        )

    return ctx.look(
        draw,
        "list",
        detail=lambda _: {  # type: ignore[no-any-return]
            "list": "register",
            "from": first.isoformat(),
            "to": last.isoformat(),
        },
    )


def _record(ctx: Context, codes: list[str]) -> None:
    if codes:
        ctx.act(
            lambda s, who: [
                printouts.record_print(s, who, c, ctx.args.form, ctx.now()) for c in codes
            ]
        )
