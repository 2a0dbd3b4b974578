"""Start-up, interleaved in the same run, each a fresh process timed from its spawn to the
line it prints once it is on screen (its exit, which nobody waits for, is shown apart):
(1) `counter-app --check-start`, the window painted with its first worklist (from the
read-only snapshot); (2) the full start: the same window going on to load the services and
refresh the list and its counts, until the title names the desk (the last step of
MainWindow.start's full path); (3) a bare PySide6 window, painted, the baseline; and, as the
floor of this stack, (4) SQLAlchemy and the desk's mapped classes loaded in a fresh
interpreter (the full start cannot be less than the bare window plus it).

    python bench/startup.py --db /tmp/bench/demo.db [--n 20] [--cold 5] [--today 40]
    python bench/startup.py --db /tmp/bench/2m.db --n 10

Off screen (QT_QPA_PLATFORM=offscreen). Any database: a missing file is made with
`init --demo` (a desk opened in the morning: nothing received today); an existing one is
used as it is (it must be migrated to the current schema, as the desk's own would be).
`--today N` first receives N citizens now (a desk restarted during the day).

Warm: `--n` rounds after one warm round, each running the four once, the order rotated
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
# The bare window says "shown" once painted, as --check-start says "start:" once its list
# is: each side is timed to that line (what the officer waits for), its exit beside it.
BARE = (
    "import sys\nfrom PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import "
    "QApplication, QMainWindow\napp = QApplication(sys.argv)\nw = QMainWindow()\n"
    "w.show()\nQTimer.singleShot(0, lambda: (w.repaint(), print('shown', flush=True), "
    "app.quit()))\napp.exec()\n"
)
# The floor of this stack: what loading SQLAlchemy and the desk's 40 mapped classes costs in
# a fresh interpreter, before any of the desk's own work (the full start needs both).
ORM = (
    "import time\nt = time.perf_counter()\nimport sqlalchemy.orm\nimport counter_app.models\n"
    "sqlalchemy.orm.configure_mappers()\nprint(f'orm: {time.perf_counter() - t:.4f}', "
    "flush=True)\n"
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


MARKS = ("start:", "full:", "shown", "orm:")  # the line each side prints once it is there


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds from the spawn to the line that says it is shown, to the process's end,
    that line)."""
    start = time.perf_counter()
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(MARKS):
                shown, said = time.perf_counter() - start, line.strip()
                break
        else:
            raise RuntimeError(f"{command[:3]} ended without saying it was shown")
        child.stdout.read()
        if child.wait(timeout=300) != 0:
            raise RuntimeError(f"{command[:3]} failed")
    return shown, time.perf_counter() - start, said


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
    whole: dict[str, list[float]] = {name: [] for name in paths}
    orm: list[float] = []

    def warm(name: str):  # type: ignore[no-untyped-def]
        def run(i: int) -> float:
            shown, ended, _ = timed(paths[name], env)
            if i >= 0:
                whole[name].append(ended)
            return shown

        return run

    def cold(command: list[str]):  # type: ignore[no-untyped-def]
        def run(_i: int) -> float:
            drop_from_os_cache(args.db, program=True)
            return timed(command, env)[0]

        return run

    def orm_load(i: int) -> float:
        took = float(timed([sys.executable, "-c", ORM], env)[2].split()[1])
        if i >= 0:
            orm.append(took)
        return took

    times = interleave({**{name: warm(name) for name in paths}, "orm": orm_load}, args.n)
    times.pop("orm")
    colds = interleave({name: cold(command) for name, command in paths.items()}, args.cold, warm=0)
    said = {name: timed(command, env)[2] for name, command in paths.items()}
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
    print(table(["spawn to shown (ms)", "n", "p50", "p95", "max", "ratio p50 to bare"], rows))
    print(
        table(
            ["warm: spawn to the process's end (ms)", "n", "p50", "p95", "max"],
            [[name, len(t), *spread_ms(t)] for name, t in whole.items()],
        )
    )
    bare_ms, orm_ms = rows[2][2], spread_ms(orm)[0]
    floor = (bare_ms + orm_ms) / bare_ms
    print(
        f"the ORM alone (import sqlalchemy.orm and counter_app.models, mappers configured, in a "
        f"fresh interpreter): p50 {orm_ms:.1f} ms (n {len(orm)}); the bare window plus it: "
        f"{floor:.2f}x the bare window, the least a full start can be with this stack; the "
        f"full start spends {rows[1][2] - bare_ms - orm_ms:.1f} ms beyond both"
    )
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
