"""Translation of the desk: one context, one helper, one loader.

Vietnamese is the source language. scripts/update_translations.py collects every
tr("…") literal of counter_app/ui/ and the services' label tables into
resources/translations/counter_app_<lang>.ts; pyside6-lrelease builds the .qm.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

CONTEXT = "desk"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def install(language: str | None, folder: Path = TRANSLATIONS) -> QTranslator | None:
    """Load counter_app_<language>.qm into the application; None for Vietnamese or when
    the file is missing (the desk then stays in Vietnamese)."""
    if not language or language == "vi":
        return None
    translator = QTranslator(QCoreApplication.instance())
    if not translator.load(str(folder / f"counter_app_{language}.qm")):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
