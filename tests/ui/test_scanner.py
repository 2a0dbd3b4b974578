"""A scan typed fast into a focused field opens the dossier and leaves the field as it was;
a person typing the same characters is not taken for a scanner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QVBoxLayout

from counter_app.ui.desk.scanner import ScanFilter, ScannerSettings
from tests.ui.conftest import ticking_clock

CODE = "000.00.20.H26-260213-0007"


@pytest.fixture
def scanner(qtbot):
    scan = ScanFilter(ScannerSettings(gap_ms=35, min_length=8), clock=ticking_clock())
    QApplication.instance().installEventFilter(scan)
    yield scan
    QApplication.instance().removeEventFilter(scan)


@pytest.fixture
def field(qtbot):
    edit = QLineEdit("Nguyễn")
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    return edit


def test_fast_keys_with_enter_are_a_scan_and_leave_the_field_alone(qtbot, scanner, field):
    entered = []
    field.returnPressed.connect(lambda: entered.append(True))
    with qtbot.waitSignal(scanner.scanned, timeout=2000) as scan:
        qtbot.keyClicks(field, CODE)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scan.args == [CODE]
    assert field.text() == "Nguyễn" and entered == []


def test_slow_typing_reaches_the_field(qtbot, scanner, field):
    seen = []
    scanner.scanned.connect(seen.append)
    qtbot.keyClicks(field, " Thi Hoa 123", delay=70)  # QTest types Latin-1 only
    qtbot.wait(100)
    assert field.text() == "Nguyễn Thi Hoa 123" and seen == []


def test_short_fast_run_is_typing_and_enter_goes_through(qtbot, scanner, field):
    entered = []
    field.returnPressed.connect(lambda: entered.append(True))
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "Nguyễnabc" and entered == [True]


def test_scanner_enter_does_not_press_the_default_button(qtbot, scanner):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    button = QPushButton("Xác nhận", dialog)
    button.setDefault(True)
    QVBoxLayout(dialog).addWidget(button)
    pressed = []
    button.clicked.connect(lambda: pressed.append(True))
    dialog.show()
    with qtbot.waitSignal(scanner.scanned, timeout=2000):
        qtbot.keyClicks(button, CODE)
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert pressed == [] and dialog.isVisible()


def test_with_a_prefix_only_prefixed_runs_are_scans(qtbot, field):
    scan = ScanFilter(ScannerSettings(prefix="§"), clock=ticking_clock())
    QApplication.instance().installEventFilter(scan)
    try:
        seen = []
        scan.scanned.connect(seen.append)
        qtbot.keyClicks(field, "12345678")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.keyClicks(field, "§" + CODE)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert seen == [CODE] and field.text() == "Nguyễn12345678"
    finally:
        QApplication.instance().removeEventFilter(scan)


def test_fast_backspace_after_a_letter_keeps_the_order(qtbot, scanner, field):
    """Unikey's Telex sends Backspace and the accented letter right after a key: the
    keys must reach the field in the order typed (through the window, as for real)."""
    from PySide6.QtTest import QTest

    field.setText("ab")
    window = field.window().windowHandle()
    QTest.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.NoModifier)
    QTest.keyClick(window, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)
    qtbot.wait(100)
    assert field.text() == "ab"


def test_held_keys_go_to_the_field_that_had_the_focus(qtbot, scanner):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    page = QWidget()
    first, second = QLineEdit(page), QLineEdit(page)
    QVBoxLayout(page).addWidget(first)
    page.layout().addWidget(second)
    qtbot.addWidget(page)
    page.show()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    QTest.keyClick(page.windowHandle(), Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier)
    QTest.keyClick(page.windowHandle(), Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    qtbot.wait(100)
    assert (first.text(), second.text()) == ("x", "")


def test_a_scanner_pressing_shift_for_capitals_is_still_one_scan(qtbot, scanner, field):
    """A scanner in keyboard mode types 'H' as Shift down, h, Shift up, like a keyboard;
    the Shift press must neither end the scan nor let the digits before it into the field
    (found by typing through X with xdotool: '000.00.20.' leaked, 'H26-…' was 'scanned')."""
    from PySide6.QtTest import QTest

    window = field.window().windowHandle()
    shift = Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(scanner.scanned, timeout=2000) as scan:
        for ch in CODE:
            if ch.isupper():
                QTest.keyPress(window, Qt.Key.Key_Shift, shift)
                QTest.keyClick(window, ch, shift)
                QTest.keyRelease(window, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
            else:
                QTest.keyClick(window, ch, Qt.KeyboardModifier.NoModifier)
        QTest.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert scan.args == [CODE] and field.text() == "Nguyễn"


def test_space_on_a_button_clicks_it(qtbot, scanner):
    """A held key gives its release back after its press: a button pressed with Space
    (the dossier window's actions) is clicked, not left half pressed."""
    button = QPushButton("Trả kết quả")
    qtbot.addWidget(button)
    button.show()
    button.setFocus()
    with qtbot.waitSignal(button.clicked, timeout=2000):
        qtbot.keyClick(button, Qt.Key.Key_Space)


def test_a_password_typed_fast_is_never_taken_for_a_scan(qtbot, scanner):
    password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
    qtbot.addWidget(password)
    password.show()
    password.setFocus()
    seen, entered = [], []
    scanner.scanned.connect(seen.append)
    password.returnPressed.connect(lambda: entered.append(password.text()))
    qtbot.keyClicks(password, "motcua2026")  # as fast as a scanner, as xdotool types
    qtbot.keyClick(password, Qt.Key.Key_Return)
    assert seen == [] and entered == ["motcua2026"]


def test_an_underlined_letter_in_an_open_menu_chooses_its_item(qtbot, scanner):
    """Issue 18: with a menu open, S did nothing; the filter held it for the window behind."""
    from PySide6.QtWidgets import QMainWindow

    window, search = QMainWindow(), QLineEdit()
    window.setCentralWidget(search)  # had the focus when the menu opened
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&Quản lý")
    chosen = []
    menu.addAction("&Nhật ký truy cập", lambda: chosen.append("audit"))
    menu.addAction("&Sao lưu và khôi phục", lambda: chosen.append("backup"))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search, timeout=5000)
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=5000)
    qtbot.keyClick(menu, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: chosen == ["backup"], timeout=5000)
    assert search.text() == ""


def test_a_letter_in_an_open_drop_down_list_goes_to_the_list(qtbot, scanner):
    from PySide6.QtWidgets import QComboBox

    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["Trực tiếp", "Qua bưu chính", "Xã Hòa Bình"])
    combo.show()
    combo.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo, timeout=5000)
    combo.showPopup()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=5000)
    view = combo.view()
    qtbot.keyClick(view, Qt.Key.Key_X)
    # at once, by the list itself: not held and given back later to the widget behind it
    assert view.currentIndex().row() == 2
