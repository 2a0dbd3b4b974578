"""The desk as `counter-app` opens it: the scanner is armed once the first list is shown, or
once a failed start has been told, and a scan then opens the dossier."""

from __future__ import annotations

import pytest

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import unit_of_work
from counter_app.services.demo import demo
from counter_app.services.worklists import worklists
from counter_app.services.worklists.worklists import Worklist
from counter_app.ui.launch import open_desk
from tests.ui.conftest import ticking_clock
from tests.ui.test_signing import office  # noqa: F401  (fixture)


@pytest.fixture
def desk_for(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))  # stored settings of this test only
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    opened = []

    def open_one(db_url: str):  # type: ignore[no-untyped-def]
        desk = open_desk(db_url, None)
        qtbot.addWidget(desk.window)
        opened.append(desk)
        return desk

    yield open_one
    for desk in opened:
        if desk.scanner is not None:
            desk.app.removeEventFilter(desk.scanner)
        if getattr(desk.window, "idle", None) is not None:
            desk.app.removeEventFilter(desk.window.idle)
        desk.context.tasks.wait()
        desk.context.dispose()


def test_a_scan_opens_the_dossier_once_the_first_list_is_shown(qtbot, desk_for, sessions, db_url):
    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua", days=14)
    with unit_of_work(sessions) as session:
        code = worklists.rows(session, Worklist.RESULT_BACK, now())[0].code
    desk = desk_for(db_url)
    with qtbot.waitSignal(desk.window.worklist_shown, timeout=20_000):
        desk.window.start()
    qtbot.waitUntil(lambda: desk.scanner is not None, timeout=5000)
    desk.scanner._clock = ticking_clock()  # scanner speed whatever the machine's load
    desk.window.search.setFocus()
    with qtbot.waitSignal(desk.window.dossier_opened, timeout=5000) as opened:
        qtbot.keyClicks(desk.window.search, code)
        qtbot.keyClick(desk.window.search, "\r")
    assert desk.window.search.text() == ""  # the scan did not leak into the field
    with qtbot.waitSignal(opened.args[0].loaded, timeout=10_000):
        pass
    assert opened.args[0].view.code == code


def test_the_scanner_is_armed_after_a_failed_start_too(qtbot, desk_for, tmp_path):
    (tmp_path / "a file").write_text("")
    desk = desk_for(f"sqlite:///{tmp_path / 'a file' / 'desk.db'}")  # cannot be made
    desk.window.start()
    qtbot.waitUntil(lambda: getattr(desk.window, "trouble", None) is not None, timeout=20_000)
    told = desk.window.trouble.text()  # a window that says what happened, in Vietnamese
    assert desk.window.trouble.isVisible() and "a file" in told and "Error" not in told
    qtbot.waitUntil(lambda: desk.scanner is not None, timeout=5000)
    desk.scanner._clock = ticking_clock()
    desk.window.search.setFocus()
    with qtbot.waitSignal(desk.scanner.scanned, timeout=5000) as scanned:
        qtbot.keyClicks(desk.window.search, "000.00.20.H26-260213-0007")
        qtbot.keyClick(desk.window.search, "\r")
    assert scanned.args == ["000.00.20.H26-260213-0007"]


def test_a_procedure_code_typed_quickly_chooses_the_procedure(qtbot, desk_for, sessions, db_url):
    """1.001193 and Enter, typed as fast as a scanner in the reception's search box, is
    typing: it must not be swallowed as a scan of a dossier code."""
    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua", days=3)
    desk = desk_for(db_url)
    with qtbot.waitSignal(desk.window.started, timeout=20_000):
        desk.window.start()
    qtbot.waitUntil(lambda: desk.scanner is not None, timeout=5000)
    # narrowed to this database's code shapes once the full start is over
    qtbot.waitUntil(lambda: not desk.scanner.settings.accepts("1.001193"), timeout=5000)
    desk.scanner._clock = ticking_clock()
    scans: list[str] = []
    desk.scanner.scanned.connect(scans.append)
    desk.window.actions["reception"].trigger()
    form = desk.window.reception
    qtbot.waitUntil(lambda: form.filter.rowCount() > 0, timeout=20_000)
    form.find.setFocus()
    qtbot.keyClicks(form.find, "1.001193")
    qtbot.keyClick(form.find, "\r")
    qtbot.waitUntil(lambda: form.procedure_code == "1.001193", timeout=5000)
    assert scans == [] and form.find.text() == "1.001193"


