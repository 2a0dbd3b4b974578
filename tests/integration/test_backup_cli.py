"""`counter-app backup` and `restore` as spec/officers.md describes them: the JSON, and a
bad copy refused with one `error:` line and nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.db import HEAD
from tests.integration.driver import Desk
from tests.integration.test_cli import desk as desk  # noqa: F401 - the fixture


@pytest.fixture
def copy(desk: Desk) -> Path:
    """A good copy of a desk with two dossiers; the desk then receives a third."""
    desk.receive()
    desk.receive()
    path = desk.tmp / "copy.db"
    assert desk.run("backup", "-o", str(path))[0] == 0
    desk.receive()
    return path


def content(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return hashlib.sha256("\n".join(db.iterdump()).encode()).hexdigest()


def test_backup_prints_the_spec_json(desk: Desk):
    desk.receive()
    out = desk.json("backup")
    data = Path(out["file"]).read_bytes()
    assert {k: out[k] for k in ("bytes", "sha256", "dossiers", "events", "schema")} == {
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "dossiers": 1,
        "events": 1,
        "schema": HEAD,
    }
    assert Path(out["file"]).parent == desk.path.parent / "backups"


def test_copies_the_rule_removes_are_named_in_the_json_and_on_stderr(desk: Desk):
    """Issue 16: no copy goes without the admin seeing it."""
    folder = desk.path.parent / "backups"
    folder.mkdir()
    old = [f"{desk.path.stem}-202001{d:02d}-080000-daily.db" for d in range(1, 10)]
    for name in old:
        (folder / name).write_text("x")
    code, out, err = desk.run("backup", "--json")
    assert code == 0
    # kept: today, 09..04/01 (seven days), 05/01 as its week's newest; 01..03/01 go
    gone = [old[2], old[1], old[0]]
    assert json.loads(out)["removed_copies"] == gone
    assert json.loads(out)["removed"] == [str(folder / name) for name in gone]
    assert "Đã xoá 3 bản sao cũ" in err and all(name in err for name in gone)


def test_restore_prints_what_it_did(desk: Desk, copy: Path):
    out = desk.json("restore", str(copy))
    assert (out["dossiers"], out["file"], Path(out["kept"]).parent) == (2, str(copy), desk.tmp)
    assert desk.json("find", "hoa")["results"].__len__() == 2
    code, text, _ = desk.run("restore", out["kept"])
    assert code == 0 and "Đã khôi phục" in text and len(desk.json("find", "hoa")["results"]) == 3


def reseal(path: Path) -> None:
    """Make the manifest agree with the file again: only the content is wrong."""
    manifest = path.with_name(path.name + ".json")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    raw = path.read_bytes()
    data |= {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
    manifest.write_text(json.dumps(data), encoding="utf-8")


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip_a_byte(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))


def corrupt_a_page(path: Path) -> None:
    """The events table's root page gets an impossible page type (checksum then redone)."""
    with sqlite3.connect(path) as db:
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name='events'").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    with path.open("r+b") as stream:
        stream.seek((root - 1) * size)
        stream.write(b"\x07")
    reseal(path)


def newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    db.close()
    reseal(path)


def not_a_database(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))
    reseal(path)


def another_database(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()
    reseal(path)


BAD_COPIES = [
    ("missing", lambda p: p.unlink(), "Không có tệp sao lưu"),
    ("no manifest", lambda p: p.with_name(p.name + ".json").unlink(), "Thiếu tệp mô tả"),
    ("truncated", truncate, "bị cắt cụt"),
    ("wrong checksum", flip_a_byte, "SHA-256"),
    ("corrupted page", corrupt_a_page, "bị hỏng (kiểm tra toàn vẹn"),
    ("newer schema", newer_schema, "phiên bản 9999"),
    ("not a database", not_a_database, "không phải cơ sở dữ liệu SQLite"),
    ("not a counter-app database", another_database, "không phải cơ sở dữ liệu của counter-app"),
]


def test_bad_copies_are_refused_and_nothing_changes(desk: Desk, copy: Path, tmp_path):
    before, results, expected = content(desk.path), {}, {}
    for name, spoil, message in BAD_COPIES:
        bad = tmp_path / name / "copy.db"
        bad.parent.mkdir()
        bad.write_bytes(copy.read_bytes())
        bad.with_name("copy.db.json").write_bytes(copy.with_name("copy.db.json").read_bytes())
        spoil(bad)
        code, out, err = desk.run("restore", str(bad))
        lines = err.splitlines()
        results[name] = (
            code,
            out,
            len(lines),
            message in lines[0] if lines else err,
            content(desk.path) == before,
        )
        expected[name] = (2, "", 1, True, True)
    kept = [p.name for p in desk.tmp.iterdir() if "before-restore" in p.name]
    assert (results, kept) == (expected, [])


def test_a_copy_into_a_missing_folder_is_refused(desk: Desk):
    code, out, err = desk.run("backup", "-o", str(desk.tmp / "no-such-folder" / "copy.db"))
    assert (code, out, err.count("\n"), "no-such-folder" in err) == (2, "", 1, True)


def test_the_office_server_is_not_backed_up_here(tmp_path, capsys):
    code = main(["--db", "postgresql+psycopg://desk@192.0.2.1/counter", "backup"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("error:") == 1 and "pg_dump" in err
    code = main(["--db", "postgresql+psycopg://desk@192.0.2.1/counter", "restore", "x.db"])
    assert code == 2 and "PostgreSQL" in capsys.readouterr().err
