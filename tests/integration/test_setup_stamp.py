"""scripts/setup.sh runs every morning (scripts/start-desk.sh calls it): once it has set the
desk up, it must not run pip again until something it installs from has changed.

pip is replaced by a stand-in module found first on PYTHONPATH (setup.sh calls it as
`.venv/bin/python -m pip`), which records each call and answers as told; the stamp goes to a
temporary file, so that the real venv's stamp is not touched."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def setup(tmp_path: Path, *, pip_works: bool) -> tuple[subprocess.CompletedProcess[str], int]:
    """Runs setup.sh with the stand-in pip; returns its result and how often pip was called."""
    fake = tmp_path / "fake"
    (fake / "pip").mkdir(parents=True, exist_ok=True)
    calls = tmp_path / "pip-calls"
    calls.unlink(missing_ok=True)
    (fake / "pip" / "__init__.py").write_text("")
    (fake / "pip" / "__main__.py").write_text(
        "import sys\n"
        f"open({str(calls)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        f"sys.exit({0 if pip_works else 1})\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(fake),
        "COUNTER_APP_SETUP_STAMP": str(tmp_path / "stamp"),
    }
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done, len(calls.read_text().splitlines()) if calls.exists() else 0


def test_a_second_run_with_nothing_changed_does_no_pip_work(tmp_path: Path) -> None:
    first, pip_calls = setup(tmp_path, pip_works=True)
    assert first.returncode == 0, first.stderr
    assert pip_calls > 0  # without a stamp the installer runs
    second, pip_calls = setup(tmp_path, pip_works=False)
    assert (second.returncode, pip_calls) == (0, 0), second.stderr
    assert second.stdout == second.stderr == ""


def test_a_changed_input_runs_the_installer_again(tmp_path: Path) -> None:
    first, _ = setup(tmp_path, pip_works=True)
    assert first.returncode == 0, first.stderr
    stamp = tmp_path / "stamp"
    stamp.write_text("0" * 64 + " desk\n")  # as if pyproject.toml had changed since
    again, pip_calls = setup(tmp_path, pip_works=True)
    assert again.returncode == 0, again.stderr
    assert pip_calls > 0
    assert stamp.read_text() != "0" * 64 + " desk\n"