def test_the_worker_preloading_screens_imports_nothing_of_qt():
    """A PySide6 module imported off the GUI thread while the desk runs crashed it now and
    then at start (a segmentation fault): the worker loads only what is Qt-free."""
    import subprocess
    import sys

    probe = (
        "import sys, counter_app.ui.desk.preload as p; before = set(sys.modules); "
        "p.in_worker(); print(sorted(n for n in set(sys.modules) - before "
        "if n.startswith(('PySide6', 'shiboken6', 'counter_app.ui'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


def test_a_desk_that_asks_a_login_narrows_its_scanner_too(qtbot, desk_for, office):  # noqa: F811
    """The full start ends early there (the login page, nothing read): the scanner, armed
    by then or after, still learns the database's code shapes."""
    desk = desk_for(office)
    desk.window.start()
    qtbot.waitUntil(
        lambda: desk.window.pages.currentWidget() is desk.window.lock_page, timeout=20_000
    )
    qtbot.waitUntil(lambda: desk.scanner is not None, timeout=5000)
    qtbot.waitUntil(lambda: not desk.scanner.settings.accepts("1.001193"), timeout=5000)
    assert desk.scanner.settings.accepts("000.00.20.H26-260213-0007")


def test_keys_and_clicks_keep_a_logged_in_desk_from_locking(qtbot, desk_for, office):  # noqa: F811
    """The idle lock hears the officer through the scanner's filter (one filter on the
    application, not two): each key and each click starts its count again."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from tests.ui.test_signing import log_in

    desk = desk_for(office)
    desk.window.show()
    desk.window.start()
    log_in(qtbot, desk.window, "hoa")
    qtbot.waitUntil(lambda: getattr(desk.window, "idle", None) is not None, timeout=5000)
    wired = desk.scanner.activity
    assert wired == desk.window.idle.restart  # launch.arm_idle_lock: the scanner tells it
    heard: list[str] = []
    desk.scanner.activity = lambda: (heard.append("restart"), wired())
    qtbot.keyClick(desk.window.search, "a")
    assert heard == ["restart"]
    QTest.mouseClick(desk.window.search, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert heard == ["restart"] * 2
    qtbot.wait(100)  # events that are not the officer's (paint, timers) restart nothing
    assert heard == ["restart"] * 2
    assert desk.window.pages.currentWidget() is not desk.window.lock_page


def test_a_scan_during_the_start_opens_before_the_other_screens_load(
    qtbot, desk_for, sessions, db_url, monkeypatch
):
    """Scanned as soon as the first list shows: the other screens' modules are loaded ahead
    only once that dossier is on screen (they took the GIL and the import locks from it, a
    third of its time), even when the start ends first; a code that opens nothing does not
    hold them."""
    from counter_app.ui.desk import preload, screens
    from counter_app.ui.dossiers.dossier_dialog import DossierDialog

    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua", days=14)
    with unit_of_work(sessions) as session:
        code = worklists.rows(session, Worklist.RESULT_BACK, now())[0].code
    order: list[str] = []
    loading, reloading = preload.in_worker, DossierDialog.reload
    monkeypatch.setattr(preload, "in_worker", lambda: (order.append("screens"), loading()))
    window = {}

    def reload_once_started(dialog: DossierDialog, **how: bool) -> None:  # the start ends first
        if window["now"].full_started:
            reloading(dialog, **how)
        else:
            window["now"].started.connect(lambda: reloading(dialog, **how))

    monkeypatch.setattr(DossierDialog, "reload", reload_once_started)
    monkeypatch.setattr(screens, "SCAN_WAIT_MS", 600_000)  # however slow the machine
    for told in ("_on_loaded", "_refuse"):  # on screen, or told why not
        was = getattr(DossierDialog, told)
        monkeypatch.setattr(
            DossierDialog,
            told,
            lambda self, got, was=was: (order.append("dossier"), was(self, got)),
        )
    for scanned in (code, "000.00.20.H26-990101-9999"):  # the second is nobody's
        order.clear()
        desk = desk_for(db_url)
        window["now"] = desk.window
        with qtbot.waitSignal(desk.window.worklist_shown, timeout=20_000):
            desk.window.start()
        assert not desk.window.full_started  # still starting: the services are loading
        desk.window.on_scanned(scanned)
        qtbot.waitUntil(lambda: "screens" in order, timeout=20_000)
        assert order == ["dossier", "screens"], scanned


def test_the_dossier_window_loads_without_the_reception_and_pdf_modules():
    """A scan during the start waits for the dossier window's modules: they do not pull in
    the reception's services, the numbering (PostgreSQL's dialect) and reportlab (a word
    for a component's form did, ~70 ms of the first scan)."""
    import os
    import subprocess
    import sys

    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, counter_app.ui.dossiers.dossier_dialog\n"
            "print(sorted(m for m in ('counter_app.services.intake.reception', 'reportlab',"
            " 'sqlalchemy.dialects.postgresql') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout.strip()
    assert loaded == "[]"


def test_a_dossier_that_never_opens_does_not_hold_the_start(
    qtbot, desk_for, sessions, db_url, monkeypatch
):
    """Its look hangs (a locked database…): the other screens load anyway after
    SCAN_WAIT_MS, and the work the start left for later (the counts, the day's copy) runs."""
    from counter_app.ui.desk import preload, screens
    from counter_app.ui.dossiers.dossier_dialog import DossierDialog

    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua", days=14)
    with unit_of_work(sessions) as session:
        code = worklists.rows(session, Worklist.RESULT_BACK, now())[0].code
    loaded: list[str] = []
    loading = preload.in_worker
    monkeypatch.setattr(preload, "in_worker", lambda: (loaded.append("screens"), loading()))
    monkeypatch.setattr(DossierDialog, "reload", lambda dialog, **how: None)  # never answers
    monkeypatch.setattr(screens, "SCAN_WAIT_MS", 300)
    desk = desk_for(db_url)
    with qtbot.waitSignal(desk.window.worklist_shown, timeout=20_000):
        desk.window.start()
    desk.window.on_scanned(code)
    qtbot.waitUntil(lambda: loaded == ["screens"], timeout=20_000)
    qtbot.waitUntil(lambda: getattr(desk.window, "screens_loaded", False), timeout=20_000)
