"""Ticket benchmark (issue 22): the kiosk's ticket from "touch" to the bytes flushed to an
ESC/POS device file, against python-escpos alone writing the same ticket's pre-rendered
image to a device file (the baseline), interleaved.

    python bench/ticket.py [--n 50] [--cold 5] [--width 576]

Ours, timed from the call the kiosk makes with the ticket's plain values: `Ticket(...)`,
`print_ticket(ticket, FileConnection(path))` (the ticket drawn with Pillow, its QR, the
ESC/POS job built, the device opened, written, flushed to the OS, closed). Each round a new
ticket number, so nothing drawn is reused. Baseline: `escpos.printer.File(path)` with a
576-dot profile, `.image(picture)` of that round's ticket drawn before the clock starts,
`.cut()`, `.close()`: the printer library's own cost of the same bytes. The device is a
plain file in a temporary folder (a real printer then takes its own time to print: a
USB thermal printer prints 576-dot lines at 150–250 mm/s, about 0.5 s for this ticket).
`--n` rounds after one warm round, order rotated; the PDF ticket (printing/ticket.py) is
timed in the same rounds for reference. `--cold`: fresh processes, each timing its first
ticket (imports, fonts, python-escpos's capabilities) and its second.
Verdict: ours p95 and max ≤ 2 s (issue 22: "ticket printed < 2 s after touch").
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import (  # noqa: E402
    environment,
    interleave,
    scope,
    spread_ms,
    summary_ms,
    table,
    verdict,
    verdict_table,
)

VALUES = {
    "service": "Hộ tịch — đăng ký khai sinh, kết hôn, khai tử",
    "agency": "Ủy ban nhân dân xã Tam Đảo",
    "agency_code": "000.00.20.H26",
}

CHILD = """
import sys, time
t = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from datetime import datetime
from counter_app.thermal import Ticket, print_ticket
from counter_app.thermal.connections import FileConnection
values = dict(service="Hộ tịch", agency="UBND xã Tam Đảo", agency_code="000.00.20.H26")
def one(number):
    ticket = Ticket(f"A{number:03d}", waiting_before=3, issued_at=datetime.now(), **values)
    print_ticket(ticket, FileConnection(sys.argv[2]))
one(1)
first = time.perf_counter() - t
t = time.perf_counter()
one(2)
print(first, time.perf_counter() - t)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--width", type=int, default=576, choices=(576, 512, 384))
    args = parser.parse_args()
    print(environment(), f"load {os.getloadavg()[0]:.2f}")
    from counter_app.printing.ticket import render_ticket_pdf
    from counter_app.thermal import Ticket, print_ticket
    from counter_app.thermal.connections import FileConnection, escpos_printers
    from counter_app.thermal.image import ticket_image

    File = escpos_printers().File
    with tempfile.TemporaryDirectory(prefix="bench-ticket-") as folder:
        ours_device, bare_device = Path(folder) / "lp-ours", Path(folder) / "lp-bare"
        ours_device.touch()
        pictures = {}

        def ticket(i: int) -> Ticket:
            number = 100 + i  # warm round: 99
            return Ticket(f"A{number:03d}", waiting_before=i % 40, issued_at=NOW, **VALUES)

        for i in range(-1, args.n):  # the baseline's pictures, drawn before any clock
            pictures[i] = ticket_image(ticket(i), args.width)

        def ours(i: int) -> None:
            print_ticket(ticket(i), FileConnection(ours_device), args.width)

        def bare(i: int) -> None:
            printer = File(str(bare_device), profile="TM-T20II")
            printer.image(pictures[i], impl="bitImageRaster")
            printer.cut()
            printer.close()

        def pdf(i: int) -> None:
            render_ticket_pdf(ticket(i))

        samples = interleave({"ours": ours, "python-escpos alone": bare, "pdf": pdf}, args.n)
        job = ours_device.stat().st_size
        scope(
            f"{args.n} tickets a side, each a new number; {args.width}-dot image "
            f"{pictures[0].width}×{pictures[0].height}, ESC/POS job {job:,} bytes; "
            f"baseline file {bare_device.stat().st_size:,} bytes"
        )
        rows = [[name, len(s), *spread_ms(s)] for name, s in samples.items()]
        print(table(["side", "n", "p50 ms", "p95 ms", "max ms"], rows, "touch → bytes flushed"))
        ours_ms, bare_ms = summary_ms(samples["ours"]), summary_ms(samples["python-escpos alone"])
        ratio = ours_ms["p50"] / bare_ms["p50"]
        print(f"ours / python-escpos alone, p50: {ratio:.2f}×")
        verdicts = [
            verdict("ticket p95, ms", ours_ms["p95"], 2000, below=False, n=args.n),
            verdict("ticket max, ms", ours_ms["max"], 2000, below=False, n=args.n),
        ]
        if args.cold:
            firsts = cold(args.cold, Path(folder) / "lp-cold")
            verdicts.append(
                verdict(
                    "cold first ticket max, ms", max(firsts) * 1000, 2000, below=False, n=args.cold
                )
            )
    print(verdict_table(verdicts))


NOW = datetime(2026, 12, 7, 9, 30)


def cold(n: int, device: Path) -> list[float]:
    device.touch()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = []
    for _ in range(n):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, root, str(device)],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        found.append([float(v) for v in done.stdout.split()[-2:]])
    rows = [
        ["first ticket (imports included)", n, *spread_ms([f for f, _ in found])],
        ["second ticket", n, *spread_ms([s for _, s in found])],
    ]
    print(table(["fresh process", "n", "p50 ms", "p95 ms", "max ms"], rows, "cold"))
    return [f for f, _ in found]


if __name__ == "__main__":
    main()
