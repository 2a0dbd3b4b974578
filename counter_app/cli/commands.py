"""One handler per sub-command: open a unit of work, call a service, print the result."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app import out_files
from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, allows
from counter_app.cli import (
    cashup,
    citizen,
    complaints,
    digitise,
    fees,
    officers,
    portal,
    queue,
    queue_link,
    render,
    steps,
    sync,
)
from counter_app.cli.backup import cmd_backup, cmd_restore
from counter_app.cli.context import Context, read_json
from counter_app.cli.dates import moment
from counter_app.cli.output import write_out
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import unit_of_work
from counter_app.db_files import why
from counter_app.errors import OutputLost, ValidationError
from counter_app.formats import iso, show_datetime
from counter_app.officers.demo_officers import DEMO_OFFICERS, add_demo_officers
from counter_app.officers.session import needs_login
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.catalog.catalog_export import export_catalog
from counter_app.services.demo import demo
from counter_app.services.documents import json_input
from counter_app.services.dossiers import search, views
from counter_app.services.dossiers.views import DossierView
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake


def cmd_init(ctx: Context) -> int:
    """The schema is already migrated by main(); register the desk, and the demo if asked."""
    loaded = 0
    if not 1 <= ctx.args.days <= 3650:
        raise ValidationError("--days: từ 1 đến 3650 ngày.", "days")
    if ctx.signed is None and needs_login(ctx.place):
        # officers exist (login on): the database is set up; the start command goes on to
        # the desk's login page, nothing is written without an officer
        return _said_ready(ctx, "Cơ sở dữ liệu đã sẵn sàng và đã bật đăng nhập: không thay đổi gì.")
    if ctx.args.demo:
        from counter_app.sync.reception import joined

        if joined(ctx.settings.db_url):  # demo dossiers would go to the office's server
            return _said_ready(
                ctx,
                "Bàn này đã tham gia máy chủ văn phòng: không nạp dữ liệu "
                "mẫu (chúng sẽ bị gửi lên máy chủ).",
            )
    with unit_of_work(ctx.sessions, write=True) as session:
        desk.local_desk(session)
        desk.officer(session, ctx.settings.officer, ctx.settings.officer_name)
        if ctx.args.demo:
            loaded = demo.load(
                session, SAMPLE_CATALOG, ctx.now(), ctx.settings.officer, days=ctx.args.days
            )
        if loaded and not ctx.args.no_officers:  # last: the demo's work is by the desk
            who = desk.actor(session, ctx.settings.officer, None, need_agency=False)
            add_demo_officers(session, who, ctx.now())
    if not ctx.args.demo:
        message = "Cơ sở dữ liệu đã sẵn sàng."
    elif loaded and not ctx.args.no_officers:
        names = ", ".join(f"{o.username} / {o.password}" for o in DEMO_OFFICERS)
        message = (
            f"Đã nạp danh mục mẫu và {loaded} hồ sơ mẫu; bàn mẫu cần đăng nhập, "
            f"cán bộ mẫu (tên / mật khẩu, chỉ dùng thử): {names}."
        )
    elif loaded:
        message = f"Đã nạp danh mục mẫu và {loaded} hồ sơ mẫu."
    else:
        message = "Cơ sở dữ liệu đã có hồ sơ: không nạp thêm dữ liệu mẫu."
    shown = make_url(ctx.settings.db_url).render_as_string(hide_password=True)
    ctx.emit(
        {"database": shown, "demo_dossiers": loaded},
        f"{message}\nCơ sở dữ liệu: {shown}",
        message.rstrip("."),
    )
    return 0


def _said_ready(ctx: Context, message: str) -> int:
    """`init` with nothing to do: said, exit 0 (the desk's start command goes on)."""
    shown = make_url(ctx.settings.db_url).render_as_string(hide_password=True)
    ctx.emit(
        {"database": shown, "demo_dossiers": 0},
        f"{message}\nCơ sở dữ liệu: {shown}",
        message.rstrip("."),
    )
    return 0


def cmd_catalog(ctx: Context) -> int:
    if ctx.args.catalog_command == "import":
        from counter_app.sync.reception import joined

        if joined(ctx.settings.db_url):
            raise ValidationError(
                "Danh mục do máy chủ văn phòng quản lý: công bố trên máy chủ "
                "(counter-app server catalog import); bàn nhận khi đồng bộ."
            )
        data = read_json(ctx.args.file, json_input.CATALOG_MAX)
        report = ctx.act(
            lambda s, who: catalog.import_catalog(
                s, data, ctx.now(), ctx.settings.agency_code, actor=who
            ),
            need_agency=False,
        )  # the first catalog brings the agency
        ctx.emit(
            report.__dict__, render.import_text(report), f"Đã ghi danh mục của {report.agency_code}"
        )
        return 0
    with unit_of_work(ctx.sessions) as session:
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        if ctx.args.catalog_command == "export":
            document = export_catalog(session, agency)
            text = json.dumps(document, ensure_ascii=False, indent=2)
            if ctx.args.output:
                target = out_files.checked(ctx.args.output, "một tên tệp .json")
                try:
                    out_files.replace(target, (text + "\n").encode("utf-8"))
                except OSError as error:
                    raise OutputLost(
                        f"Không ghi được tệp '{ctx.args.output}': {why(error)}."
                    ) from None
            else:
                write_out(text, json_output=True)
            return 0
        procedures = catalog.procedures_in_force(session, agency, ctx.now().date())
    ctx.emit(
        {"procedures": [render.procedure_json(p) for p in procedures]},
        "\n".join(render.procedure_line(p) for p in procedures),
    )
    return 0


def cmd_deadline(ctx: Context) -> int:
    received_at = moment(ctx.args.received_at, "RECEIVED_AT")
    with unit_of_work(ctx.sessions) as session:
        agency = desk.desk_agency(session, ctx.settings.agency_code)
        version = catalog.version_in_force(session, agency, ctx.args.procedure, received_at.date())
        dates = intake.appointment(session, agency, version, ctx.args.channel, received_at)
    data = {
        "procedure": ctx.args.procedure,
        "received_at": iso(dates.received_at),
        "effective_received_at": iso(dates.effective_received_at),
        "due_at": iso(dates.due_at),
    }
    due = show_datetime(dates.due_at) if dates.due_at else "không hẹn ngày trả"
    ctx.emit(
        data,
        f"Tiếp nhận {show_datetime(dates.received_at)}, tính từ "
        f"{show_datetime(dates.effective_received_at)}: hẹn trả {due}.",
    )
    return 0


def cmd_receive(ctx: Context) -> int:
    from counter_app.sync.reception import prepare

    document = read_intake(read_json(ctx.args.file))
    ticket = queue_link.checked(ctx)  # --ticket: called? (before anything is written)
    number, now = prepare(ctx.settings.db_url, ctx.now())  # joined: the server's number

    def receive(session: Session, who: Actor) -> DossierView:
        return views.dossier_by_code(
            session, intake.receive(session, who, document, now, number).code
        )

    try:
        view = ctx.act(receive)
    except IntegrityError:  # another desk recorded the same request first (shared server)
        if not document.request_id:
            raise
        view = ctx.act(receive)
    queue_link.record(ctx, ticket, view.code, "reception")
    return ctx.show(view, f"Đã ghi hồ sơ {view.code}")


def cmd_show(ctx: Context) -> int:
    view = ctx.look(
        lambda s, who: views.shown_to(
            views.dossier_by_code(s, ctx.args.code), allows(who, Permission.READ_PERSONAL)
        ),
        code=lambda v: v.code,
    )
    return ctx.show(view)


def cmd_find(ctx: Context) -> int:
    def found(s: Session, who: Actor) -> list[DossierView]:
        personal = allows(who, Permission.READ_PERSONAL)
        ids = search.find_ids(s, ctx.args.text, personal=personal)
        return [views.shown_to(v, personal) for v in views.dossiers_by_ids(s, ids)]

    results = ctx.look(found, "list", detail=lambda r: {"list": "search", "rows": len(r)})
    text = "\n".join(render.dossier_line(v) for v in results) or "Không tìm thấy hồ sơ nào."
    ctx.emit({"results": [render.dossier_json(v) for v in results]}, text)
    return 0


HANDLERS: dict[str, Callable[[Context], int]] = {
    "init": cmd_init,
    "catalog": cmd_catalog,
    "deadline": cmd_deadline,
    "receive": cmd_receive,
    "show": cmd_show,
    "find": cmd_find,
    **steps.HANDLERS,
    **digitise.HANDLERS,
    "officer": officers.cmd_officer,
    "audit": officers.cmd_audit,
    "server": sync.cmd_server,
    "join": sync.cmd_join,
    "sync": sync.cmd_sync,
    "conflicts": sync.cmd_conflicts,
    "portal": portal.cmd_portal,
    "queue": queue.cmd_queue,
    "rate": citizen.cmd_rate,
    **complaints.HANDLERS,
    **fees.HANDLERS,
    **cashup.HANDLERS,
    "backup": cmd_backup,
    "restore": cmd_restore,
}
