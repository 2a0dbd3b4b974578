"""The settings screen stores what the officer chose; the environment still wins; the
desk opened again runs with it."""

from __future__ import annotations

import pytest

from counter_app.config import Settings
from counter_app.ui.app import AppContext
from counter_app.ui.preferences import Preferences
from counter_app.ui.settings_window import SettingsWindow
from counter_app.ui.tasks import Tasks


@pytest.fixture
def window(qtbot, desk_db, db_url, tmp_path):
    prefs = Preferences(tmp_path / "desk.ini")
    w = SettingsWindow(AppContext.build(Settings(db_url=db_url), Tasks(synchronous=True)), prefs)
    qtbot.addWidget(w)
    return w, prefs, db_url


def test_choices_are_kept_for_the_next_start(qtbot, window):
    w, prefs, db_url = window
    assert w.agency.text() == "000.00.20.H26 — UBND xã Tam Đảo"
    w.officer.setText("tranthib")
    w.officer_name.setText("Trần Thị B")
    w.paper.setCurrentIndex(w.paper.findData("A5"))
    w.language.setCurrentIndex(w.language.findData("en"))
    w.silent.setChecked(True)
    w.gap.setValue(50)
    w.prefix.setText("§")
    with qtbot.waitSignal(w.saved):
        w.save()
    after = Settings.load(db_url=db_url, environ={}, stored=prefs.stored_settings())
    assert (after.officer, after.officer_name, after.paper, after.language, after.print_silently,
            after.scanner_gap_ms, after.scanner_prefix) == (
        "tranthib", "Trần Thị B", "A5", "en", True, 50, "§")  # fmt: skip
    fixed = Settings.load(db_url=db_url, environ={"COUNTER_APP_PAPER": "A4"},
                          stored=prefs.stored_settings())  # fmt: skip
    assert fixed.paper == "A4"  # IT staff's environment wins


def test_an_officer_name_with_spaces_is_not_saved(window):
    w, prefs, _ = window
    w.officer.setText("tran thi b")
    w.save()
    assert prefs.stored_settings() == {}  # nothing saved: the field is marked instead
    assert "#a00" in w.officer.styleSheet()
