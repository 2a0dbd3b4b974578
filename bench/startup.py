"""Start-up, whole processes, alternated in the same run: (1) `counter-app --check-start`,
the window painted with its first worklist (from the read-only snapshot); (2) the full
start: the same window going on to load the services and refresh the list and its counts,
until the title names the desk (the last step of MainWindow.start's full path); (3) a bare
PySide6 window that shows and quits, the baseline.

    python bench/startup.py --db /tmp/bench/demo.db [--n 10] [--today 40]
    python bench/startup.py --db /tmp/bench/2m.db --n 10

Off screen (QT_QPA_PLATFORM=offscreen). Any database: a missing file is made with
`init --demo` (a desk opened in the morning: nothing received today); an existing one is
used as it is (it must be migrated to the current schema, as the desk's own would be).
`--today N` first receives N citizens now (a desk restarted during the day). Median, p95
and maximum for each; the verdicts are computed from the medians and their ratio to the
bare window: first list ≤ 1.5×, full start ≤ FULL_RATIO×.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from _common import environment, spread_ms, table, verdict, verdict_table

FIRST_RATIO, FULL_RATIO = 1.5, 3.0
BARE = ("import sys\nfrom PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import "
        "QApplication, QMainWindow\napp = QApplication(sys.argv)\nw = QMainWindow()\n"
        "w.show()\nQTimer.singleShot(0, app.quit)\napp.exec()\n")  # fmt: skip
# The desk as run_desk opens it (launch.open_desk, then start with the full load), ending
# when the desk's name reaches the title: read after the services loaded and the list
# was refreshed from them.
FULL = """
import gc, sys, time
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
          f"({desk.window.model.rowCount()} rows)")
    desk.app.quit()
desk.window.windowTitleChanged.connect(done)
desk.window.start(then_full=True)
desk.app.exec()
desk.context.tasks.wait()
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    return time.perf_counter() - start, done.stdout.strip()


def receive_today(db: str, n: int, env: dict[str, str]) -> None:
    from counter_app.clock import now  # the bench runs from the project's environment

    documents = [{"name": "Tờ khai đăng ký khai sinh theo mẫu", "count": 1},
                 {"name": "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc "
                          "giấy cam đoan về việc sinh", "count": 1}]  # the sample catalog's
    intake = {"procedure": "1.001193", "documents": documents, "channel": "direct",
              "applicant": {"name": "Nguyễn Thị Hoà", "id_number": "026190001234",
                            "phone": "0912345678", "address": "Thôn 3", "email": None},
              "received_at": now().isoformat(), "sets": 1, "note": None,
              "return_by_post": False}  # fmt: skip
    command = [sys.executable, "-m", "counter_app", "--db", f"sqlite:///{db}", "receive", "-"]
    for _ in range(n):
        subprocess.run(command, input=json.dumps(intake), text=True, env=env, check=True,
                       capture_output=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a database file (made with init --demo "
                                                    "when missing)")  # fmt: skip
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--today", type=int, default=0, help="receive N citizens now first")
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    url = f"sqlite:///{Path(args.db).resolve()}"
    if not Path(args.db).exists():
        subprocess.run([sys.executable, "-m", "counter_app", "--db", url, "init", "--demo",
                        "--no-officers"],
                       env=env, check=True, capture_output=True)  # fmt: skip
    receive_today(args.db, args.today, env)
    paths = {"first list (--check-start)": [sys.executable, "-m", "counter_app", "--db", url,
                                            "--check-start"],
             "full start (services loaded, list refreshed)": [sys.executable, "-c", FULL, url],
             "bare PySide6 window": [sys.executable, "-c", BARE]}  # fmt: skip
    for command in paths.values():
        timed(command, env)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in paths}
    said: dict[str, str] = {}
    for _ in range(args.n):
        for name, command in paths.items():
            times[name].append(timed(command, env)[0])
    said = {name: timed(command, env)[1] for name, command in paths.items()}
    print(f"Start-up on {args.db}; {environment()}")
    print(f"first list: {said['first list (--check-start)'].split('(')[-1].rstrip(')')}; "
          f"full start: {said['full start (services loaded, list refreshed)']}")
    bare = spread_ms(times["bare PySide6 window"])[0]
    rows = [[name, len(t), *spread_ms(t), spread_ms(t)[0] / bare] for name, t in times.items()]
    print(table(["whole process (ms)", "n", "p50", "p95", "max", "ratio p50 to bare"], rows))
    first, full = rows[0][5], rows[1][5]
    print(verdict_table([verdict("first list / bare window (p50)", first, FIRST_RATIO, "×",
                                 below=False),
                         verdict("full start / bare window (p50)", full, FULL_RATIO, "×",
                                 below=False)]))  # fmt: skip


if __name__ == "__main__":
    main()
