"""Translation of the desk: one context, one helper, one loader.

Vietnamese is the source language. scripts/update_translations.py collects every
tr("…") literal of counter_app/ui/ and the services' label tables into
resources/translations/counter_app_<lang>.ts; pyside6-lrelease builds the .qm.
Qt's own texts (standard buttons, a text field's menu, the file dialog) are English and
Qt ships no Vietnamese for them (PySide6's translations folder has no qtbase_vi.qm):
qt_vi.ts gives them to the Vietnamese desk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

CONTEXT = "desk"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def install(language: str | None, folder: Path = TRANSLATIONS) -> QTranslator | None:
    """Load counter_app_<language>.qm into the application, or for Vietnamese qt_vi.qm;
    None when the file is missing (the desk's texts then stay in Vietnamese)."""
    name = "qt_vi" if not language or language == "vi" else f"counter_app_{language}"
    translator = QTranslator(QCoreApplication.instance())
    if not translator.load(str(folder / f"{name}.qm")):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
