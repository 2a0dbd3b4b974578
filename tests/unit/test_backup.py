"""Backup and restore of the desk's SQLite file: a copy that restores, its manifest, its
permissions, the daily copy, and which copies the retention rule keeps."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from counter_app.backup import folder, online, service
from counter_app.backup.folder import Copy
from counter_app.clock import LOCAL_TZ
from counter_app.db import HEAD, make_engine, unit_of_work
from counter_app.errors import BackupUnsupported, BadBackup
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import actor_for, at, intake_doc

NOW = at("2026-02-13T18:00:00+07:00")


def receive(sessions, n: int) -> None:
    document = read_intake(intake_doc())
    for _ in range(n):
        with unit_of_work(sessions, write=True) as session:
            intake.receive(session, actor_for(session), document, NOW)


def codes(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT code FROM dossiers ORDER BY code")]


@pytest.fixture
def live(desk_db, db_url) -> Path:
    receive(desk_db, 3)
    return Path(db_url.removeprefix("sqlite:///"))


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_copy_restores_what_it_held_and_the_replaced_content_is_kept(live, desk_db, tmp_path):
    taken = service.take_backup(live, NOW, tmp_path / "copy.db")
    receive(desk_db, 2)  # work done after the copy, that the restore takes back
    after = codes(live)
    restored = service.restore_backup(live, taken.file, NOW)
    assert (len(codes(live)), len(codes(restored.kept))) == (3, 5)
    assert codes(restored.kept) == after  # kept exactly the content replaced
    service.restore_backup(live, restored.kept, NOW + timedelta(seconds=1))  # undo
    assert codes(live) == after


def test_a_desk_writing_during_a_restore_waits_and_loses_nothing(live, tmp_path, monkeypatch):
    """Another desk's write between keeping the replaced content and restoring would be in
    neither: the restore holds the write lock from before the content is kept."""
    taken = service.take_backup(live, NOW, tmp_path / "copy.db")
    copy_out, tried = online.copy_out, []

    def keep_then_write(db, target, on_pages=None):  # type: ignore[no-untyped-def]
        snapshot = copy_out(db, target, on_pages)
        if "before-restore" in target.name:
            other = sqlite3.connect(db, timeout=0.2)
            try:
                other.execute("UPDATE desks SET name = 'Bàn 2'")
                other.commit()
                tried.append("written, then lost")
            except sqlite3.OperationalError:  # locked: that desk waits and retries
                tried.append("waits")
            other.close()
        return snapshot

    monkeypatch.setattr(online, "copy_out", keep_then_write)
    service.restore_backup(live, taken.file, NOW)
    assert tried == ["waits"]


def test_the_manifest_describes_the_copy(live, tmp_path):
    taken = service.take_backup(live, NOW, tmp_path / "copy.db")
    described = json.loads((tmp_path / "copy.db.json").read_text(encoding="utf-8"))
    data = taken.file.read_bytes()
    assert {
        k: described[k]
        for k in ("file", "bytes", "sha256", "schema", "dossiers", "events", "created_at", "kind")
    } == {
        "file": "copy.db",
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "schema": HEAD,
        "dossiers": 3,
        "events": 3,
        "created_at": "2026-02-13T18:00:00+07:00",
        "kind": "manual",
    }
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_a_copy_from_an_older_version_is_restored_at_the_current_schema(live, tmp_path):
    from alembic import command
    from alembic.config import Config

    from counter_app.db import MIGRATIONS

    old = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{old}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # the first schema this program shipped
    engine.dispose()
    taken = service.take_backup(old, NOW, tmp_path / "copy.db")
    assert taken.manifest.schema == "0001" != HEAD
    kept = service.restore_backup(live, taken.file, NOW).kept
    with sqlite3.connect(live) as db:
        revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    assert (revision, integrity, codes(live), len(codes(kept))) == (HEAD, "ok", [], 3)
    assert [p.name for p in tmp_path.iterdir() if ".restoring" in p.name] == []


def test_copies_are_readable_by_the_desk_user_only(live, tmp_path):
    folder.folder_of(live).mkdir(mode=0o755)  # made wider by someone: narrowed again
    taken = service.take_backup(live, NOW)
    kept = service.restore_backup(live, taken.file, NOW).kept
    files = [
        taken.file,
        taken.file.with_name(taken.file.name + ".json"),
        kept,
        kept.with_name(kept.name + ".json"),
    ]
    assert (mode(folder.folder_of(live)), [mode(p) for p in files]) == (0o700, [0o600] * 4)


def test_progress_goes_forward_to_the_end(live, tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_TEST_BACKUP_STEP", "2:0")  # many steps on a small file
    seen: list[tuple[int, int]] = []
    taken = service.take_backup(live, NOW, tmp_path / "c.db", on_progress=lambda *a: seen.append(a))
    service.restore_backup(live, taken.file, NOW, on_progress=lambda *a: seen.append(a))
    backup_steps = seen[: seen.index((1000, 1000)) + 1]
    restore_steps = seen[len(backup_steps) :]
    for steps in (backup_steps, restore_steps):
        values = [done for done, _ in steps]
        assert len(values) > 10 and values == sorted(set(values)) and values[-1] == 1000


def test_the_daily_copy_is_taken_once_a_day(live):
    first = service.daily_backup(live, NOW)
    assert first is not None and first.manifest.kind == "daily"
    assert service.daily_backup(live, NOW + timedelta(hours=3)) is None
    assert service.daily_backup(live, NOW + timedelta(days=1)) is not None
    assert len(folder.copies(live)) == 2


def test_forty_days_of_daily_copies_keep_seven_days_and_four_weeks(live):
    for day in range(40):  # 2026-01-05 (a Monday) .. 2026-02-13
        assert service.daily_backup(live, at("2026-01-05T07:45:00+07:00") + timedelta(day))
    kept = {(c.taken_at.strftime("%d/%m"), c.kind) for c in service.list_copies(live)}
    assert kept == {
        ("07/02", "daily"),
        ("08/02", "daily"),
        ("09/02", "daily"),
        ("10/02", "daily"),
        ("11/02", "daily"),
        ("12/02", "daily"),
        ("13/02", "daily"),
        ("01/02", "weekly"),
        ("25/01", "weekly"),
    }


def day(text: str) -> Copy:
    taken = datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=LOCAL_TZ)
    return Copy(Path(f"c-{taken:%Y%m%d-%H%M}.db"), taken, "daily")


RETENTION = [
    ("one copy", ["2026-02-13 08:00"], {"2026-02-13 08:00": "daily"}),
    (
        "every copy of the last three days with copies, the newest of the days before",
        [f"2026-02-{d:02d} {h}" for d in (9, 10, 11, 12, 13) for h in ("08:00", "16:30")],
        {
            "2026-02-13 16:30": "daily",
            "2026-02-13 08:00": "recent",
            "2026-02-12 16:30": "daily",
            "2026-02-12 08:00": "recent",
            "2026-02-11 16:30": "daily",
            "2026-02-11 08:00": "recent",
            "2026-02-10 16:30": "daily",
            "2026-02-09 16:30": "daily",
        },
    ),
    (
        "days without copies do not count: a desk closed for a month keeps its last week",
        [
            "2026-01-02 08:00",
            "2025-12-01 08:00",
            "2025-11-30 08:00",
            "2025-11-29 08:00",
            "2025-11-28 08:00",
            "2025-11-27 08:00",
            "2025-11-26 08:00",
            "2025-11-25 08:00",
        ],
        {
            "2026-01-02 08:00": "daily",
            "2025-12-01 08:00": "daily",
            "2025-11-30 08:00": "daily",
            "2025-11-29 08:00": "daily",
            "2025-11-28 08:00": "daily",
            "2025-11-27 08:00": "daily",
            "2025-11-26 08:00": "daily",
        },
    ),
    (
        "the eighth day back goes when its week's newest copy is among the seven",
        [f"2026-02-{d:02d} 08:00" for d in range(2, 14)],  # Mon 02/02 .. Fri 13/02
        {f"2026-02-{d:02d} 08:00": "daily" for d in range(7, 14)},
    ),  # ISO week 6 ends 08/02
    (
        "ISO weeks across the new year: 30/12/2025 and 02/01/2026 are both in 2026-W01",
        [f"2026-01-{d:02d} 08:00" for d in range(20, 27)]
        + ["2026-01-02 08:00", "2025-12-30 08:00", "2025-12-27 08:00", "2025-12-20 08:00"],
        {
            **{f"2026-01-{d:02d} 08:00": "daily" for d in range(20, 27)},
            "2026-01-02 08:00": "weekly",
            "2025-12-27 08:00": "weekly",
        },
    ),
    (
        "more than seven days, more than four weeks",
        [f"2026-01-{d:02d} 12:00" for d in range(1, 32, 2)],  # every other day of January
        {
            **{f"2026-01-{d:02d} 12:00": "daily" for d in range(19, 32, 2)},
            "2026-01-17 12:00": "weekly",
            "2026-01-11 12:00": "weekly",
        },
    ),
]


def kept(stamps: list[str]) -> dict[str, str]:
    found = [day(stamp) for stamp in stamps]
    rules = folder.keep(found)
    return {c.taken_at.strftime("%Y-%m-%d %H:%M"): rules[c.path] for c in found if c.path in rules}


def test_retention_table():
    results = {name: kept(stamps) for name, stamps, _ in RETENTION}
    assert results == {name: expected for name, _, expected in RETENTION}


def test_a_copy_on_request_keeps_the_mornings_automatic_copy(live):
    """Issue 16: a manual copy removed the day's automatic one without a word."""
    morning = service.daily_backup(live, NOW - timedelta(hours=10))
    assert morning is not None
    manual = service.take_backup(live, NOW)
    assert manual.removed == () and manual.json()["removed_copies"] == []
    assert [c.path for c in folder.copies(live)] == [manual.file, morning.file]


