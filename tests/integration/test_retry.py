"""A retry never duplicates (issue 9, class 5): an intake carrying a `request_id` is
recorded once however often it is sent, and a command that could not print what it did
says that it did it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import uuid
from typing import Any

import pytest

from tests.conftest import intake_doc, small_catalog
from tests.integration.driver import ROOT, Desk, process

RID = "0b5f2b55-7c0a-4d43-9a3e-5c1b5f0c3d2e"

# (first intake's changes, second intake's changes, what the second reception does)
RETRIES: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    ("the same intake", {}, {}, "the same dossier"),
    ("the same, received now", {"received_at": None}, {"received_at": None}, "the same dossier"),
    ("the id in capitals", {}, {"request_id": RID.upper()}, "the same dossier"),
    ("the id as a URN", {}, {"request_id": f"urn:uuid:{RID}"}, "the same dossier"),
    ("the name differs", {}, {"applicant_name": "Trần Văn Bình"}, "refused"),
    ("the procedure differs", {}, {"procedure": "2.000815", "documents": []}, "refused"),
    ("the note differs", {}, {"note": "khác"}, "refused"),
    ("the time differs", {}, {"received_at": "2026-02-13T10:05:00+07:00"}, "refused"),
    ("another ID number", {}, {"applicant_id_number": "123456789"}, "refused"),
    (
        "one more document",
        {},
        {
            "documents": [
                {"name": "Tờ khai đăng ký khai sinh"},
                {"name": "Giấy chứng sinh"},
                {"name": "Văn bản ủy quyền"},
            ]
        },
        "refused",
    ),
]


def _intake(**changes: Any) -> dict[str, Any]:
    doc = intake_doc(**({"request_id": RID} | changes))
    return {k: v for k, v in doc.items() if v is not None or k != "received_at"}


@pytest.mark.parametrize(
    "first,second,expected", [r[1:] for r in RETRIES], ids=[r[0] for r in RETRIES]
)
def test_a_request_is_recorded_once(ready, first, second, expected):
    desk, _ = ready
    recorded = desk.json("receive", desk.file("first.json", _intake(**first)))
    again = desk.outcome("receive", desk.file("second.json", _intake(**first | second)), "--json")
    if again.refused():
        got = "refused"
    elif again.code == 0 and again.unchanged and json.loads(again.out) == recorded:
        got = "the same dossier"
    else:
        got = f"exit {again.code}, {'nothing' if again.unchanged else 'something'} written"
    assert got == expected


@pytest.mark.parametrize("value", ["abc", "0b5f2b55-7c0a-4d43-9a3e", 12, "", RID + "0"])
def test_a_request_id_that_is_not_a_uuid_is_refused(ready, value):
    desk, _ = ready
    assert desk.outcome("receive", desk.file("i.json", _intake(request_id=value))).refused()


def _dossiers(desk: Desk) -> int:
    with sqlite3.connect(desk.path) as db:
        return int(db.execute("SELECT count(*) FROM dossiers").fetchone()[0])


def test_a_retry_after_the_output_was_lost_gives_the_dossier_recorded(ready):
    desk, _ = ready
    intake = desk.file("intake.json", _intake())
    with open("/dev/full", "w") as full:
        lost = process("--db", desk.url, "receive", intake, "--json", stdout=full)
    retried = process("--db", desk.url, "receive", intake, "--json")
    code = json.loads(retried.stdout)["code"]
    assert (lost.returncode, code in lost.stderr, retried.returncode, _dossiers(desk)) == (
        1,
        True,
        0,
        2,
    )


def test_two_processes_with_one_request_record_one_dossier(ready):
    desk, _ = ready
    intake = desk.file("intake.json", _intake())
    racers = [
        subprocess.Popen(
            [sys.executable, "-m", "counter_app", "--db", desk.url, "receive", intake, "--json"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    answers = [racer.communicate(timeout=120)[0] for racer in racers]
    results = [(racer.returncode, out) for racer, out in zip(racers, answers, strict=True)]
    codes = {json.loads(out)["code"] for status, out in results if status == 0}
    assert ([status for status, _ in results], len(codes), _dossiers(desk)) == ([0, 0, 0], 1, 2)


# Every writing command with nowhere to print: it says what it recorded, exit 1, never 2.
WRITERS = [
    ("receive", "{intake}"),
    ("handoff", "{code}", "--to", "TP-HT"),
    ("supplement", "{code}", "--items", "Giấy chứng sinh"),
    ("withdraw", "{code}", "--reason", "Công dân rút"),
    ("stop", "{code}", "--reason", "Không thuộc thẩm quyền"),
    ("catalog", "import", "{catalog}"),
]


@pytest.mark.parametrize(
    "args",
    WRITERS,
    ids=[" ".join(a[:1]) if a[0] != "catalog" else "catalog import" for a in WRITERS],
)
def test_a_command_that_cannot_print_says_what_it_recorded(ready, args):
    desk, code = ready
    small = small_catalog()
    small["procedures"][0]["fee"] = 5000  # a new version: the import writes
    files = {
        "intake": desk.file("i.json", _intake(request_id=str(uuid.uuid4()))),
        "catalog": desk.file("c.json", small),
        "code": code,
    }
    before = desk.written()
    with open("/dev/full", "w") as full:
        done = process("--db", desk.url, *(a.format(**files) for a in args), stdout=full)
    assert (
        done.returncode,
        done.stderr.startswith("error: "),
        "đã ghi" in done.stderr.lower(),
        desk.written() != before,
    ) == (1, True, True, True), done.stderr
