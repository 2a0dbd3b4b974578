"""Text on the command line that is not what it looks like, and personal data kept out of
error messages (issue 9, classes 3 and 4)."""

from __future__ import annotations

import itertools
import json
import sqlite3
import unicodedata
from typing import Any

import pytest

from tests.conftest import intake_doc, small_catalog
from tests.integration.driver import Desk

# Class 3: a person's number typed where something else was asked for is refused without
# being repeated; the message says what was expected instead.
PERSONAL = [
    "0912345678",
    "+84912345678",
    "091-234-5678",
    "026 190 001 234",
    "026.190.001.234",
    "B1234567",
    "hoa.nguyen@example.com",
    "0912 345 678",
]
PLACES = [
    ("show", "{v}"),
    ("result", "{v}"),
    ("supplied", "{v}"),
    ("handoff", "{v}", "--to", "TP-HT"),
    ("handoff", "{code}", "--to", "{v}"),
    ("deadline", "{v}", "2026-02-13T10:00:00+07:00"),
    ("deadline", "1.001193", "{v}"),
    ("extend", "{code}", "--due", "{v}", "--reason", "x"),
    ("print", "register", "--from", "{v}", "--to", "2026-02-13", "-o", "{tmp}/r.pdf"),
    ("print", "register", "--from", "2026-02-13", "--to", "{v}", "-o", "{tmp}/r.pdf"),
    ("print", "receipt", "{v}", "-o", "{tmp}/r.pdf"),
    ("receive", "{intake}"),
    ("return", "{code}", "--receiver", "A", "--receiver-id", "{v}"),
]
ECHOES = list(itertools.product(PERSONAL, PLACES))


@pytest.mark.parametrize(
    "value,place", ECHOES, ids=[f"{v} as {' '.join(p[:2])}" for v, p in ECHOES]
)
def test_a_persons_number_in_the_wrong_place_is_not_repeated(ready, value, place):
    desk, code = ready
    intake = desk.file("intake.json", intake_doc(procedure=value))
    args = [a.format(v=value, code=code, tmp=desk.tmp, intake=intake) for a in place]
    seen = desk.outcome(*args)
    assert (seen.refused(), _echoed(value, seen.err)) == (True, False), seen.err


