"""Drives the `counter-app` command against one database file: in-process (fast, through
`counter_app.cli.main`) or as a real process (for what only a process can show: a full
disk on stdout, a memory limit, two processes at once, another user)."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.cli import main
from tests.conftest import intake_doc, small_catalog

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Outcome:
    """What a caller of the command sees, reduced to what the contract promises."""

    code: int
    out: str
    err: str
    unchanged: bool  # the database is as it was before

    def refused(self) -> bool:
        """cli.md's refusal: exit 2, one `error:` line on stderr, nothing on stdout or in
        the database."""
        one_line = self.err.startswith("error: ") and self.err.count("\n") == 1
        return (self.code, self.out, one_line, self.unchanged) == (2, "", True, True)


class Desk:
    """Runs the command in-process against one database file."""

    def __init__(self, tmp_path: Path, capsys: Any) -> None:
        self.path = tmp_path / "desk.db"
        self.url = f"sqlite:///{self.path}"
        self.tmp = tmp_path
        self.capsys = capsys

    def run(self, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
        self.capsys.readouterr()
        saved = sys.stdin
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        try:
            code = main(["--db", self.url, *args])
        finally:
            sys.stdin = saved
        out, err = self.capsys.readouterr()
        return code, out, err

    def outcome(self, *args: str, stdin: bytes | None = None) -> Outcome:
        before = self.written()
        code, out, err = self.run(*args, stdin=stdin)
        return Outcome(code, out, err, self.written() == before)

    def json(self, *args: str) -> Any:
        code, out, err = self.run(*args, "--json")
        assert code == 0, err
        return json.loads(out)

    def file(self, name: str, data: Any) -> str:
        path = self.tmp / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return str(path)

    def receive(self, **changes: Any) -> dict[str, Any]:
        return self.json("receive", self.file("intake.json", intake_doc(**changes)))  # type: ignore[no-any-return]

    def import_small_catalog(self) -> None:
        assert self.run("catalog", "import", self.file("catalog.json", small_catalog()))[0] == 0

    def written(self) -> tuple[Any, ...]:
        """Everything a command may write, counted, and what actions change in place."""
        if not self.path.exists():
            return ()
        with sqlite3.connect(self.path) as db:
            return tuple(
                db.execute(
                    "SELECT (SELECT count(*) FROM dossiers), (SELECT count(*) FROM events), "
                    "(SELECT coalesce(sum(last_seq), 0) FROM dossier_counters), "
                    "(SELECT coalesce(sum(last_seq), 0) FROM desks), "
                    "(SELECT count(*) FROM dossier_documents), "
                    "(SELECT count(*) FROM procedure_versions), (SELECT count(*) FROM agencies), "
                    "(SELECT count(*) FROM declared_days), (SELECT count(*) FROM officers), "
                    "(SELECT group_concat(code || status || coalesce(due_at, '') || "
                    "coalesce(hex(current_unit_id), '') || coalesce(paused_at, '') || "
                    "coalesce(resolved_at, ''), ';') FROM dossiers)"
                ).fetchone()
            )


def process(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120, **popen: Any
) -> subprocess.CompletedProcess[str]:
    """`python -m counter_app ARGS` as a separate process, in a home of its own."""
    popen.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "counter_app", *args],
        cwd=ROOT,
        env=dict(os.environ, **(env or {})),
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        **popen,
    )
