"""The settings screen stores what the officer chose; the environment still wins; the
desk opened again runs with it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.models import Desk
from counter_app.ui.admin.settings_window import SettingsWindow
from counter_app.ui.app import AppContext
from counter_app.ui.preferences import Preferences
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
    assert (
        after.officer,
        after.officer_name,
        after.paper,
        after.language,
        after.print_silently,
        after.scanner_gap_ms,
        after.scanner_prefix,
    ) == ("tranthib", "Trần Thị B", "A5", "en", True, 50, "§")
    fixed = Settings.load(
        db_url=db_url, environ={"COUNTER_APP_PAPER": "A4"}, stored=prefs.stored_settings()
    )
    assert fixed.paper == "A4"  # IT staff's environment wins


def test_an_officer_name_with_spaces_is_not_saved(window):
    w, prefs, _ = window
    w.officer.setText("tran thi b")
    w.save()
    assert prefs.stored_settings() == {}  # nothing saved: the field is marked instead
    assert "#a00" in w.officer.styleSheet()


def desk_names(sessions) -> list[str]:  # type: ignore[no-untyped-def]
    with unit_of_work(sessions) as session:
        return list(session.scalars(select(Desk.name)))


def test_the_desk_is_renamed_in_the_database(qtbot, window, desk_db):
    w, _, _ = window
    assert w.desk_name.text() == "Bàn tiếp nhận 1" and w.desk_name.isEnabled()
    w.desk_name.setText("  Bàn 2   Tư pháp ")
    with qtbot.waitSignal(w.saved):
        w.save()
    assert desk_names(desk_db) == ["Bàn 2 Tư pháp"]


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_desk_name_is_refused_and_nothing_saved(window, desk_db, name):
    w, prefs, _ = window
    w.desk_name.setText(name)
    w.save()
    assert w.result() == 0  # not accepted: the dialog stays open
    assert prefs.stored_settings() == {} and desk_names(desk_db) == []  # never written
    assert w.error.text() == "Tên bàn tiếp nhận không được để trống."


def test_a5_and_the_signer_saved_take_effect_at_once(qtbot, desk_db, db_url, tmp_path, monkeypatch):
    """Saved, then a reprint right after: A5 with the officer's name, no restart."""
    from counter_app.ui.dossiers.dossier_dialog import DossierDialog
    from tests.unit.test_lifecycle import received
    from tests.unit.test_printing import page_sizes

    for variable in ("COUNTER_APP_PAPER", "COUNTER_APP_OFFICER_NAME"):
        monkeypatch.delenv(variable, raising=False)
    context = AppContext.build(Settings(db_url=db_url, officer="tranthib"), Tasks(synchronous=True))
    w = SettingsWindow(context, Preferences(tmp_path / "desk.ini"))
    qtbot.addWidget(w)
    w.paper.setCurrentIndex(w.paper.findData("A5"))
    w.officer_name.setText("Trần Thị Bích")
    with qtbot.waitSignal(w.saved):
        w.save()
    (code,) = received(desk_db)
    dossier = DossierDialog(context, code)
    qtbot.addWidget(dossier)
    dossier.reprint("receipt")
    pdf = dossier.preview._pdf
    assert page_sizes(pdf) == {(420, 595)}  # A5, both copies
    # the name letters are signed with now (a receipt carries who received the dossier)
    assert context.signed.printed_name == "Trần Thị Bích"


def test_the_window_says_which_settings_wait_for_a_restart(window):
    w, _, _ = window
    form = w.layout()
    waiting = [form.labelForField(f).text() for f in (w.officer, w.language, w.gap, w.prefix)]
    assert all(text.endswith("(khi mở lại chương trình)") for text in waiting)
    assert not form.labelForField(w.paper).text().endswith("(khi mở lại chương trình)")


def test_the_counter_number_is_kept_and_taken_at_once(qtbot, window):
    w, prefs, db_url = window
    assert w.counter.text() == "Chưa đặt"  # none yet: F12 says where to set it
    w.counter.setValue(3)
    with qtbot.waitSignal(w.saved):
        w.save()
    assert w._context.settings.counter == 3  # the desk's next F12 calls for counter 3
    assert w.settings_after_restart(db_url).counter == 3
    assert Settings.load(db_url=db_url, environ={"COUNTER_APP_COUNTER": "0"}).counter is None
