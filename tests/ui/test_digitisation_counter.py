"""Digitising at the counter (issue 20 point 1): the dossier window's checklist, the scan
dialog driven by keyboard through the real SANE test device, the officer's SoftHSM token
asked once, the viewer's signature state, an exemption and the copier's folder."""

from __future__ import annotations

import io
import os
import time

import pikepdf
import pytest
from PySide6.QtCore import Qt

from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.digitisation import listing
from counter_app.digitisation.store import Store, root_of
from counter_app.scanning.sane import SaneScanner
from counter_app.ui.app import AppContext
from counter_app.ui.digitisation import signing_flow
from counter_app.ui.digitisation.scan_dialog import ScanDialog
from counter_app.ui.dossiers.dossier_dialog import DossierDialog
from counter_app.ui.tasks import Tasks
from tests.unit.test_lifecycle import received

GRID = ["--test-picture=Grid"]
SLOW = ["--read-limit=yes", "--read-limit-size=4096", "--read-delay=yes"]
SLOW += ["--read-delay-duration=20000"]


def make_context(db_url, **settings):
    return AppContext.build(
        Settings(db_url=db_url, officer="tranthib", **settings), Tasks(synchronous=True)
    )


def stored(db_url, code):
    with unit_of_work(AppContext.build(Settings(db_url=db_url)).sessions) as session:
        return listing.documents(session, code, Store(root_of(db_url)))


def document(db_url, code, item):
    with unit_of_work(AppContext.build(Settings(db_url=db_url)).sessions) as session:
        return listing.document_bytes(session, code, item, Store(root_of(db_url)))


def open_window(qtbot, context, code) -> DossierDialog:
    dialog = DossierDialog(context, code)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.checklist.documents is not None, timeout=10000)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    return dialog


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, modifier)


def scan_window(qtbot, dialog) -> ScanDialog:
    key(qtbot, dialog, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: getattr(dialog.checklist, "scan_dialog", None) is not None)
    scan = dialog.checklist.scan_dialog
    qtbot.addWidget(scan)
    scan.activateWindow()
    qtbot.waitUntil(scan.isActiveWindow, timeout=5000)
    return scan


@pytest.fixture
def context(desk_db, db_url, sane_device):
    c = make_context(db_url)
    c.digitisation._scanner = SaneScanner(extra=GRID)
    return c


