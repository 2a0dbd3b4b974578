"""The `counter-app` command line (docs/cli.md): options and sub-commands."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from counter_app import __version__, clock
from counter_app.cli import reports
from counter_app.cli.argparse_vi import vietnamese
from counter_app.errors import RefusedInput
from counter_app.vocabulary import CHANNELS, OUTCOMES


class Parser(argparse.ArgumentParser):
    """Speaks Vietnamese (help and errors alike), and refuses bad arguments the way every
    refusal is made: one `error:` line, exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with vietnamese():
            super().__init__(*args, **kwargs)

    def parse_known_args(
        self,
        args: Sequence[str] | None = None,  # type: ignore[override]
        namespace: Any = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        with vietnamese():
            return super().parse_known_args(args, namespace)

    def parse_args(
        self,
        args: Sequence[str] | None = None,  # type: ignore[override]
        namespace: Any = None,
    ) -> argparse.Namespace:
        with vietnamese():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with vietnamese():
            return super().format_usage()

    def format_help(self) -> str:
        with vietnamese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (xem: {self.prog} --help)")


class UsageError(RefusedInput):
    pass


def _common(defaults: bool, acting_officer: bool = True) -> argparse.ArgumentParser:
    """Global options, accepted before or after the sub-command (`audit` has an --officer
    of its own, a filter: there the acting officer is named before the sub-command)."""
    keep = None if defaults else argparse.SUPPRESS
    parser = Parser(add_help=False)
    parser.add_argument(
        "--db",
        metavar="URL",
        default=keep,
        help="SQLAlchemy URL của cơ sở dữ liệu (mặc định: tệp SQLite của máy)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if defaults else keep,
        help="in kết quả dạng JSON",
    )
    if acting_officer:
        parser.add_argument(
            "--officer",
            metavar="USERNAME",
            default=keep,
            help="cán bộ thực hiện (mặc định: cán bộ của bàn); mật khẩu "
            "trong COUNTER_APP_PASSWORD khi cơ sở dữ liệu cần đăng nhập",
        )
    return parser


def desk_options(argv: list[str]) -> argparse.Namespace | None:
    """The options of the desk window alone, read without building every sub-command's
    parser (a few milliseconds of start-up); None when `argv` holds anything else (a
    command, --help, a mistake), which the full parser then reads and explains."""
    parser = Parser(prog="counter-app", add_help=False, parents=[_common(defaults=True)])
    parser.add_argument("--check-start", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except UsageError:
        return None
    args.command = None
    return None if rest else args


def build() -> argparse.ArgumentParser:
    parser = Parser(
        prog="counter-app",
        description="Bộ phận một cửa: tiếp nhận, luân chuyển và trả kết quả hồ sơ.",
        parents=[_common(defaults=True)],
    )
    parser.add_argument(
        "--check-start",
        action="store_true",
        help="mở cửa sổ, chờ danh sách đầu tiên, in thời gian, thoát",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"counter-app {__version__}",
        help="in số phiên bản rồi thoát",
    )
    commands = SubCommands(parser.add_subparsers(dest="command", metavar="LỆNH"))
    _add_desk(commands)
    _add_lifecycle(commands)
    _add_print(commands)
    _add_backup(commands)
    from counter_app.cli import cashup as cashup_commands
    from counter_app.cli import citizen, devices, digitise, hall, officers, portal, queue, sync
    from counter_app.cli import fees as fee_commands

    # hall: kiosk, display; citizen: rate, complaint; fees: fees, fee, pay, receipt, vietqr
    for module in (devices, officers, digitise, sync, portal, queue, hall, citizen, fee_commands):
        module.add_commands(commands)
    cashup_commands.add_commands(commands)
    reports.add_arguments(commands)
    return parser


class SubCommands:
    """Adds sub-commands that all accept the global options."""

    def __init__(self, subparsers: Any) -> None:
        self.subparsers = subparsers
        self.common = [_common(defaults=False)]
        self.common_but_officer = [_common(defaults=False, acting_officer=False)]

    def add(
        self, name: str, help_text: str, under: Any = None, acting_officer: bool = True
    ) -> argparse.ArgumentParser:
        return (under or self.subparsers).add_parser(
            name, help=help_text, parents=self.common if acting_officer else self.common_but_officer
        )


CODE_HELP = "mã hồ sơ, như in trên giấy tiếp nhận"
MOMENT_HELP = "thời điểm ISO 8601, ví dụ 2026-02-13T10:00:00+07:00"
TICKET_HELP = "số thứ tự vừa gọi dẫn đến việc này, ví dụ A021 (docs/queue.md)"


def _add_desk(commands: SubCommands) -> None:
    """Set-up, catalog, and the read-only commands."""
    init = commands.add("init", "tạo hoặc nâng cấp cơ sở dữ liệu")
    init.add_argument("--demo", action="store_true", help="nạp danh mục mẫu và hồ sơ mẫu")
    init.add_argument(
        "--days",
        type=int,
        default=365,
        metavar="N",
        help="số ngày công việc mẫu đến hôm qua (mặc định 365)",
    )
    init.add_argument(
        "--no-officers",
        action="store_true",
        help="với --demo: không tạo cán bộ mẫu (bàn mẫu không cần đăng nhập)",
    )

    catalog = commands.add("catalog", "danh mục thủ tục")
    nested = catalog.add_subparsers(dest="catalog_command", metavar="LỆNH", required=True)
    commands.add("import", "nhập tệp danh mục JSON", nested).add_argument(
        "file", metavar="FILE", help="tệp danh mục JSON (UTF-8)"
    )
    commands.add("list", "các thủ tục đang có hiệu lực", nested)
    exp = commands.add("export", "xuất danh mục ra JSON", nested)
    exp.add_argument("-o", "--output", metavar="FILE", help="tệp ghi ra (mặc định: màn hình)")

    deadline = commands.add("deadline", "tính ngày hẹn trả, không ghi gì")
    deadline.add_argument("procedure", metavar="PROCEDURE", help="mã thủ tục, ví dụ 1.001193")
    deadline.add_argument("received_at", metavar="RECEIVED_AT", help=MOMENT_HELP)
    deadline.add_argument(
        "--channel",
        choices=CHANNELS,
        default="direct",
        help="cách nộp: trực tiếp, trực tuyến, bưu chính",
    )

    receive = commands.add("receive", "tiếp nhận một hồ sơ từ tệp JSON (hoặc - cho đầu vào chuẩn)")
    receive.add_argument(
        "file", metavar="FILE|-", help="tệp hồ sơ JSON, hoặc - để đọc đầu vào chuẩn"
    )
    receive.add_argument("--ticket", metavar="TICKET", help=TICKET_HELP)
    commands.add("show", "xem một hồ sơ và lịch sử").add_argument(
        "code", metavar="CODE", help=CODE_HELP
    )
    commands.add("find", "tìm hồ sơ theo mã, tên, số giấy tờ, điện thoại").add_argument(
        "text", metavar="TEXT", help="mã, tên (không dấu cũng được), số giấy tờ hoặc điện thoại"
    )


def _add_lifecycle(commands: SubCommands) -> None:
    """Reception and everything after it."""
    handoff = commands.add("handoff", "bàn giao hồ sơ cho đơn vị (một lô)")
    handoff.add_argument("codes", metavar="CODE", nargs="+", help="các mã hồ sơ của lô")
    handoff.add_argument(
        "--to", dest="unit", metavar="UNIT", required=True, help="mã đơn vị nhận, ví dụ TP-HT"
    )
    handoff.add_argument("--note", metavar="TEXT", help="ghi chú của lô")

    result = commands.add("result", "đơn vị trả kết quả về bộ phận một cửa")
    result.add_argument("code", metavar="CODE", help=CODE_HELP)
    result.add_argument(
        "--outcome",
        choices=OUTCOMES,
        default="approved",
        help="giải quyết (approved) hay từ chối (refused)",
    )
    result.add_argument("--note", metavar="TEXT", help="ghi chú")

    ret = commands.add("return", "trả kết quả cho công dân")
    ret.add_argument("code", metavar="CODE", help=CODE_HELP)
    who = ret.add_mutually_exclusive_group(required=True)
    who.add_argument("--receiver", metavar="NAME", help="họ tên người nhận")
    who.add_argument("--post", metavar="TRACKING", help="mã bưu gửi, khi trả qua bưu điện")
    ret.add_argument("--receiver-id", metavar="ID", help="số giấy tờ của người nhận")
    ret.add_argument("--ticket", metavar="TICKET", help=TICKET_HELP)
    _add_changes(commands)


def _add_changes(commands: SubCommands) -> None:
    """Supplements, extensions, and the ends other than a result."""
    sup = commands.add("supplement", "yêu cầu công dân bổ sung hồ sơ")
    sup.add_argument("code", metavar="CODE", help=CODE_HELP)
    sup.add_argument("--items", metavar="TEXT", required=True, help="các giấy tờ cần bổ sung")
    sup.add_argument("--reason", metavar="TEXT", help="lý do")

    commands.add("supplied", "công dân đã nộp bổ sung").add_argument(
        "code", metavar="CODE", help=CODE_HELP
    )
    extend = commands.add("extend", "gia hạn, hẹn lại ngày trả (mẫu 04)")
    extend.add_argument("code", metavar="CODE", help=CODE_HELP)
    extend.add_argument(
        "--due", metavar="DATETIME", required=True, help="hẹn trả mới, " + MOMENT_HELP
    )
    extend.add_argument("--reason", metavar="TEXT", required=True, help="lý do chậm")

    for name, text in (
        ("withdraw", "công dân rút hồ sơ"),
        ("stop", "dừng giải quyết (mẫu 05)"),
        ("refuse", "từ chối hồ sơ đã ghi nhận (mẫu 03)"),
    ):
        closing = commands.add(name, text)
        closing.add_argument("code", metavar="CODE", help=CODE_HELP)
        closing.add_argument("--reason", metavar="TEXT", required=True, help="lý do")


PRINT_FORMS = (
    "receipt",
    "supplement",
    "apology",
    "stop",
    "control-sheet",
    "refusal",
    "register",
    "handover",
)


def _add_print(commands: SubCommands) -> None:
    printing = commands.add("print", "in phiếu, sổ ra tệp PDF")
    printing.add_argument("form", choices=PRINT_FORMS, metavar="FORM", help=", ".join(PRINT_FORMS))
    printing.add_argument("code", nargs="?", metavar="CODE", help=CODE_HELP)
    printing.add_argument(
        "-o", "--output", metavar="FILE.pdf", required=True, help="tệp PDF ghi ra"
    )
    printing.add_argument("--intake", metavar="FILE", help="hồ sơ không tiếp nhận (refusal)")
    printing.add_argument("--reason", metavar="TEXT", help="lý do từ chối (refusal)")
    printing.add_argument(
        "--from",
        dest="first",
        metavar="DATE",
        type=day_text,
        help="sổ từ ngày YYYY-MM-DD (register)",
    )
    printing.add_argument(
        "--to", dest="last", metavar="DATE", type=day_text, help="sổ đến ngày YYYY-MM-DD (register)"
    )
    printing.add_argument(
        "--paper",
        choices=("A4", "A5"),
        help="khổ giấy (A5 chỉ cho giấy tiếp nhận; mặc định: COUNTER_APP_PAPER "
        "cho giấy tiếp nhận, A4 cho các mẫu khác)",
    )
    printing.add_argument("--signer", metavar="NAME", help="người ký (apology, stop)")


def day_text(value: str) -> str:
    """A date argument (YYYY-MM-DD, within the years a desk can meet), as text; a wrong
    one is refused without being repeated."""
    try:
        return clock.parse_day(value).isoformat()
    except clock.OutOfRange:
        raise argparse.ArgumentTypeError(f"cần một ngày {clock.RANGE_TEXT}") from None
    except ValueError:
        raise argparse.ArgumentTypeError("cần một ngày dạng YYYY-MM-DD") from None


def _add_backup(commands: SubCommands) -> None:
    """Copies of the desk's SQLite database (README: officers); refused before connecting
    to anything else. `--automatic`: the OS scheduler's daily copy, needing no login."""
    backup = commands.add("backup", "sao lưu cơ sở dữ liệu của bàn (khi các bàn vẫn làm việc)")
    where = backup.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="FILE", help="tệp ghi ra (mặc định: backups/)")
    where.add_argument("--automatic", action="store_true", help="sao vào backups/, không đăng nhập")
    restore = commands.add("restore", "khôi phục từ một bản sao lưu đã kiểm tra")
    restore.add_argument("file", metavar="FILE", help="bản sao lưu (tệp mô tả FILE.json bên cạnh)")
    for command in (backup, restore):
        command.set_defaults(sqlite_only=True)
