"""Collect the desk's Vietnamese texts into resources/translations/counter_app_<lang>.ts.

    python scripts/update_translations.py [en]

Sources: every literal passed to tr() in counter_app/ui/, every Vietnamese literal of those
modules (headers and choice tables translated at run time), and the services' label tables
(statuses, actions, events, worklists, forms, fields, the portal's hints), which reach the
screen through tr(variable). Existing translations are kept; new texts are marked unfinished. Then
`pyside6-lrelease` builds the .qm (scripts/setup.sh does).
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from counter_app.acting import roles  # noqa: E402
from counter_app.calendar import DURATION_TEXT  # noqa: E402
from counter_app.citizen.complaint_form import STATUSES  # noqa: E402
from counter_app.citizen.criteria import CRITERIA, SCORES, VISITS  # noqa: E402
from counter_app.portal import hints  # noqa: E402
from counter_app.reports import dashboard, form06  # noqa: E402
from counter_app.services.dossiers import operations  # noqa: E402
from counter_app.services.dossiers.events import EVENT_LABELS  # noqa: E402
from counter_app.services.dossiers.views import ONE_STOP  # noqa: E402
from counter_app.services.dossiers.workflow import (  # noqa: E402
    ACTION_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
)
from counter_app.services.printouts import printouts  # noqa: E402
from counter_app.services.worklists.worklist_kinds import LABELS  # noqa: E402

CONTEXT = "desk"


def from_ui() -> set[str]:
    texts: set[str] = set()
    for path in sorted((ROOT / "counter_app" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and not text.isascii() and "\n" not in text.strip():
                texts.add(text)
    return texts


def from_services() -> set[str]:
    texts = {
        *STATUS_LABELS.values(),
        *EVENT_LABELS.values(),
        *LABELS.values(),
        *printouts.FORM_LABELS.values(),
        *ACTION_LABELS.values(),
        *OUTCOME_LABELS.values(),
        *DURATION_TEXT.values(),
    }
    texts |= {operations.label(a) for a in ACTION_LABELS}
    texts |= {
        *dashboard.TITLES.values(),
        *dashboard.SERIES.values(),
        *dashboard.CHANNEL_LABELS.values(),
        form06.FORM,
    }  # the leader's dashboard
    texts |= {f.label for fields in operations.FIELDS.values() for f in fields}
    texts |= {f.hint for fields in operations.FIELDS.values() for f in fields if f.hint}
    texts |= set(operations.RETURN_WAYS.values())
    texts.add(ONE_STOP)  # where a dossier no unit holds is (views.unit_shown)
    texts |= set(roles.ROLE_LABELS.values())
    texts |= {*hints.HINTS.values(), hints.UNKNOWN}  # the dashboard's portal page
    texts |= {*CRITERIA.values(), *SCORES.values(), *VISITS.values()}  # the citizen's screen
    texts |= set(STATUSES.values())  # the complaints register
    return {str(t) for t in texts}


def existing(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    found = {}
    for message in ET.parse(path).getroot().iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        if source and translation is not None and translation.text:
            found[source] = translation.text
    return found


def write(path: Path, language: str, texts: set[str]) -> tuple[int, int]:
    known = existing(path)
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="vi")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for text in sorted(texts):
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        translation = ET.SubElement(message, "translation")
        if text in known:
            translation.text = known[text]
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        + ET.tostring(root, encoding="unicode")
        + "\n",
        encoding="utf-8",
    )
    return len(texts), sum(1 for t in texts if t in known)


def main() -> None:
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    path = ROOT / "resources" / "translations" / f"counter_app_{language}.ts"
    path.parent.mkdir(parents=True, exist_ok=True)
    total, translated = write(path, language, from_ui() | from_services())
    print(f"{path.relative_to(ROOT)}: {total} texts, {translated} translated")


if __name__ == "__main__":
    main()
