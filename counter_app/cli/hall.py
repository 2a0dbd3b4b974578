"""`counter-app kiosk` and `counter-app display`: the hall's two windows (docs/hall.md),
started like the desk window, on this PC's database and settings (a joined PC's queue is
the office server's). They open no database here: their windows do, in the background."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.cli.context import Commands
    from counter_app.config import Settings


def add_commands(commands: Commands) -> None:
    kiosk = commands.add(
        "kiosk",
        "máy lấy số: cửa sổ toàn màn hình, cảm ứng; thoát bằng Ctrl+Shift+Q (nhân viên)",
        acting_officer=False,
    )
    kiosk.add_argument(
        "--paper",
        choices=("A6", "80mm"),
        default="A6",
        help="khổ phiếu khi in ra máy in thường (không có COUNTER_APP_TICKET_PRINTER); mặc định A6",
    )
    display = commands.add(
        "display",
        "màn hình gọi số ở sảnh: số đang gọi, các số vừa gọi, đọc số",
        acting_officer=False,
    )
    display.add_argument(
        "--screen",
        type=int,
        metavar="N",
        help="màn hình thứ N (1 là màn hình chính; mặc định: màn hình thứ hai nếu có)",
    )
    for parser in (kiosk, display):
        parser.add_argument(
            "--windowed", action="store_true", help="cửa sổ thường thay vì toàn màn hình (thử)"
        )
    kiosk.set_defaults(no_database=cmd_kiosk)
    display.set_defaults(no_database=cmd_display)


def cmd_kiosk(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.ui.hall.launch import run_kiosk

    return run_kiosk(args.db, paper=args.paper, windowed=args.windowed)


def cmd_display(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.ui.hall.launch import run_display

    return run_display(args.db, screen=args.screen, windowed=args.windowed)