def test_three_pages_scanned_by_keyboard_become_the_two_pages_chosen(
    qtbot, context, db_url, desk_db
):
    (code,) = received(desk_db)
    dialog = open_window(qtbot, context, code)
    panel = dialog.checklist
    assert panel.model.index(0, panel.model.STATE).data() == "Chưa số hóa"
    scan = scan_window(qtbot, dialog)
    key(qtbot, scan, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Số &trang
    qtbot.waitUntil(scan.count.hasFocus)
    qtbot.waitUntil(lambda: scan.count.lineEdit().selectedText() == "1")
    qtbot.keyClicks(scan.count, "3")
    with qtbot.waitSignal(scan.scan_ended, timeout=120000) as ended:
        key(qtbot, scan.count, Qt.Key.Key_F9)
    assert ended.args == ["scanned"] and scan.pages.rowCount() == 3
    qtbot.waitUntil(scan.list.hasFocus)  # the pages next, by keyboard
    key(qtbot, scan.list, Qt.Key.Key_Up)  # from the last page scanned to page 2
    key(qtbot, scan.list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # page 2: 90°
    key(qtbot, scan.list, Qt.Key.Key_Down)
    key(qtbot, scan.list, Qt.Key.Key_Delete)  # page 3 dropped
    assert scan.pages.rowCount() == 2
    scan.list.setCurrentIndex(scan.pages.index(1))  # page 2 (turned), now last
    key(qtbot, scan.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # goes first
    assert scan.pages.index(0).data() == "Trang 1 (xoay 90°)"
    with qtbot.waitSignal(scan.saved):
        key(qtbot, scan.list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    pdf = pikepdf.open(io.BytesIO(document(db_url, code, 1)))
    assert [int(p.obj.get("/Rotate", 0)) for p in pdf.pages] == [90, 0]
    line = stored(db_url, code).line(1)
    assert line.current.source == "scanner" and line.current.pages == 2
    qtbot.waitUntil(lambda: panel.model.index(0, panel.model.STATE).data() == "Đã số hóa")
    assert "Đã lưu dòng 1: 2 trang" in panel.status.text()


def test_cancel_mid_scan_keeps_nothing_and_the_window_answers(qtbot, context, db_url, desk_db):
    (code,) = received(desk_db)
    context.digitisation._scanner = SaneScanner(extra=GRID + SLOW)
    dialog = open_window(qtbot, context, code)
    scan = scan_window(qtbot, dialog)
    scan.count.setValue(3)
    key(qtbot, scan, Qt.Key.Key_F9)
    assert scan.scanning
    qtbot.waitUntil(lambda: scan.pages.rowCount() >= 1, timeout=120000)  # a page is in
    answered = []  # the window still answers: a key typed while the scanner works
    scan.list.setFocus()
    qtbot.keyClick(scan.list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    answered.append(scan.pages.pages[0].rotation)
    assert answered == [90] and scan.scanning
    with qtbot.waitSignal(scan.scan_ended, timeout=60000) as ended:
        key(qtbot, scan.list, Qt.Key.Key_Escape)
    assert ended.args == ["cancelled"] and scan.pages.rowCount() == 0
    assert not scan.save_button.isEnabled()
    assert stored(db_url, code).line(1).current is None
    files = (
        [p for p in root_of(db_url).rglob("*") if p.is_file()] if root_of(db_url).exists() else []
    )
    assert files == []


def test_exemption_is_recorded_with_its_reason(qtbot, context, db_url, desk_db, monkeypatch):
    from counter_app.ui.digitisation import exempt_dialog

    (code,) = received(desk_db)
    dialog = open_window(qtbot, context, code)

    def answer(self):  # the officer picks the second reason and adds a note
        self.choice.setCurrentIndex(1)
        self.note.setText("CSDL dân cư")
        self._on_ok_clicked()
        return self.result()

    monkeypatch.setattr(exempt_dialog.ExemptDialog, "exec", answer)
    key(qtbot, dialog, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    now = stored(db_url, code).line(1).current
    assert now.source == "exempt" and now.sha256 is None
    assert now.reason.startswith(exempt_dialog.REASONS[1]) and "CSDL dân cư" in now.reason
    assert dialog.checklist.model.index(0, 1).data() == "Miễn số hóa"


def test_the_newest_file_of_the_watched_folder_is_taken(qtbot, desk_db, db_url, tmp_path):
    from tests.integration.test_digitise_cli import image

    folder = tmp_path / "copier"
    folder.mkdir()
    (folder / "old.png").write_bytes(image((300, 400)))
    newest = folder / "new.jpg"
    newest.write_bytes(image((400, 300), "JPEG"))
    os.utime(folder / "old.png", (time.time() - 60, time.time() - 60))
    context = make_context(db_url, scan_folder=str(folder))
    (code,) = received(desk_db)
    dialog = open_window(qtbot, context, code)
    with qtbot.waitSignal(dialog.checklist.digitised):
        key(qtbot, dialog, Qt.Key.Key_F8)
    now = stored(db_url, code).line(1).current
    assert now.source == "folder" and now.pages == 1
    pdf = pikepdf.open(io.BytesIO(document(db_url, code, 1)))
    width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert width > height  # the newest file (landscape), not the older one


def test_signing_asks_the_pin_once_and_the_viewer_says_valid(
    qtbot, desk_db, db_url, tmp_path, softhsm_token, monkeypatch
):
    from tests.integration.test_digitise_cli import image

    monkeypatch.setenv("COUNTER_APP_PKCS11_MODULE", softhsm_token.module)
    monkeypatch.setenv("COUNTER_APP_TRUST_DIR", str(softhsm_token.ca_pem.parent))
    folder = tmp_path / "copier"
    folder.mkdir()
    context = make_context(db_url, scan_folder=str(folder), signing="required")
    asked = []
    monkeypatch.setattr(
        signing_flow, "ask_pin", lambda parent, warning, error: asked.append(1) or softhsm_token.pin
    )
    (code,) = received(desk_db)
    dialog = open_window(qtbot, context, code)
    for n in (1, 2):
        (folder / f"scan{n}.png").write_bytes(image((300 + n, 400)))
        os.utime(folder / f"scan{n}.png", (time.time() + n, time.time() + n))
        with qtbot.waitSignal(dialog.checklist.digitised) as saved:
            key(qtbot, dialog, Qt.Key.Key_F8)
        assert saved.args[0].signed and saved.args[0].item == n
    assert asked == [1]  # once for the two documents
    dialog.checklist.select_item(1)
    key(qtbot, dialog, Qt.Key.Key_F7)
    viewer = dialog.checklist.viewer
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.document is not None, timeout=30000)
    assert viewer.signature.text().startswith("Chữ ký số hợp lệ.")
    assert "Cán bộ Một Cửa" in viewer.signature.text()
    assert viewer.document.pageCount() == 1
    context.digitisation.close_token()
    assert not context.digitisation.token_open


def test_opening_a_dossier_with_its_checklist_is_one_entry_in_the_trail(qtbot, context, desk_db):
    """The checklist shows no citizen's data: the window's opening is the audited look, and
    loading the checklist adds no second entry (a write and an fsync on every scan)."""
    import sqlite3

    (code,) = received(desk_db)
    path = context.settings.db_url.removeprefix("sqlite:///")

    def entries() -> int:
        with sqlite3.connect(path) as db:
            return db.execute(
                "SELECT count(*) FROM audit_entries WHERE code = ?", (code,)
            ).fetchone()[0]

    before = entries()
    dialog = open_window(qtbot, context, code)
    qtbot.waitUntil(lambda: dialog.checklist.documents is not None)
    assert entries() - before == 1