def test_what_the_rule_removes_is_named_in_the_result(live):
    today = [service.take_backup(live, NOW + timedelta(hours=h)) for h in (0, 1, 2)]
    assert [r.removed for r in today] == [(), (), ()]  # every copy of today is kept
    tomorrow = service.take_backup(live, NOW + timedelta(days=1), all_days=1)
    # one day kept whole: yesterday keeps its newest copy, the two before it are named
    assert tomorrow.json()["removed_copies"] == [today[1].file.name, today[0].file.name]
    assert tomorrow.json()["removed"] == [str(today[1].file), str(today[0].file)]
    assert not today[0].file.exists() and today[2].file.exists()


def test_prune_removes_copies_with_their_manifests_and_nothing_else(live):
    base = folder.folder_of(live)
    base.mkdir()
    names = [
        f"desk-2026{m:02d}{d:02d}-080000-daily.db"
        for m, d in ((1, 1), (1, 2), (1, 3), (1, 5), (1, 6), (1, 7), (1, 8), (1, 9), (1, 10))
    ]
    for name in [*names, "notes.txt", "other-20260101-080000-daily.db"]:
        (base / name).write_text("x")
        (base / f"{name}.json").write_text("{}")
    removed = folder.prune(live)
    # seven days 03/01..10/01; their weeks' newest (03/01, 10/01) among them
    assert sorted(p.name for p in removed) == [
        "desk-20260101-080000-daily.db",
        "desk-20260102-080000-daily.db",
    ]
    assert not (base / "desk-20260101-080000-daily.db.json").exists()
    assert (base / "notes.txt").exists() and (base / "other-20260101-080000-daily.db").exists()


def test_only_an_sqlite_file_is_backed_up_here():
    with pytest.raises(BackupUnsupported, match="PostgreSQL"):
        service.sqlite_file("postgresql+psycopg://desk@office/counter")
    assert service.sqlite_file("sqlite:////var/lib/counter.db") == Path("/var/lib/counter.db")


def test_a_copy_cannot_overwrite_the_database(live):
    with pytest.raises(Exception, match="chính cơ sở dữ liệu"):
        service.take_backup(live, NOW, live)
    with pytest.raises(BadBackup):
        service.restore_backup(live, live, NOW)
    assert codes(live)  # still there
