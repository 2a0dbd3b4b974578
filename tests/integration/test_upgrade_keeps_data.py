"""A newer program meets an older database (issue 25, item 4): a copy first, then the
migration; a migration that fails puts that copy back, says so, and exits 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import alembic.op
import pytest
from alembic import command
from alembic.config import Config

from counter_app.backup import folder, manifest
from counter_app.backup.upgrade import UpgradeFailed, migrate_keeping
from counter_app.cli import main
from counter_app.clock import now
from counter_app.db import HEAD, MIGRATIONS, make_engine

OLD = "0017"


def _alembic(url: str, revision: str, up: bool = False) -> None:
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(write=True).begin() as connection:
        config.attributes["connection"] = connection
        (command.upgrade if up else command.downgrade)(config, revision)
    engine.dispose()


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def revision(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def dossiers(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM dossiers").fetchone()[0])


@pytest.fixture
def old_db(demo_year_url: str) -> Path:
    """A year of demo work, as a desk of the version whose newest migration was 0017
    left it (the rows of the later revisions' tables go with them)."""
    _alembic(demo_year_url, OLD)
    path = Path(demo_year_url.removeprefix("sqlite:///"))
    assert revision(path) == OLD and dossiers(path) > 0
    return path


def before_upgrade(db: Path) -> list[Path]:
    return sorted(folder.folder_of(db).glob(f"*-before-upgrade-{OLD}-to-{HEAD}.db"))


def test_an_older_database_is_copied_then_upgraded(old_db, capsys):
    was, rows = dump(old_db), dossiers(old_db)
    assert main(["--db", f"sqlite:///{old_db}", "init"]) == 0
    (copy,) = before_upgrade(old_db)
    assert "before-upgrade" in capsys.readouterr().err
    assert (revision(old_db), dossiers(old_db)) == (HEAD, rows)
    assert dump(copy) == was  # the copy is the database as the older version left it
    assert manifest.read(copy).schema == OLD
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    assert main(["--db", f"sqlite:///{old_db}", "init"]) == 0
    assert before_upgrade(old_db) == [copy]  # at the head: nothing more copied
    # the IT person's way back to it: an ordinary restore (migrated on the way)
    assert main(["--db", f"sqlite:///{old_db}", "restore", str(copy)]) == 0
    assert (revision(old_db), dossiers(old_db)) == (HEAD, rows)


def _failing_in_the_last_revision(monkeypatch) -> None:
    """0019 creates its first table, then fails on that table's first index: mid-way."""
    real = alembic.op.create_index

    def create_index(name, table, *args, **kwargs):  # type: ignore[no-untyped-def]
        if table == "cash_shifts":
            raise RuntimeError("a migration step failed")
        return real(name, table, *args, **kwargs)

    monkeypatch.setattr(alembic.op, "create_index", create_index)


def test_a_failed_migration_puts_the_database_back_and_says_so(old_db, monkeypatch, capsys):
    was = dump(old_db)
    _failing_in_the_last_revision(monkeypatch)
    assert main(["--db", f"sqlite:///{old_db}", "init"]) == 1
    error = capsys.readouterr().err
    (copy,) = before_upgrade(old_db)
    assert "đặt lại đúng như trước khi nâng cấp" in error and str(copy) in error
    assert "tin học" in error and "Traceback" not in error and "RuntimeError" not in error
    assert (revision(old_db), dump(old_db)) == (OLD, was)
    with sqlite3.connect(old_db) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    monkeypatch.undo()  # the fixed version: the same database now upgrades
    assert main(["--db", f"sqlite:///{old_db}", "init"]) == 0
    assert revision(old_db) == HEAD


def test_a_migration_that_committed_half_is_undone(old_db):
    """Whatever a failing migration committed (here: all up to 0018) is put back too."""
    was, url = dump(old_db), f"sqlite:///{old_db}"

    def half(engine) -> None:  # type: ignore[no-untyped-def]
        _alembic(url, "0018", up=True)
        raise RuntimeError("a migration step failed")

    engine = make_engine(url)
    try:
        with pytest.raises(UpgradeFailed, match="đặt lại đúng như trước"):
            migrate_keeping(engine, now, half)
    finally:
        engine.dispose()
    assert (revision(old_db), dump(old_db)) == (OLD, was)
    assert not [p for p in old_db.parent.iterdir() if p.name.endswith("-journal")]


def test_a_newer_database_is_refused_untouched(old_db):
    with sqlite3.connect(old_db) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    was = dump(old_db)
    assert main(["--db", f"sqlite:///{old_db}", "init"]) == 1
    assert dump(old_db) == was and not folder.folder_of(old_db).exists()


def test_a_new_database_is_made_without_a_copy(tmp_path):
    db = tmp_path / "new.db"
    engine = make_engine(f"sqlite:///{db}")
    try:
        assert migrate_keeping(engine, now) is None
    finally:
        engine.dispose()
    assert revision(db) == HEAD and not folder.folder_of(db).exists()


def test_no_copy_no_upgrade(old_db, capsys):
    """A copy that cannot be made (here: `backups` is a file) stops the upgrade first."""
    folder.folder_of(old_db).write_text("not a folder")
    was = dump(old_db)
    assert main(["--db", f"sqlite:///{old_db}", "init"]) == 1
    error = capsys.readouterr().err
    assert "không sao lưu được" in error and "Chưa có gì bị thay đổi" in error
    assert (revision(old_db), dump(old_db)) == (OLD, was)


def test_a_copy_that_cannot_be_put_back_is_named_for_the_it_person(old_db, monkeypatch):
    from counter_app.backup import upgrade

    def broken(copy: Path, live: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(upgrade, "put_back", broken)
    engine = make_engine(f"sqlite:///{old_db}")
    try:
        with pytest.raises(UpgradeFailed) as told:
            migrate_keeping(engine, now, lambda e: 1 / 0)
    finally:
        engine.dispose()
    (copy,) = before_upgrade(old_db)
    assert "không đặt lại được" in str(told.value) and str(copy) in str(told.value)
