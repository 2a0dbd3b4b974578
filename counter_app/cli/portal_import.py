"""`counter-app portal import FILE|-`, `portal accept CODE` and `portal waiting`: online
dossiers from the national portal (docs/portal.md, "Hồ sơ trực tuyến vào").

Made to be merged with the outbox's `portal` command (configure, send, status, export):
`add_inbound(commands, nested)` adds these three sub-commands under any `portal` parser whose
sub-parsers write `portal_command`, and `INBOUND` maps their names to their handlers, for
that command's dispatcher. `add_commands` and `HANDLERS` make a `portal` command of these
alone until then."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.cli import render
from counter_app.cli.context import read_json
from counter_app.digitisation.store import Store, root_of
from counter_app.formats import iso, show_datetime
from counter_app.portal import inbound, waiting
from counter_app.portal.inbound_file import PORTAL_MAX, read_portal_dossier
from counter_app.services.dossiers import views

if TYPE_CHECKING:
    from collections.abc import Callable

    from counter_app.cli.context import Commands, Context


def add_inbound(commands: Commands, nested: Any) -> None:
    """`import`, `accept` and `waiting` under the `portal` command's sub-parsers."""
    got = commands.add("import", "nhận một hồ sơ trực tuyến từ cổng (tệp JSON hoặc -)", nested)
    got.add_argument(
        "file", metavar="FILE|-", help="đối tượng hồ sơ của cổng (JSON), hoặc - cho đầu vào chuẩn"
    )
    commands.add("accept", "tiếp nhận một hồ sơ trực tuyến đang chờ", nested).add_argument(
        "code", metavar="CODE", help="mã hồ sơ, như in trên giấy tiếp nhận"
    )
    commands.add("waiting", "các hồ sơ trực tuyến chờ tiếp nhận", nested)


def add_commands(commands: Commands) -> None:
    portal = commands.add("portal", "cổng dịch vụ công quốc gia: hồ sơ trực tuyến")
    nested = portal.add_subparsers(dest="portal_command", metavar="LỆNH", required=True)
    add_inbound(commands, nested)


def cmd_import(ctx: Context) -> int:
    from counter_app.sync.reception import prepare

    name = ctx.args.file
    online = read_portal_dossier(
        read_json(name, PORTAL_MAX), None if name == "-" else Path(name).parent
    )
    store = Store(root_of(ctx.settings.db_url)) if online.attachments else None
    number, now = prepare(ctx.settings.db_url, ctx.now())  # joined: the server's number

    def work(session: Session, who: Actor) -> tuple[inbound.Imported, views.DossierView]:
        done = inbound.import_online(session, who, online, now, store=store, number=number)
        return done, views.dossier_by_code(session, done.code)

    try:
        done, view = ctx.act(work)
    except IntegrityError:  # the same dossier imported at the same moment elsewhere
        done, view = ctx.act(work)
    data = render.dossier_json(view) | {
        "portal_code": online.portal_code,
        "imported": done.imported,
        "digitised": done.digitised,
    }
    said = (
        f"Đã nhận hồ sơ trực tuyến {view.code} ({inbound.WAITING_LABEL.lower()})"
        if done.imported
        else f"Hồ sơ trực tuyến này đã được nhận trước đó: {view.code} (không ghi thêm)"
    )
    ctx.emit(data, f"{said}.\n{render.dossier_text(view)}", f"Đã nhận hồ sơ {view.code}")
    return 0


def cmd_accept(ctx: Context) -> int:
    view = ctx.act(
        lambda s, who: views.dossier_by_code(
            s, inbound.accept(s, who, ctx.args.code, ctx.now()).code
        )
    )
    return ctx.show(view, f"Đã tiếp nhận hồ sơ trực tuyến {view.code}")


def cmd_waiting(ctx: Context) -> int:
    now = ctx.now()
    rows = ctx.look(
        lambda s, _who: waiting.waiting(s, now),
        "list",
        detail=lambda r: {"list": "portal_waiting"},
    )
    ctx.emit(
        {
            "waiting": [
                {
                    "code": w.code,
                    "portal_code": w.portal_code,
                    "submitted_at": iso(w.received_at),
                    "due_at": iso(w.due_at),
                    "answer_due_at": iso(w.answer_due_at),
                }
                for w in rows
            ]
        },
        "\n".join(
            f"{w.code}  cổng {w.portal_code}  nộp {show_datetime(w.received_at)}  "
            f"hạn trả lời {show_datetime(w.answer_due_at)}"
            + (" (quá hạn)" if w.urgency == waiting.Urgency.OVERDUE else "")
            for w in rows
        )
        or f"Không có {inbound.WAITING_LABEL.lower()}.",
    )
    return 0


INBOUND: dict[str, Callable[[Context], int]] = {
    "import": cmd_import,
    "accept": cmd_accept,
    "waiting": cmd_waiting,
}


def cmd_portal(ctx: Context) -> int:
    return INBOUND[ctx.args.portal_command](ctx)


HANDLERS = {"portal": cmd_portal}
