"""Start-up, whole processes, interleaved in the same run: (1) `counter-app --check-start`,
the window painted with its first worklist (from the read-only snapshot); (2) the full
start: the same window going on to load the services and refresh the list and its counts,
until the title names the desk (the last step of MainWindow.start's full path); (3) a bare
PySide6 window that shows and quits, the baseline.

    python bench/startup.py --db /tmp/bench/demo.db [--n 20] [--cold 5] [--today 40]
    python bench/startup.py --db /tmp/bench/2m.db --n 10

Off screen (QT_QPA_PLATFORM=offscreen). Any database: a missing file is made with
`init --demo` (a desk opened in the morning: nothing received today); an existing one is
used as it is (it must be migrated to the current schema, as the desk's own would be).
`--today N` first receives N citizens now (a desk restarted during the day).

Warm: `--n` rounds after one warm round, each running the three once, the order rotated
each round (`_common.interleave`), so none always goes first. Cold, the first start of the
day: `--cold` rounds of the three, rotated likewise, each process started after the
database and the program's files (counter_app, PySide6/Qt, SQLAlchemy, reportlab…) were
dropped from the OS page cache (`_common.drop_from_os_cache(program=True)`: posix_fadvise
DONTNEED, no root; it cannot drop what other running processes keep mapped, the Python
interpreter, system libraries and fonts, or the kernel's directory caches). Median, p95
(from 20 samples) and maximum, n beside each; the verdicts are computed from the medians
and their ratio to the bare window of the same rounds: first list ≤ 1.5×, full start ≤
FULL_RATIO×.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from _common import (
    drop_from_os_cache,
    environment,
    installed_bytecode,
    interleave,
    scope,
    spread_ms,
    table,
    verdict,
    verdict_table,
)

FIRST_RATIO, FULL_RATIO = 1.5, 3.0
BARE = (
    "import sys\nfrom PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import "
    "QApplication, QMainWindow\napp = QApplication(sys.argv)\nw = QMainWindow()\n"
    "w.show()\nQTimer.singleShot(0, app.quit)\napp.exec()\n"
)
# The desk as run_desk opens it (launch.open_desk, then start with the full load), ending
# when the desk's name reaches the title: read after the services loaded and the list
# was refreshed from them. The process ends there (os._exit): waiting for the pool at exit
# counted the screens the desk loads ahead after its start, which nobody waits for.
FULL = """
import gc, os, sys, time
started = time.perf_counter()
gc.disable()
from PySide6.QtCore import QTimer
from counter_app.ui.launch import open_desk
desk = open_desk(sys.argv[1], None)
QTimer.singleShot(0, gc.enable)
first = []
desk.window.worklist_shown.connect(lambda rows: first.append(time.perf_counter() - started))
def done(title):
    desk.window.repaint()
    print(f"full: {time.perf_counter() - started:.3f} s; first list {first[0]:.3f} s "
          f"({desk.window.model.rowCount()} rows)", flush=True)
    os._exit(0)  # the start is over: what the desk does next (screens loaded ahead) is not
    # waited for by the officer, nor here
desk.window.windowTitleChanged.connect(done)
desk.window.start(then_full=True)
desk.app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=300)
    return time.perf_counter() - start, done.stdout.strip()


def receive_today(db: str, n: int, env: dict[str, str]) -> None:
    from counter_app.clock import now  # the bench runs from the project's environment

    documents = [
        {"name": "Tờ khai đăng ký khai sinh theo mẫu", "count": 1},
        {
            "name": "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc "
            "giấy cam đoan về việc sinh",
            "count": 1,
        },
    ]  # the sample catalog's
    intake = {
        "procedure": "1.001193",
        "documents": documents,
        "channel": "direct",
        "applicant": {
            "name": "Nguyễn Thị Hoà",
            "id_number": "026190001234",
            "phone": "0912345678",
            "address": "Thôn 3",
            "email": None,
        },
        "received_at": now().isoformat(),
        "sets": 1,
        "note": None,
        "return_by_post": False,
    }
    command = [sys.executable, "-m", "counter_app", "--db", f"sqlite:///{db}", "receive", "-"]
    for _ in range(n):
        subprocess.run(
            command, input=json.dumps(intake), text=True, env=env, check=True, capture_output=True
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", required=True, help="a database file (made with init --demo when missing)"
    )
    parser.add_argument("--n", type=int, default=20, help="warm rounds")
    parser.add_argument("--cold", type=int, default=5, help="rounds after dropping the OS cache")
    parser.add_argument("--today", type=int, default=0, help="receive N citizens now first")
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    url = f"sqlite:///{Path(args.db).resolve()}"
    if not Path(args.db).exists():
        subprocess.run(
            [sys.executable, "-m", "counter_app", "--db", url, "init", "--demo", "--no-officers"],
            env=env,
            check=True,
            capture_output=True,
        )
    receive_today(args.db, args.today, env)
    paths = {
        "first list (--check-start)": [
            sys.executable,
            "-m",
            "counter_app",
            "--db",
            url,
            "--check-start",
        ],
        "full start (services loaded, list refreshed)": [sys.executable, "-c", FULL, url],
        "bare PySide6 window": [sys.executable, "-c", BARE],
    }

    def warm(command: list[str]):  # type: ignore[no-untyped-def]
        return lambda _i: timed(command, env)[0]

    def cold(command: list[str]):  # type: ignore[no-untyped-def]
        def run(_i: int) -> float:
            drop_from_os_cache(args.db, program=True)
            return timed(command, env)[0]

        return run

    times = interleave({name: warm(command) for name, command in paths.items()}, args.n)
    colds = interleave({name: cold(command) for name, command in paths.items()}, args.cold, warm=0)
    said = {name: timed(command, env)[1] for name, command in paths.items()}
    with sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True) as conn:
        dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    print(f"Start-up on {args.db}; {environment()}")
    print(installed_bytecode())
    scope(
        f"{dossiers:,} dossiers in the database ({args.today} received now first); "
        f"first list: {said['first list (--check-start)'].split('(')[-1].rstrip(')')}; "
        f"full start: {said['full start (services loaded, list refreshed)']}; "
        f"{args.n} warm rounds and {args.cold} cold rounds of {len(paths)}, order rotated"
    )
    rows = []
    for kind, samples in (("warm", times), ("cold", colds)):
        bare = spread_ms(samples["bare PySide6 window"])[0]
        rows += [
            [f"{kind}: {name}", len(t), *spread_ms(t), spread_ms(t)[0] / bare]
            for name, t in samples.items()
        ]
    print(table(["whole process (ms)", "n", "p50", "p95", "max", "ratio p50 to bare"], rows))
    print(
        verdict_table(
            [
                verdict(
                    "first list / bare window (p50)",
                    rows[0][5],
                    FIRST_RATIO,
                    "×",
                    below=False,
                    n=args.n,
                ),
                verdict(
                    "full start / bare window (p50)",
                    rows[1][5],
                    FULL_RATIO,
                    "×",
                    below=False,
                    n=args.n,
                ),
                verdict(
                    "cold: first list / bare window (p50)",
                    rows[3][5],
                    FIRST_RATIO,
                    "×",
                    below=False,
                    n=args.cold,
                ),
            ]
        )
    )


if __name__ == "__main__":
    main()
