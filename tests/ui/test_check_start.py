"""`counter-app --check-start` as support runs it: a real process opens the window, waits for
the first worklist with its data, prints the time and the rows, and exits 0."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from counter_app.clock import LOCAL_TZ, now
from counter_app.models.base import stored_time
from tests.conftest import intake_doc


def counter_app(*args: str, home: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The command in a home of its own: what this machine's user stored does not apply."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "counter_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def received_today(path) -> int:  # type: ignore[no-untyped-def]
    start = datetime.combine(datetime.now(LOCAL_TZ).date(), time.min, tzinfo=LOCAL_TZ)
    bounds = [stored_time(start + timedelta(days=d)) for d in (0, 1)]  # as stored (0011)
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at < ?", bounds
        ).fetchone()[0]


def test_check_start_shows_the_first_worklist_and_exits(tmp_path):
    path = tmp_path / "demo.db"
    assert (
        counter_app(
            "--db",
            f"sqlite:///{path}",
            "init",
            "--demo",
            "--days",
            "14",
            "--no-officers",
            home=tmp_path,
        ).returncode
        == 0
    )
    intake = tmp_path / "intake.json"  # the demo's days are past: two citizens come today
    documents = [
        {"name": "Tờ khai đăng ký khai sinh theo mẫu", "count": 1},
        {
            "name": "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc "
            "giấy cam đoan về việc sinh",
            "count": 1,
        },
    ]  # the sample catalog's
    intake.write_text(
        json.dumps(intake_doc(received_at=now().isoformat(), documents=documents)), encoding="utf-8"
    )
    for _ in range(2):
        received = counter_app("--db", f"sqlite:///{path}", "receive", str(intake), home=tmp_path)
        assert received.returncode == 0
    done = counter_app("--db", f"sqlite:///{path}", "--check-start", home=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.fullmatch(r"start: (\d+\.\d{3}) s \((\d+) hồ sơ\)\n", done.stdout)
    assert found, done.stdout
    assert 0 < float(found[1]) < 60
    assert int(found[2]) == received_today(path) >= 2


def test_check_start_on_a_new_database(tmp_path):
    done = counter_app("--db", f"sqlite:///{tmp_path / 'new.db'}", "--check-start", home=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.endswith("(0 hồ sơ)\n")


# The desk as run_desk opens it, saying which of the modules named after its database
# are loaded at the moment its first list is shown.
LOADED_AT_FIRST_LIST = """
import sys
from counter_app.ui.launch import open_desk
desk = open_desk(sys.argv[1], None)
def shown(_rows):
    print(sorted(m for m in sys.argv[2:] if m in sys.modules), flush=True)
    desk.app.quit()
desk.window.worklist_shown.connect(shown)
desk.window.start(then_full=False)
desk.app.exec()
"""


def test_the_first_list_does_not_wait_for_what_it_does_not_show(tmp_path):
    """Nothing the first list does not show is loaded before it: the database stack comes
    after (the snapshot is read with plain sqlite3), the online dossiers' page and the lock
    page are built after its paint, and `uuid` (which loads `platform`) waits for F12."""
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    made = counter_app(
        "--db", url, "init", "--demo", "--days", "14", "--no-officers", home=tmp_path
    )
    assert made.returncode == 0, made.stderr[-2000:]
    watched = [
        "sqlalchemy",
        "counter_app.models",
        "counter_app.ui.desk.online_page",
        "counter_app.ui.desk.lock_page",
        "uuid",
    ]
    shown = subprocess.run(
        [sys.executable, "-c", LOADED_AT_FIRST_LIST, url, *watched],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert shown.stdout == "[]\n"


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")


BROKEN = [
    ("random bytes", lambda p: p.write_bytes(os.urandom(p.stat().st_size)), "hỏng"),
    ("a newer schema", _newer_schema, "phiên bản mới hơn"),
    ("half a file", lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]), "hỏng"),
]


@pytest.mark.parametrize("damage,words", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_check_start_on_a_broken_database_says_so_and_exits(demo_year_url, tmp_path, damage, words):
    path = Path(demo_year_url.removeprefix("sqlite:///"))  # a copy of `init --demo`'s year
    damage(path)
    done = counter_app("--db", f"sqlite:///{path}", "--check-start", home=tmp_path)
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    assert (done.returncode, last.startswith("error: "), words in last) == (1, True, True), (
        done.stderr[-2000:]
    )
