"""`counter-app scanners`: the desk's scanners (docs/digitisation-devices.md). It needs no
database: it runs before one is opened."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from counter_app.cli.output import write_out

if TYPE_CHECKING:
    from counter_app.cli.context import Commands
    from counter_app.config import Settings


def add_commands(commands: Commands) -> None:
    scanners = commands.add("scanners", "các máy quét mà máy tính này thấy", acting_officer=False)
    scanners.set_defaults(no_database=cmd_scanners)


def cmd_scanners(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.scanning.pick import pick_scanner

    found = pick_scanner().devices()
    if args.json:
        text = json.dumps({"scanners": [d.json() for d in found]}, ensure_ascii=False, indent=2)
        write_out(text, json_output=True)
    elif found:
        write_out("\n".join(f"{d.name}  {d.vendor} {d.model}".rstrip() for d in found))
    else:
        write_out("Không tìm thấy máy quét nào: kiểm tra cáp USB và nguồn của máy quét.")
    return 0
