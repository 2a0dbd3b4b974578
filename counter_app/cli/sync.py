"""`counter-app server …`, `join`, `sync`, `sync status`, `conflicts` (docs/office-server.md)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from counter_app.errors import CounterError, ValidationError

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context

ADMIN_HELP = "URL PostgreSQL của người quản trị máy chủ (chủ cơ sở dữ liệu hoặc superuser)"
NO_LOGIN = ("server",)  # they work on the server with its administrator's URL


def add_commands(commands: Commands) -> None:
    server = commands.add("server", "máy chủ văn phòng: khởi tạo, công bố danh mục, thêm bàn")
    nested = server.add_subparsers(dest="server_command", metavar="LỆNH", required=True)
    init = commands.add("init", "tạo hoặc nâng cấp lược đồ trên máy chủ", nested)
    imp = commands.add("catalog", "công bố danh mục thủ tục lên máy chủ", nested)
    imp.add_argument("what", choices=("import",), metavar="import")
    imp.add_argument("file", metavar="FILE", help="tệp danh mục JSON")
    add = commands.add("add-desk", "tạo tài khoản cho một bàn (in URL một lần)", nested)
    add.add_argument("name", metavar="NAME", help="tên bàn")
    add.add_argument("--agency", required=True, metavar="CODE", help="mã cơ quan của bàn")
    add.add_argument(
        "--host",
        metavar="HOST:PORT",
        help="địa chỉ máy chủ mà các bàn thấy (mặc định: như URL quản trị)",
    )
    reader = commands.add(
        "add-reader",
        "tạo tài khoản chỉ đọc cho báo cáo của lãnh đạo, trong một cơ quan (in URL một lần)",
        nested,
    )
    reader.add_argument("name", metavar="NAME", help="tên tài khoản đọc báo cáo")
    reader.add_argument("--agency", required=True, metavar="CODE", help="mã cơ quan")
    reader.add_argument(
        "--host",
        metavar="HOST:PORT",
        help="địa chỉ bản sao báo cáo mà các bàn thấy (mặc định: như URL quản trị)",
    )
    remove = commands.add("remove-desk", "khoá tài khoản của một bàn", nested)
    remove.add_argument("name", metavar="NAME", help="tên bàn")
    unread = commands.add("remove-reader", "khoá tài khoản đọc báo cáo", nested)
    unread.add_argument("name", metavar="NAME", help="tên tài khoản đọc báo cáo")
    sender = commands.add(
        "portal-sender", "chỉ định bàn duy nhất gửi tin lên Cổng DVC của cơ quan", nested
    )
    sender.add_argument("name", metavar="NAME", help="tên bàn")
    officer = commands.add(
        "officer",
        "cán bộ của văn phòng: thêm, đổi mật khẩu, khoá, mở khoá (các bàn nhận ở lần đồng bộ tới)",
        nested,
    )
    what = officer.add_subparsers(dest="officer_command", metavar="LỆNH", required=True)
    o_add = commands.add("add", "thêm cán bộ (mật khẩu: COUNTER_APP_NEW_PASSWORD)", what)
    o_add.add_argument("--name", required=True, metavar="NAME", help="họ tên đầy đủ")
    o_add.add_argument(
        "--role", required=True, metavar="ROLE", help="reception, leader, admin hoặc inspector"
    )
    o_others = [
        commands.add(name, text, what)
        for name, text in (
            ("passwd", "đặt mật khẩu mới (COUNTER_APP_NEW_PASSWORD)"),
            ("disable", "khoá tài khoản"),
            ("enable", "mở lại tài khoản"),
        )
    ]
    for parser in (o_add, *o_others):
        parser.add_argument("username", metavar="USERNAME", help="tên đăng nhập")
        parser.add_argument("--agency", required=True, metavar="CODE", help="mã cơ quan")
    for parser in (init, imp, add, reader, unread, remove, sender, o_add, *o_others):
        parser.add_argument("--admin-url", required=True, metavar="URL", help=ADMIN_HELP)
    join = commands.add("join", "tham gia máy chủ văn phòng bằng URL do quản trị cấp")
    join.add_argument("url", metavar="URL", help="URL in ra bởi server add-desk")
    sync = commands.add("sync", "đồng bộ ngay với máy chủ văn phòng")
    sync.add_argument(
        "what",
        nargs="?",
        choices=("status",),
        metavar="status",
        help="tình trạng đồng bộ, không kết nối",
    )
    commands.add("conflicts", "việc của bàn này mà máy chủ không nhận")


def _read_catalog(path: str) -> Any:
    from counter_app.cli.context import read_json
    from counter_app.services.documents import json_input

    return read_json(path, json_input.CATALOG_MAX)


def cmd_server(ctx: Context) -> int:
    from counter_app.sync.reach import admin_trouble

    try:
        return _server(ctx)
    except Exception as error:  # a connection that failed: say what to fix
        told = admin_trouble(error)
        if told is None:
            raise
        raise told from None


def _server(ctx: Context) -> int:
    from counter_app.sync import server

    a = ctx.args
    match a.server_command:
        case "init":
            done = server.install(a.admin_url)
            ctx.emit(
                {"schema_version": done.version, "applied": done.applied},
                f"Lược đồ máy chủ ở phiên bản {done.version}"
                + (
                    f" (vừa áp dụng: {', '.join(done.applied)})."
                    if done.applied
                    else " (không có gì mới)."
                ),
            )
        case "catalog":
            report = server.publish_catalog(a.admin_url, _read_catalog(a.file), ctx.now())
            ctx.emit(
                report.__dict__,
                f"Đã công bố danh mục của {report.agency_code}: "
                f"{report.procedures} thủ tục, {report.new_versions} "
                "phiên bản mới.",
            )
        case "add-desk":
            url = server.add_desk(a.admin_url, a.name, a.agency, a.host)
            ctx.emit(
                {"desk": a.name.strip(), "url": url},
                f"Đã tạo bàn {a.name.strip()}. URL để bàn tham gia (chỉ in một lần, "
                f"hãy chép ngay):\n{url}",
            )
        case "add-reader":
            from counter_app.sync.readers import add_reader

            url = add_reader(a.admin_url, a.name, a.agency, a.host)
            ctx.emit(
                {"reader": a.name.strip(), "url": url},
                f"Đã tạo tài khoản đọc báo cáo {a.name.strip()}. Đặt URL này vào "
                f"COUNTER_APP_REPORT_URL trên máy của lãnh đạo (chỉ in một lần, hãy chép "
                f"ngay):\n{url}",
            )
        case "remove-reader":
            from counter_app.sync.readers import remove_reader

            remove_reader(a.admin_url, a.name)
            ctx.emit(
                {"reader": a.name.strip(), "active": False},
                f"Đã khoá tài khoản đọc báo cáo {a.name.strip()}: URL của nó không còn "
                "đăng nhập được.",
            )
        case "officer":
            return _office_officer(ctx)
        case "portal-sender":
            from counter_app.sync.portal_office import designate

            agency, before = designate(a.admin_url, a.name)
            ctx.emit(
                {"desk": a.name.strip(), "agency": agency, "replaced": before},
                f"Bàn {a.name.strip()} là máy gửi tin lên Cổng của {agency}"
                + (f"; thôi gửi: {', '.join(before)}." if before else "."),
            )
        case _:
            server.remove_desk(a.admin_url, a.name)
            ctx.emit(
                {"desk": a.name.strip(), "active": False},
                f"Đã khoá bàn {a.name.strip()}; dữ liệu của bàn vẫn được giữ.",
            )
    return 0


def _office_officer(ctx: Context) -> int:
    from counter_app.cli.officers import new_password
    from counter_app.sync import office_officers as officers

    a, now = ctx.args, ctx.now()
    if a.officer_command == "add":
        done = officers.add(a.admin_url, a.agency, a.username, a.name, a.role, new_password(), now)
    elif a.officer_command == "passwd":
        done = officers.change(a.admin_url, a.agency, a.username, now, password=new_password())
    else:
        done = officers.change(
            a.admin_url, a.agency, a.username, now, active=a.officer_command == "enable"
        )
    ctx.emit(
        {
            "username": done.username,
            "name": done.name,
            "role": done.role,
            "active": done.active,
            "agency": done.agency,
        },
        f"Đã ghi cán bộ {done.username} ({done.name}) của {done.agency} trên máy chủ; các "
        f"bàn nhận ở lần đồng bộ tới.",
    )
    return 0


def cmd_join(ctx: Context) -> int:
    from counter_app.acting.roles import Permission, require
    from counter_app.sync.join import join

    ctx.act(lambda s, who: require(who, Permission.SETTINGS), need_agency=False)
    joined = join(ctx.sessions, ctx.settings.db_url, ctx.args.url)
    ctx.emit(
        joined,
        f"Bàn đã tham gia máy chủ {joined['server']} với tên «{joined['desk']}»; "
        "lần đồng bộ đầu tiên sẽ gửi toàn bộ dữ liệu của bàn.",
    )
    return 0


def cmd_sync(ctx: Context) -> int:
    from counter_app.db import unit_of_work
    from counter_app.sync import engine, state
    from counter_app.sync.join import status
    from counter_app.sync.link import Link, Offline

    if ctx.args.what == "status":
        with unit_of_work(ctx.sessions) as session:
            told = status(session, ctx.settings.db_url, ctx.now().date())
        told.pop("last_error", None)
        ctx.emit(told, _status_text(told))
        return 0
    url = state.load_url(ctx.settings.db_url)
    if url is None:
        raise ValidationError("Bàn này chưa tham gia máy chủ văn phòng (counter-app join URL).")
    try:
        with Link(url) as link:
            done = engine.sync_once(ctx.sessions, link, ctx.now, ctx.settings.agency_code)
            files = _send_documents(ctx, link)
    except Offline as error:
        with unit_of_work(ctx.sessions, write=True) as session:
            state.put(session, "last_error", str(error))
        print(f"error: {error} Không mất gì: lần đồng bộ sau sẽ gửi tiếp.", file=sys.stderr)
        return 1
    result = {
        "pushed": done.pushed,
        "pulled": done.pulled,
        "pending": done.pending,
        "rejected": done.rejected,
        "documents": files,
    }
    ctx.emit(
        result,
        f"Đã gửi {done.pushed}, nhận {done.pulled}; còn chờ gửi {done.pending}; "
        f"máy chủ không nhận {done.rejected}.\nTệp giấy tờ: đã gửi {files['sent']} "
        f"({files['bytes'] / 1024:.0f} KB), còn chờ gửi {files['waiting']}.",
    )
    return 0


def _send_documents(ctx: Context, link: Any) -> dict[str, int]:
    """After the events, every file of this desk's documents the server lacks, each from
    the chunk the server has (sync/documents.py); a desk without a documents folder has
    none. No budget here: the command is run to send."""
    from counter_app.digitisation.store import Store, root_of
    from counter_app.sync import documents

    try:
        store = Store(root_of(ctx.settings.db_url))
    except CounterError:
        return {"sent": 0, "bytes": 0, "waiting": 0}
    sent = documents.upload(ctx.sessions, link, store, budget=1 << 40)
    return {"sent": sent.files, "bytes": sent.bytes, "waiting": sent.waiting}


def _status_text(told: dict[str, Any]) -> str:
    if not told["server"]:
        return "Bàn làm việc một mình (chưa tham gia máy chủ văn phòng)."
    reserve = ", ".join(f"{day}: {n}" for day, n in told["reserve"].items()) or "không còn"
    return (
        f"Máy chủ: {told['server']}\nChờ gửi: {told['pending']}\nĐồng bộ lần cuối: "
        f"{told['last_sync_at'] or 'chưa lần nào'}\nSố hồ sơ dự phòng: {reserve}\n"
        f"Xung đột chưa xử lý: {told['conflicts']}\n"
        f"Tệp giấy tờ chờ gửi: {told['documents']['waiting']}"
    )


def cmd_conflicts(ctx: Context) -> int:
    from counter_app.acting.roles import Permission, require
    from counter_app.sync.join import conflicts, label

    def read(session: Any, who: Any) -> Any:
        require(who, Permission.READ_DOSSIERS)
        return conflicts(session)

    found = ctx.act(read, need_agency=False)
    ctx.emit(
        {
            "conflicts": [
                {
                    "code": c.code,
                    "event": c.event,
                    "reason": c.reason,
                    "server_status": c.server_status,
                    "at": c.at,
                    "resolved": c.resolved,
                }
                for c in found
            ]
        },
        "\n".join(
            f"{c.code} · {c.event} · {c.reason} · máy chủ: {label(c.server_status)}"
            f"{' · đã xử lý' if c.resolved else ''}"
            for c in found
        )
        or "Không có xung đột.",
    )
    return 0
