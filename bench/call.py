"""From the desk's F12 to the hall (issue 22): "the call is shown on the display ≤ 1 s after
F12 and spoken ≤ 1.5 s after".

    python bench/call.py [--n 30] [--local] [--poll-ms 500] [--no-fsync]

The desk: `Queue.call_next` as F12 asks it (in this process, the desk window's own call),
on the office server (default: a throwaway PostgreSQL, tests/pg.py, fsync on; the desk
and the display are PCs joined with their own desk accounts) or, with `--local`, on a
desk's own SQLite queue (the display on the same file, as on a one-counter commune's PC).

The display: the program's `DisplayWindow` in a process of its own (bench/_call_display.py,
off screen), as `counter-app display` runs on the hall's PC: it polls `Queue.status()`
every `--poll-ms` in its thread pool, and speaks each new call with eSpeak NG's Vietnamese
voice, whose player notes when it is handed the finished WAV (no sound card here).

Each round: a ticket is issued (the kiosk), a random pause of up to one poll period (so
that F12 falls anywhere in the display's period, as it does at a desk), F12; then the
times from `call_next` returning to (1) the display's label painted with the ticket and
(2) the WAV ready for the player, both read on the machine's monotonic clock, the same in
every process. Not in it: the screen's own refresh (a frame, ~16 ms) and the sound card's
start (tens of milliseconds). For scale: one `status()` as the display asks it.
p50/p95/max with n; verdicts: shown p95 and max ≤ 1 s, spoken p95 and max ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import (  # noqa: E402
    environment,
    scope,
    spread_ms,
    summary_ms,
    table,
    verdict,
    verdict_table,
)

ROUND_TIMEOUT_S = 30.0


class Display:
    """The display's process, read line by line."""

    def __init__(self, db_url: str, poll_ms: int) -> None:
        here = Path(__file__).resolve().parent
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(here.parent)}
        self.process = subprocess.Popen(
            [sys.executable, str(here / "_call_display.py"), db_url, str(poll_ms)],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # Qt's off-screen notes; a failure ends the process
            text=True,
            env=env,
        )

    def next(self, kind: str) -> list[str]:
        """The next line of that kind (others skipped); exits on a voice error."""
        assert self.process.stdout is not None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit(
                    "the display's process ended: run bench/_call_display.py DB_URL POLL_MS "
                    "by hand to see why"
                )
            words = line.split()
            if words[0] == "voice-error":
                raise SystemExit(f"the display's voice failed: {line.strip()}")
            if words[0] == kind:
                return words[1:]

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def office_side(folder: Path, fsync: bool):  # type: ignore[no-untyped-def]
    """The office server, a desk's queue on it and a joined display PC's database."""
    from _common import AGENCY_CODE
    from _sync_office import BenchServer, Office, RealDesk

    from counter_app.queue.server import ServerQueue

    pg = BenchServer(durable=fsync, connections=20)
    pg.start()
    office = Office(pg, "call_bench", [AGENCY_CODE])
    desk, hall = RealDesk(folder, "Ban 1", office), RealDesk(folder, "Man hinh", office)
    with ServerQueue(desk.server_url, office.url, AGENCY_CODE) as admin:
        admin.add_service("A", "Hộ tịch")
    return (
        ServerQueue(desk.server_url),
        hall.url,
        pg.destroy,
        f"the office server (fsync {'on' if fsync else 'off'})",
    )


def local_side(folder: Path):  # type: ignore[no-untyped-def]
    from counter_app.db import make_engine, migrate, session_factory
    from counter_app.queue.local import LocalQueue

    url = f"sqlite:///{folder / 'desk.db'}"
    engine = make_engine(url)
    migrate(engine)
    queue = LocalQueue(session_factory(engine))
    queue.add_service("A", "Hộ tịch")
    return queue, url, engine.dispose, "the desk's own SQLite queue"


def rounds(queue, display: Display, n: int, poll_ms: int) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    shown_s, spoken_s = [], []
    for i in range(n + 1):  # the first round warms the display's path up: not counted
        ticket = queue.issue("A").ticket
        time.sleep(random.uniform(0, poll_ms / 1000))
        called = queue.call_next(1, "canbo1", token=f"bench-call-{i}")
        after = time.monotonic()
        assert called is not None and called.ticket == ticket
        shown_ticket, shown_at = display.next("shown")
        (spoken_at,) = display.next("spoken")
        assert shown_ticket == ticket, (shown_ticket, ticket)
        if i:
            shown_s.append(float(shown_at) - after)
            spoken_s.append(float(spoken_at) - after)
    return shown_s, spoken_s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--n", type=int, default=30, help="calls timed (default 30)")
    parser.add_argument("--local", action="store_true", help="the desk's own SQLite queue")
    parser.add_argument("--poll-ms", type=int, default=None, help="the display's period")
    parser.add_argument("--no-fsync", action="store_true", help="the server without fsync")
    args = parser.parse_args(argv)
    from counter_app.ui.hall.display import POLL_MS

    poll_ms = args.poll_ms or POLL_MS
    print(environment(), flush=True)
    with tempfile.TemporaryDirectory(prefix="call-bench-") as folder:
        if args.local:
            queue, display_url, stop, where = local_side(Path(folder))
        else:
            queue, display_url, stop, where = office_side(Path(folder), not args.no_fsync)
        display = Display(display_url, poll_ms)
        try:
            display.next("ready")
            shown_s, spoken_s = rounds(queue, display, args.n, poll_ms)
            looks = []
            for _ in range(args.n):
                started = time.perf_counter()
                queue.status(12)
                looks.append(time.perf_counter() - started)
        finally:
            display.close()
            queue.close()
            stop()
    scope(f"{args.n} calls on {where}; the display polling every {poll_ms} ms")
    print(
        table(
            ["from call_next returning to", "n", "p50 ms", "p95 ms", "max ms"],
            [
                ["the display's label painted", len(shown_s), *spread_ms(shown_s)],
                ["the call's WAV ready (espeak-ng vi)", len(spoken_s), *spread_ms(spoken_s)],
                ["for scale: one status() (the display's look)", len(looks), *spread_ms(looks)],
            ],
            "F12 to the hall",
        ),
        flush=True,
    )
    shown, spoken = summary_ms(shown_s), summary_ms(spoken_s)
    rows = [
        verdict("shown after F12, p95", shown["p95"], 1000, below=False, n=len(shown_s)),
        verdict("shown after F12, max", shown["max"], 1000, below=False, n=len(shown_s)),
        verdict("spoken after F12, p95", spoken["p95"], 1500, below=False, n=len(spoken_s)),
        verdict("spoken after F12, max", spoken["max"], 1500, below=False, n=len(spoken_s)),
    ]
    print(verdict_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
