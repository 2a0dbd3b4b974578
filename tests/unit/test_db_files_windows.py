"""Where the database may be on Windows (issue 25 item 3): a path that, with the copies
and documents kept beside it, would pass MAX_PATH is refused up front, plainly, instead
of SQLite's "unable to open" on the first start (or a backup failing months later)."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app import db_files
from counter_app.errors import DatabaseLocation


@pytest.fixture
def on_windows(monkeypatch):
    monkeypatch.setattr(db_files, "POSIX", False)


def test_a_usual_windows_profile_has_room():
    profile = Path("/Users/Nguyễn Thị Hoà/AppData/Local/counter-app")  # as C:\Users\…
    assert db_files.windows_path_trouble(profile / "counter.db") is None


def test_a_database_too_deep_for_windows_is_refused_before_anything_is_made(tmp_path, on_windows):
    deep = tmp_path / ("Dữ liệu của bàn tiếp nhận một cửa " * 4).strip() / "counter.db"
    with pytest.raises(DatabaseLocation) as refused:
        db_files.prepare(deep)
    told = str(refused.value)
    assert "quá dài cho Windows" in told and "C:\\counter-app\\counter.db" in told
    assert not deep.parent.exists()


def test_the_longest_file_kept_beside_it_decides(tmp_path, on_windows):
    """The folder may hold up to MAX_PATH less what the desk writes beside the database."""
    room = db_files.MAX_PATH - db_files.BESIDE - len("counter") - 1
    base = len(str(tmp_path)) + 1
    fits = tmp_path / ("x" * (room - base)) / "counter.db"
    assert len(str(fits.parent)) == room
    assert db_files.windows_path_trouble(fits) is None
    assert db_files.windows_path_trouble(tmp_path / ("x" * (room - base + 1)) / "counter.db")
    assert db_files.prepare(fits) is False and fits.is_file()


def test_on_windows_the_new_database_and_its_folder_get_the_users_access_list(
    tmp_path, on_windows, monkeypatch
):
    """Both made private by private.py (icacls there): the folder, whose entry the -wal and
    -shm files inherit, and the file, which may be in a folder the user named."""
    from counter_app import private

    asked: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        private, "make_private", lambda path, folder=False, **_: asked.append((path.name, folder))
    )
    assert db_files.prepare(tmp_path / "dữ liệu" / "counter.db") is False
    assert asked == [("dữ liệu", True), ("counter.db", False)]
    db_files.prepare(tmp_path / "dữ liệu" / "counter.db")  # opened again: nothing more
    assert len(asked) == 2
