"""Start-up: `counter-app --check-start` (window shown with its first worklist) against a
bare PySide6 window that shows and quits, whole processes, alternated in the same run.

    python bench/startup.py --db /tmp/bench/demo.db [--n 10] [--today 40]

Off screen (QT_QPA_PLATFORM=offscreen). Target: ratio ≤ 1.5. The first list is today's
receptions: empty on a demo database (a desk opened in the morning); `--today N` first
receives N citizens now (a desk restarted during the day).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

BARE = ("import sys\nfrom PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import "
        "QApplication, QMainWindow\napp = QApplication(sys.argv)\nw = QMainWindow()\n"
        "w.show()\nQTimer.singleShot(0, app.quit)\napp.exec()\n")  # fmt: skip


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


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
    parser.add_argument("--db", required=True, help="a database file (made with init --demo)")
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--today", type=int, default=0, help="receive N citizens now first")
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = [sys.executable, "-m", "counter_app", "--db", f"sqlite:///{args.db}", "--check-start"]
    bare = [sys.executable, "-c", BARE]
    subprocess.run([sys.executable, "-m", "counter_app", "--db", f"sqlite:///{args.db}",
                    "init", "--demo"], env=env, check=True, capture_output=True)  # fmt: skip
    receive_today(args.db, args.today, env)
    timed(app, env), timed(bare, env)  # warm the file cache
    ours, base = [], []
    for _ in range(args.n):
        ours.append(timed(app, env))
        base.append(timed(bare, env))
    o, b = statistics.median(ours), statistics.median(base)
    shown = subprocess.run(app, env=env, check=True, capture_output=True, text=True).stdout
    print(f"first list: {shown.split('(')[-1].rstrip().rstrip(')')}")
    print(f"whole process, median of {args.n} (s): counter-app --check-start {o:.3f}, "
          f"bare PySide6 window {b:.3f}")
    print(f"ratio {o / b:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
