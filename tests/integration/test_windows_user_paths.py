"""A Windows user called "Nguyễn Thị Hoà", whose profile is deep (issue 25 item 3): the
desk's data directory, its database, its backup and a printed receipt all live under a
path with Vietnamese letters and more than 260 characters (Windows' old MAX_PATH), and
every step works. HOME, XDG_DATA_HOME and LOCALAPPDATA all point there, as each platform
reads its own."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from counter_app import db_files
from counter_app.cli import main
from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, data_dir
from counter_app.formats import iso
from tests.conftest import intake_doc

DEEP = "Dữ liệu của bàn tiếp nhận một cửa Ủy ban nhân dân xã Tam Đảo"  # 61 characters


@pytest.fixture
def profile(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "Users" / "Nguyễn Thị Hoà"
    local = home / DEEP / DEEP / DEEP / "AppData" / "Local"
    local.mkdir(parents=True)
    monkeypatch.delenv("COUNTER_APP_DB", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(local))
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setenv("USERNAME", "Nguyễn Thị Hoà")
    return local


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_desk_under_a_vietnamese_name_and_a_long_path(profile, capsys, monkeypatch):
    db = data_dir() / "counter.db"
    assert db.is_relative_to(profile) and len(str(db)) > 260
    # On Windows this one would be refused up front, plainly (MAX_PATH: db_files.py);
    # here, where nothing limits a path, every step must work with it.
    assert "quá dài cho Windows" in (db_files.windows_path_trouble(db) or "")

    code, _, err = run(capsys, "init", "--demo", "--days", "3", "--no-officers")
    assert code == 0, err
    assert db.is_file() and oct(db.parent.stat().st_mode & 0o777) == "0o700"

    intake = profile / "hồ sơ tiếp nhận.json"
    catalog = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    (birth,) = [p for p in catalog["procedures"] if p["code"] == "1.001193"]
    needed = [{"name": d["name"], "count": 1} for d in birth["documents"] if d["required"]]
    document = intake_doc(received_at=iso(now()), documents=needed)
    intake.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "receive", str(intake), "--json")
    assert code == 0, err
    dossier = json.loads(out)["code"]

    code, out, err = run(capsys, "backup", "--json")
    assert code == 0, err
    copy = Path(json.loads(out)["file"])
    assert copy.parent == db.parent / "backups" and len(str(copy)) > 260
    with sqlite3.connect(copy) as taken:
        assert taken.execute("SELECT count(*) FROM dossiers WHERE code = ?", (dossier,)).fetchone()
    assert "Nguyễn" not in copy.name  # no personal data in a file name

    receipt = profile / DEEP / "giấy tiếp nhận.pdf"
    receipt.parent.mkdir()
    code, _, err = run(capsys, "print", "receipt", dossier, "-o", str(receipt))
    assert code == 0, err
    assert len(str(receipt)) > 260 and receipt.read_bytes().startswith(b"%PDF")
