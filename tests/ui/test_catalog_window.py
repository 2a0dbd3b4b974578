"""The catalog screen: procedures and versions, an import with its progress, a bad file told."""

from __future__ import annotations

import json

import pytest

from counter_app.config import Settings
from counter_app.ui.admin.catalog_window import CatalogWindow
from counter_app.ui.app import AppContext
from counter_app.ui.tasks import Tasks
from tests.conftest import small_catalog
from tests.integration.test_cli import desk as desk  # noqa: F401 - the fixture


@pytest.fixture
def window(qtbot, desk_db, db_url):
    w = CatalogWindow(AppContext.build(Settings(db_url=db_url), Tasks()))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.procedures.rowCount() == 5, timeout=10_000)
    return w


def test_import_shows_progress_and_a_new_version(qtbot, window, tmp_path):
    data = small_catalog()
    data["procedures"][0]["fee"] = 8000
    path = tmp_path / "moi.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    steps = []
    window._relay.advanced.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(window.imported, timeout=10_000) as done:
        window.import_file(path)
    assert "1 phiên bản mới" in done.args[0]
    assert steps[-1] == (5, 5) and window.progress.value() == 5
    window.show_versions(0)  # 1.001193: now two versions, newest first
    qtbot.waitUntil(lambda: window.versions.rowCount() == 2, timeout=10_000)
    assert window.versions.rows[0][4] == "8.000"


def test_bad_file_is_told(qtbot, window, tmp_path):
    path = tmp_path / "hong.json"
    path.write_text(
        '{"agency": {"name": "X", "level": "commune"}, "procedures": []}', encoding="utf-8"
    )
    with qtbot.waitSignal(window.failed, timeout=10_000) as failed:
        window.import_file(path)
    assert "agency.code" in failed.args[0] and "Không nhập được" in window.status.text()


def test_models(qtmodeltester, window):
    qtmodeltester.check(window.procedures)


def test_durations_read_as_on_the_command_line(window, desk):
    """One wording for a legal duration, on the screen and the command line alike."""
    shown = {
        window.procedures.index(r, 0).data(): window.procedures.index(r, 3).data()
        for r in range(window.procedures.rowCount())
    }
    assert shown == {
        "1.001193": "3 ngày làm việc",
        "2.000815": "Trong ngày",
        "9.000001": "15 ngày",
        "9.000002": "Không quy định thời hạn",
        "9.000003": "4 giờ làm việc",
    }
    _, out, _ = desk.run("catalog", "list")
    assert all(f"{code:<10} " in out and f" — {text}" in out for code, text in shown.items())
