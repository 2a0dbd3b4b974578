"""Every example in README.md and docs/*.md runs as written.

The convention (docs/cli.md says it briefly to readers):

- A block fenced ```sh (or ```bash) is run: a page's blocks in order, in one bash with
  `set -eo pipefail`, so that a variable one block sets serves the next; in a folder of the
  test's own that is also HOME, with the program's `counter-app` first on the PATH (this
  clone's code: PYTHONPATH) and `resources/` linked to the clone's.
- Unless its first line is `# as root`, `# as the postgres user` or `# not run: WHY`: such a
  block needs the server's root or its `postgres` user, or sets up a clone, and is checked
  with `bash -n` only. On office-server.md the test does what those blocks do to a server
  (a database, the certificate in the data folder, `ssl = on`) to a throwaway PostgreSQL
  of its own (tests/pg.py).
- `counter-app init --demo` takes a minute on a busy machine: the test puts the database it
  makes at `demo.db` in the folder beforehand (the run's copy, tests/conftest.py's
  `demo_year`), where the example's `init --demo` finds it done and changes nothing.
- ```json blocks are parsed; ```json intake blocks are received on the demo desk (`init
  --demo`, the sample catalog) as well (test_docs.py receives them after the page's own
  catalog example).
- ```sql blocks of office-server.md run on that throwaway server as its administrator,
  after its shell blocks.
- ```text, ```ini, ```yaml and unlabelled blocks are shown, not run.
- CHECKED_ONLY: pages whose blocks are only checked (shell: `bash -n`), not run.

What stands in for the example values, on office-server.md only: `192.168.1.10` is
127.0.0.1 and `server.office.lan` is localhost (the certificate the page makes names
them), port `5432` the throwaway server's; `…` in a desk's URL is the password `add-desk`
printed, and any other `…` the throwaway server's `postgres` password.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from tests.integration.driver import Desk

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["README.md", *(f"docs/{p.name}" for p in sorted((ROOT / "docs").glob("*.md")))]
CHECKED_ONLY = {  # page: why its examples are not run (yet)
    "docs/province-cluster.md": "a Patroni cluster of three machines, made real by a later issue",
}
NOT_RUN = ("# as root", "# as the postgres user", "# not run:")
SHELL = ("sh", "bash")


def blocks(page: str) -> list[tuple[str, str]]:
    """(fence label, text) of each fenced block of a page, indented ones too."""
    text = (ROOT / page).read_text(encoding="utf-8")
    found = re.findall(r"^( *)```([^\n]*)\n(.*?)^ *```", text, re.S | re.M)
    return [(label.strip(), re.sub(rf"(?m)^{indent}", "", body)) for indent, label, body in found]


def runs(label: str, body: str, page: str) -> bool:
    return label in SHELL and page not in CHECKED_ONLY and not body.lstrip().startswith(NOT_RUN)


@pytest.mark.parametrize("page", PAGES)
def test_every_shell_block_is_bash_and_every_json_block_parses(page):
    for label, body in blocks(page):
        if label in SHELL:
            done = subprocess.run(["bash", "-n"], input=body, text=True, capture_output=True)
            assert done.returncode == 0, f"{page}:\n{body}\n{done.stderr}"
        elif label.startswith("json"):
            json.loads(body)


def test_only_known_labels_are_used():
    labels = {label.split()[0] if label else "" for page in PAGES for label, _ in blocks(page)}
    assert labels <= {"sh", "bash", "json", "sql", "text", "ini", "yaml", ""}


@pytest.mark.parametrize("page", ["docs/formats.md"])
def test_the_intake_examples_are_received_on_the_demo_desk(
    page, demo_year_url, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "demo-tiepnhan")
    desk = Desk(tmp_path, capsys)
    desk.url = demo_year_url
    intakes = [body for label, body in blocks(page) if label == "json intake"]
    assert len(intakes) >= 2
    for i, intake in enumerate(intakes):
        dossier = desk.json("--officer", "hoa", "receive", desk.file(f"intake-{i}.json", intake))
        assert dossier["status"] == "received", dossier


class Shell:
    """One bash for a page: each block is sourced from a file (its commands never read the
    script), and a line written after it says it is done."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.process = subprocess.Popen(
            ["bash", "--noprofile", "--norc"],
            cwd=folder,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.timer = threading.Timer(150, self.process.kill)
        self.timer.start()
        self.count = 0

    def run(self, body: str) -> str:
        self.count += 1
        script = self.folder / f".block-{self.count}.sh"
        script.write_text(body, encoding="utf-8")
        mark = uuid.uuid4().hex
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"set -eo pipefail; source {script} </dev/null; echo {mark}\n")
        self.process.stdin.flush()
        lines = []
        for line in self.process.stdout:
            if line.strip() == mark:
                return "".join(lines)
            lines.append(line)
        raise AssertionError(f"this block failed:\n{body}\n--- its output:\n{''.join(lines)}")

    def close(self) -> None:
        self.timer.cancel()
        self.process.kill()
        self.process.communicate()  # waits, and closes its pipes


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COUNTER_APP_", "PG"))}
    env.update(
        HOME=str(home),
        PYTHONPATH=str(ROOT),
        LC_ALL="C.UTF-8",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
    )
    return env


@pytest.fixture
def shell(tmp_path):
    (tmp_path / "resources").symlink_to(ROOT / "resources")
    opened = Shell(tmp_path, _environment(tmp_path))
    yield opened
    opened.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    "page", [p for p in PAGES if p != "docs/office-server.md" and p not in CHECKED_ONLY]
)
def test_the_shell_examples_run_as_written(page, shell, demo_year, tmp_path):
    shutil.copyfile(demo_year, tmp_path / "demo.db")  # what `init --demo` makes, made once
    for label, body in blocks(page):
        if runs(label, body, page):
            shell.run(body)


@pytest.mark.slow
def test_the_office_server_page_runs_as_written(new_pg_server, shell, tmp_path):
    from tests.pg import PG_USER

    page = "docs/office-server.md"
    server = new_pg_server(durable=False)
    server.execute("CREATE DATABASE motcua")
    secret = server.password
    desk_secret = ""

    def local(text: str) -> str:
        text = text.replace("192.168.1.10:5432", f"127.0.0.1:{server.port}")
        text = text.replace("192.168.1.10", "127.0.0.1").replace("server.office.lan", "localhost")
        text = re.sub(r"(postgresql://counter_\w+):…@", rf"\1:{desk_secret}@", text)
        return text.replace("…", secret)

    ran = []
    for label, body in blocks(page):
        if runs(label, body, page):
            out = shell.run(local(body))
            ran.append(body.splitlines()[0])
            printed = re.search(r"postgresql://counter_motcua_ban_1:([^@\s]+)@", out)
            desk_secret = printed.group(1) if printed else desk_secret
        if "server.key" in body and "openssl" in body:  # what `# as root` does on the server
            for name in ("server.crt", "server.key"):
                shutil.copyfile(tmp_path / name, server.data / name)
                (server.data / name).chmod(0o600)
                if server.as_root:
                    shutil.chown(server.data / name, user=PG_USER)
            server.execute("ALTER SYSTEM SET ssl = on", "SELECT pg_reload_conf()")
    assert desk_secret and len(ran) >= 6, ran
    import psycopg

    url = server.url("motcua").replace("+psycopg", "")
    with psycopg.connect(url, autocommit=True) as db:
        for label, body in blocks(page):
            if label == "sql":
                db.execute(body)  # type: ignore[arg-type]
