"""One desk window per database for a user of a PC (issue 25 item 3): a second start is
told the desk is open and quits; a desk that crashed leaves a lock the next start takes
over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from counter_app.ui import launch, single_desk


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def test_one_lock_per_database_whatever_the_spelling(tmp_path):
    (tmp_path / "a").mkdir()
    one = single_desk.lock_path(f"sqlite:///{tmp_path / 'a' / 'counter.db'}", tmp_path)
    same = single_desk.lock_path(f"sqlite:///{tmp_path / 'a' / '..' / 'a' / 'counter.db'}")
    assert one.name == same.name and one.name.startswith("desk-")
    other = single_desk.lock_path(f"sqlite:///{tmp_path / 'b.db'}", tmp_path)
    assert other != one and "counter" not in one.name  # a hash: nothing of the place


def test_the_data_directory_first_made_for_the_lock_is_the_users_alone(qapp, data_home):
    """The desk's first start on a PC makes its data directory here, before the database
    is opened (which would have made it private, but leaves one that exists as it is)."""
    from counter_app.config import data_dir

    assert not data_dir().exists()
    lock = single_desk.claim(f"sqlite:///{data_dir() / 'counter.db'}")
    assert lock is not None and oct(data_dir().stat().st_mode & 0o777) == "0o700"
    lock.unlock()


def test_a_second_claim_is_refused_until_the_first_is_let_go(qapp, tmp_path):
    url = f"sqlite:///{tmp_path / 'counter.db'}"
    first = single_desk.claim(url, tmp_path)
    assert first is not None and single_desk.claim(url, tmp_path) is None
    assert single_desk.claim(f"sqlite:///{tmp_path / 'other.db'}", tmp_path) is not None
    first.unlock()
    assert single_desk.claim(url, tmp_path) is not None


def test_the_lock_of_a_desk_that_was_killed_is_taken_over(qapp, tmp_path):
    url = f"sqlite:///{tmp_path / 'counter.db'}"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from counter_app.ui.single_desk import claim\n"
            "from pathlib import Path\n"
            "lock = claim(sys.argv[1], Path(sys.argv[2]))\n"
            "print('held' if lock else 'refused', flush=True)\n"
            "time.sleep(120)\n",
            url,
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert single_desk.claim(url, tmp_path) is None  # a desk that runs keeps it
        os.kill(holder.pid, signal.SIGKILL)  # a crash, a power cut: no unlock
        holder.wait(timeout=30)
        assert single_desk.claim(url, tmp_path) is not None
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_a_second_desk_says_the_first_is_open_and_quits(qapp, data_home, monkeypatch, capsys):
    url = f"sqlite:///{data_home / 'counter.db'}"
    held = single_desk.claim(url)
    assert held is not None
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    opened: list[object] = []
    monkeypatch.setattr(launch, "open_desk", lambda *a: opened.append(a))
    assert launch.run_desk(url, None) == 1
    assert opened == [] and len(told) == 1 and "đã đang mở trên máy này" in told[0]
    assert "đã đang mở" in capsys.readouterr().err
    held.unlock()
