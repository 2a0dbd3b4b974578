"""`counter-app print FORM …`: gather the form's data, render the PDF, write it atomically,
and record the print on the dossier."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from counter_app.cli.commands import Context, read_json
from counter_app.db import unit_of_work
from counter_app.errors import ValidationError
from counter_app.printing import letters, tables
from counter_app.printing.data import PageOptions
from counter_app.services import desk, printouts, reception
from counter_app.services.intake_file import read_intake
from counter_app.services.lifecycle import required_text

DEFAULT_SIGNER = "Chủ tịch UBND"


def cmd_print(ctx: Context) -> int:
    a = ctx.args
    if a.paper == "A5" and a.form != "receipt":
        raise ValidationError("Khổ A5 chỉ dùng cho giấy tiếp nhận (receipt).", "paper")
    paper = a.paper or (ctx.settings.paper if a.form == "receipt" else "A4")
    options = PageOptions(paper=paper, font_path=os.environ.get("COUNTER_APP_FONT") or None,
                          lookup_url=os.environ.get("COUNTER_APP_LOOKUP_URL") or None)  # fmt: skip
    if a.form == "refusal" and not a.code:  # at the counter: nothing recorded to name
        pdf, codes = _refusal(ctx, options), []
    elif a.form == "register":
        pdf, codes = _register(ctx, options), []
    else:
        if not a.code:
            raise ValidationError(f"print {a.form} cần mã hồ sơ (CODE).", "code")
        pdf, codes = _dossier_form(ctx, options)
    _write(Path(a.output), pdf, lambda: _record(ctx, codes))
    ctx.emit({"form": a.form, "file": a.output, "bytes": len(pdf), "dossiers": codes},
             f"Đã in {a.form} ra {a.output}.")  # fmt: skip
    return 0


def _dossier_form(ctx: Context, options: PageOptions) -> tuple[bytes, list[str]]:
    a = ctx.args
    if a.intake or a.reason:
        raise ValidationError(f"print {a.form} CODE không nhận --intake, --reason: chúng chỉ "
                              "dùng cho phiếu từ chối tại quầy, khi chưa có mã hồ sơ.",
                              "intake")  # fmt: skip
    with unit_of_work(ctx.sessions) as session:
        return printouts.render(session, a.form, a.code, options, ctx.now(),
                                printouts.signer(a.signer, DEFAULT_SIGNER))


def _refusal(ctx: Context, options: PageOptions) -> bytes:
    a = ctx.args
    if not a.intake:
        raise ValidationError("print refusal cần --intake TỆP.", "intake")
    reason = required_text(a.reason, "reason", "lý do từ chối")
    document = read_intake(read_json(a.intake))
    officer = ctx.settings.officer_name or ctx.settings.officer
    with unit_of_work(ctx.sessions) as session:
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        data = reception.refusal(session, agency, document, reason, officer, ctx.now())
    return letters.render_refusal(data, options)


def _register(ctx: Context, options: PageOptions) -> bytes:
    a = ctx.args
    try:
        first, last = date.fromisoformat(a.first or ""), date.fromisoformat(a.last or "")
    except ValueError:
        message = "print register cần --from và --to dạng YYYY-MM-DD."
        raise ValidationError(message, "from") from None
    with unit_of_work(ctx.sessions) as session:
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        data = printouts.register(session, agency, first, last, ctx.now())
    return tables.render_register(data, options)


def _record(ctx: Context, codes: list[str]) -> None:
    if codes:
        ctx.act(lambda s, who: [printouts.record_print(s, who, c, ctx.args.form, ctx.now())
                                for c in codes])  # fmt: skip


def _write(path: Path, pdf: bytes, then: Callable[[], None]) -> None:
    """Write next to the target and rename, so a crash never leaves half a PDF."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise ValidationError(f"Thư mục '{folder}' không tồn tại.", "output")
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pdf)
            out.flush()
            os.fsync(out.fileno())
        then()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