def _echoed(value: str, message: str) -> bool:
    """The value, in any case, or its digits run together, is in the message."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return value.upper() in message.upper() or (len(digits) >= 6 and digits in message)


@pytest.mark.parametrize("value", ["0912 345 678", "026 190 001 234"])
def test_an_officer_name_that_is_a_number_is_not_repeated(ready, value):
    desk, _ = ready
    seen = desk.outcome("--officer", value, "init")
    assert (seen.refused(), _echoed(value, seen.err)) == (True, False), seen.err


# Class 4: digits of other forms, blank-looking names, duplicate keys.
FULL_WIDTH_ID = "０２６１９０００１２３４"
DIGITS = [
    ("full-width ID", {"applicant_id_number": FULL_WIDTH_ID}, "026190001234"),
    ("mathematical digits ID", {"applicant_id_number": "𝟎𝟐𝟔𝟏𝟗𝟎𝟎𝟎𝟏𝟐𝟑𝟒"}, "026190001234"),
    ("full-width phone", {"applicant_phone": "０９１２３４５６７８"}, "0912345678"),
    ("full-width old ID", {"applicant_id_number": "１２３４５６７８９"}, "123456789"),
    (
        "full-width passport",
        {"applicant_id_type": "passport", "applicant_id_number": "Ｂ１２３４５６７"},
        "B1234567",
    ),
    ("Arabic-Indic ID", {"applicant_id_number": "٠٢٦١٩٠٠٠١٢٣٤"}, "refused"),
    ("Devanagari phone", {"applicant_phone": "०९१२३४५६७८"}, "refused"),
    ("Bengali old ID", {"applicant_id_number": "১২৩৪৫৬৭৮৯"}, "refused"),
    ("Thai phone", {"applicant_phone": "๐๙๑๒๓๔๕๖๗๘"}, "refused"),
    ("name of accents only", {"applicant_name": "\u0301\u0303\u0309"}, "refused"),
    ("name of a space and an accent", {"applicant_name": " \u0301 "}, "refused"),
    ("name of invisible letters", {"applicant_name": "\u3164\u115f"}, "refused"),
    ("name of zero-width characters", {"applicant_name": "\u200b\u200d\u2060"}, "refused"),
    ("name of a braille blank", {"applicant_name": "\u2800"}, "refused"),
]


@pytest.mark.parametrize("changes,expected", [r[1:] for r in DIGITS], ids=[r[0] for r in DIGITS])
def test_numbers_are_stored_in_ascii_digits_or_refused(ready, changes, expected):
    desk, _ = ready
    seen = desk.outcome("receive", desk.file("intake.json", intake_doc(**changes)), "--json")
    if seen.refused():
        got = "refused"
    elif seen.code != 0:
        got = f"exit {seen.code}"
    else:
        found = desk.json("find", expected)["results"]
        got = expected if json.loads(seen.out)["code"] in [d["code"] for d in found] else "lost"
    assert got == expected


def _duplicate(document: dict[str, Any], path: str, key: str, value: Any = None) -> str:
    """The document as JSON text with `key` given twice in the object at `path` (dotted;
    the second time with `value`, or the same value again)."""
    target: Any = document
    for part in filter(None, path.split(".")):
        target = target[int(part)] if part.isdigit() else target[part]
    second = target[key] if value is None else value
    target["__twice__"] = None
    return json.dumps(document).replace('"__twice__": null', f'"{key}": {json.dumps(second)}')


DUPLICATES = [
    ("intake: procedure", "receive", intake_doc(), "", "procedure", "2.000815"),
    ("intake: same value twice", "receive", intake_doc(), "", "sets", None),
    ("intake: applicant name", "receive", intake_doc(), "applicant", "name", "Trần Văn B"),
    ("intake: applicant ID", "receive", intake_doc(), "applicant", "id_number", "123456789"),
    ("intake: document count", "receive", intake_doc(), "documents.0", "count", 2),
    ("catalog: agency code", "catalog", small_catalog(), "agency", "code", None),
    ("catalog: procedure fee", "catalog", small_catalog(), "procedures.1", "fee", 5000),
    ("catalog: the procedures", "catalog", small_catalog(), "", "procedures", []),
    ("catalog: a unit's name", "catalog", small_catalog(), "units.0", "name", "X"),
]


@pytest.mark.parametrize(
    "command,document,path,key,value", [r[1:] for r in DUPLICATES], ids=[r[0] for r in DUPLICATES]
)
def test_a_key_given_twice_is_refused(ready, command, document, path, key, value):
    desk, _ = ready
    path = desk.file("doc.json", _duplicate(document, path, key, value))
    args = ("receive", path) if command == "receive" else ("catalog", "import", path)
    assert desk.outcome(*args).refused()


NASTY = "A\x00B\x1b]0;pwned\x07C\rD\x1b[2J\x9b31mE\u202eF\x7f"
# (multi-line fields keep their line breaks; nothing else of the control set survives)
STORED = [
    ("intake name", lambda d, c: ("receive", d.file("i.json", intake_doc(applicant_name=NASTY)))),
    (
        "intake address",
        lambda d, c: ("receive", d.file("i.json", intake_doc(applicant_address=NASTY))),
    ),
    ("intake note", lambda d, c: ("receive", d.file("i.json", intake_doc(note=NASTY + "\nG")))),
    ("handover note", lambda d, c: ("handoff", c, "--to", "TP-HT", "--note", NASTY)),
    (
        "supplement items",
        lambda d, c: ("supplement", c, "--items", NASTY + "\nG", "--reason", NASTY),
    ),
    ("withdrawal reason", lambda d, c: ("withdraw", c, "--reason", NASTY)),
    ("stop reason", lambda d, c: ("stop", c, "--reason", NASTY + "\r\nG")),
    (
        "extension reason",
        lambda d, c: ("extend", c, "--due", "2026-03-02T17:00:00+07:00", "--reason", NASTY),
    ),
    ("post tracking", lambda d, c: ("return", c, "--post", NASTY)),
    (
        "document name",
        lambda d, c: (
            "receive",
            d.file(
                "i.json",
                intake_doc(
                    documents=[
                        {"name": "Tờ khai đăng ký khai sinh"},
                        {"name": "Giấy chứng sinh"},
                        {"name": NASTY},
                    ]
                ),
            ),
        ),
    ),
]


def _controls(value: Any) -> set[str]:
    """Control and direction-changing characters anywhere in `value`, line breaks aside."""
    if isinstance(value, dict):
        return set().union(*map(_controls, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(_controls, value)) if value else set()
    if isinstance(value, str):
        return {ch for ch in value if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf")}
    return set()


def _ready_for(desk: Desk, code: str, row: str) -> None:
    if row == "post tracking":
        assert desk.run("handoff", code, "--to", "TP-HT")[0] == 0
        assert desk.run("result", code)[0] == 0
    if row == "extension reason":
        assert desk.run("handoff", code, "--to", "TP-HT")[0] == 0


@pytest.mark.parametrize("row", [r for _, r in STORED], ids=[n for n, _ in STORED])
def test_control_characters_are_not_stored(ready, row, request):
    desk, code = ready
    _ready_for(desk, code, request.node.callspec.id)
    status, _, err = desk.run(*row(desk, code))
    assert status == 0, err
    assert _controls(_stored_text(desk)) == set()


def _stored_text(desk: Desk) -> list[Any]:
    """Every value of the tables that hold what people typed."""
    with sqlite3.connect(desk.path) as db:
        return [
            list(row)
            for table in ("dossiers", "events", "dossier_documents")
            for row in db.execute(f"SELECT * FROM {table}")
        ]


PLANTED = [
    ("show", "dossiers", "applicant_name"),
    ("show", "dossiers", "address"),
    ("show", "events", "note"),
    ("show", "procedure_versions", "name"),
    ("show", "units", "code"),
    ("find", "dossiers", "applicant_name"),
    ("find", "dossiers", "code"),
    ("find", "procedure_versions", "name"),
]


@pytest.mark.parametrize(
    "command,table,column", PLANTED, ids=[f"{c} {t}.{col}" for c, t, col in PLANTED]
)
def test_text_output_never_replays_control_characters(ready, command, table, column):
    """Data written before this rule (or by another program) is shown escaped."""
    desk, code = ready
    assert desk.run("handoff", code, "--to", "TP-HT")[0] == 0
    with sqlite3.connect(desk.path) as db:
        db.execute(f"UPDATE {table} SET {column} = coalesce({column}, '') || ?", (NASTY,))
    status, out, _ = desk.run(command, code if command == "show" else "nguyen")
    assert (status, _controls(out)) == (0, set())
