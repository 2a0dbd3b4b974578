"""Every visible text goes through tr() into the translation source, and the English
translation built from it turns the desk into English."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from counter_app.config import Settings
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow
from counter_app.ui.i18n import TRANSLATIONS, install

ROOT = Path(__file__).resolve().parents[2]
SOURCE = TRANSLATIONS / "counter_app_en.ts"
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations  # noqa: E402


def vietnamese(text: str) -> bool:
    """Has a letter with a Vietnamese diacritic (or đ)."""
    return "đ" in text.lower() or any(
        unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)
    )


def messages() -> dict[str, str | None]:
    root = ET.parse(SOURCE).getroot()
    return {
        m.findtext("source") or "": (
            None if m.find("translation").get("type") else m.findtext("translation")
        )
        for m in root.iter("message")
    }


def test_every_text_of_the_desk_is_in_the_translation_source():
    missing = (update_translations.from_ui() | update_translations.from_services()) - set(
        messages()
    )
    assert missing == set(), "run: python scripts/update_translations.py en"


def test_every_text_has_its_english_translation():
    assert [s for s, t in messages().items() if not t] == []


@pytest.fixture
def english(tmp_path):
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pyside6-lrelease"),
            "-silent",
            str(SOURCE),
            "-qm",
            str(tmp_path / "counter_app_en.qm"),
        ],
        check=True,
    )
    translator = install("en", tmp_path)
    assert translator is not None
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_desk_speaks_english(qtbot, english, tmp_path):
    window = MainWindow(AppContext.build(Settings(db_url=f"sqlite:///{tmp_path / 'e.db'}")))
    qtbot.addWidget(window)
    title = messages()["Bộ phận một cửa — Tiếp nhận và trả kết quả"]
    assert window.windowTitle() == title and not vietnamese(title)
    toolbar_texts = [
        a.text() for a in window.findChildren(type(window.addToolBar("x")))[0].actions()
    ]
    assert toolbar_texts and not any(vietnamese(t) for t in toolbar_texts)
    labels = [window.lists.data(window.lists.index(r)) for r in range(window.lists.rowCount())]
    assert labels and not any(vietnamese(label) for label in labels)


@pytest.fixture
def qt_vietnamese(tmp_path):
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pyside6-lrelease"),
            "-silent",
            str(TRANSLATIONS / "qt_vi.ts"),
            "-qm",
            str(tmp_path / "qt_vi.qm"),
        ],
        check=True,
    )
    translator = install("vi", tmp_path)
    assert translator is not None
    yield
    QCoreApplication.removeTranslator(translator)


def test_qt_own_buttons_and_menus_speak_vietnamese(qtbot, qt_vietnamese):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["Lưu", "Hủy"]
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = [a.text() for a in field.createStandardContextMenu().actions() if a.text()]
    assert "&Dán\tCtrl+V" in menu and not [
        t for t in menu if t.split("\t")[0] in ("&Undo", "&Paste", "Select All")
    ]


def test_vietnamese_without_its_file_still_starts(tmp_path):
    assert install("vi", tmp_path) is None and install(None, tmp_path) is None
