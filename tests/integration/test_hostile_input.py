"""Hostile input on the command line (issue 9, classes 1 and 2): what is refused is refused
the way cli.md says — exit 2, one `error:` line, nothing written — and what is accepted
works afterwards: a command never exits non-zero after it committed.

Each table is many inputs and one assertion; `pytest tests/integration -k hostile` runs
them all."""

from __future__ import annotations

import json
import resource
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import intake_doc, small_catalog
from tests.integration.driver import Desk, process

DEFAULT = "{agency}-{yymmdd}-{seq:04d}"
AGENCY = "000.00.20.H26"


def _catalog(code: str = AGENCY, pattern: str = DEFAULT) -> dict[str, Any]:
    data = small_catalog()
    data["agency"] |= {"code": code, "code_pattern": pattern}
    return data


# Class 1: a catalog accepted is a catalog that works; otherwise it is refused.
CODES = [
    ("lower-case agency", "000.00.20.h26", DEFAULT, "works"),
    ("full-width agency", "０００.００.２０.Ｈ２６", DEFAULT, "works"),
    ("agency with a space", "000.00.20 H26", DEFAULT, "refused"),
    ("agency with a Vietnamese letter", "UBND.XÃ.H26", DEFAULT, "refused"),
    ("agency with a control character", "000.00.20.H26\x1b", DEFAULT, "works"),
    ("escaped braces", AGENCY, "{agency}-{yymmdd}-{{seq}}", "refused"),
    ("conversion, no precision", AGENCY, "{agency}-{yymmdd}-{seq!s:.0}", "refused"),
    ("attribute", AGENCY, "{agency}-{yymmdd}-{seq:04d}{agency.__class__}", "refused"),
    ("index", AGENCY, "{agency}-{yymmdd}-{seq:04d}{agency[0]}", "refused"),
    ("conversion", AGENCY, "{agency!r}-{yymmdd}-{seq:04d}", "refused"),
    ("unknown field", AGENCY, "{agency}-{yymmdd}-{seq:04d}-{desk}", "refused"),
    ("positional field", AGENCY, "{agency}-{yymmdd}-{seq:04d}-{}", "refused"),
    ("padded with spaces", AGENCY, "{agency}-{yymmdd}-{seq:4d}", "refused"),
    ("hexadecimal", AGENCY, "{agency}-{yymmdd}-{seq:04x}", "refused"),
    ("sign", AGENCY, "{agency}-{yymmdd}-{seq:+04d}", "refused"),
    ("nested width", AGENCY, "{agency}-{yymmdd}-{seq:0{seq}d}", "refused"),
    ("width on a date", AGENCY, "{agency}-{yymmdd:>8}-{seq:04d}", "refused"),
    ("lower-case text", AGENCY, "{agency}-{yymmdd}-so{seq:04d}", "refused"),
    ("spaces", AGENCY, "{agency} {yymmdd} {seq:04d}", "refused"),
    ("number twice", AGENCY, "{agency}-{yymmdd}-{seq:04d}-{seq:04d}", "refused"),
    ("no date", AGENCY, "{agency}-{seq:06d}", "refused"),
    ("no agency", AGENCY, "{yyyymmdd}-{seq:06d}", "refused"),
    ("longer than a code", "H" * 40, "{agency}-{yyyymmdd}-{seq:015d}", "refused"),
    ("unbalanced brace", AGENCY, "{agency}-{yymmdd}-{seq:04d", "refused"),
    ("compact", AGENCY, "{agency}{yymmdd}{seq:04d}", "works"),
    ("four-digit year", AGENCY, "{agency}/{yyyymmdd}/{seq:05d}", "works"),
    ("number unpadded", AGENCY, "{agency}-{yymmdd}-{seq}", "works"),
    ("number first", AGENCY, "{seq:04d}-{yymmdd}-{agency}", "works"),
]


def what_a_catalog_does(desk: Desk, data: dict[str, Any]) -> str:
    assert desk.run("init")[0] == 0
    imported = desk.outcome("catalog", "import", desk.file("catalog.json", data))
    if imported.refused():
        return "refused"
    if imported.code != 0:
        return f"import exit {imported.code}"
    intake = desk.file("intake.json", intake_doc())
    codes = []
    for _ in range(2):
        status, out, _err = desk.run("receive", intake, "--json")
        if status != 0:
            return f"receive exit {status} after writing" if desk.written()[0] else "refused"
        codes.append(json.loads(out)["code"])
    if codes[0] == codes[1]:
        return "one code for two dossiers"
    if any(desk.run("show", code)[0] != 0 for code in codes):
        return "a printed code is not found"
    return "works"


@pytest.mark.parametrize(
    "agency,pattern,expected", [c[1:] for c in CODES], ids=[c[0] for c in CODES]
)
def test_a_catalog_imported_is_a_catalog_that_works(tmp_path, capsys, agency, pattern, expected):
    assert what_a_catalog_does(Desk(tmp_path, capsys), _catalog(agency, pattern)) == expected


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _intake_text(**changes: Any) -> str:
    return json.dumps(intake_doc(**changes))  # ASCII: lone surrogates stay \\ud800 escapes


def _with_duration(**duration: Any) -> dict[str, Any]:
    data = small_catalog()
    data["procedures"][0]["duration"] = duration
    return data


def _catalog_with(path: str, value: Any) -> dict[str, Any]:
    data = small_catalog()
    *parents, key = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[key] = value
    return data


BIG_NUMBER = "9" * 5000
# Class 2: each row builds (arguments, standard input) from a desk and its dossier's code.
Row = Callable[[Desk, str], tuple[tuple[str, ...], bytes | None]]
HOSTILE: list[tuple[str, Row]] = [
    (
        "intake nested 100,000 deep",
        lambda d, c: (
            ("receive", d.file("i.json", b'{"procedure": ' + _nested(100_000) + b"}")),
            None,
        ),
    ),
    (
        "intake that is only brackets",
        lambda d, c: (("receive", d.file("i.json", _nested(100_000))), None),
    ),
    ("intake nested, from standard input", lambda d, c: (("receive", "-"), _nested(100_000))),
    (
        "catalog nested 100,000 deep",
        lambda d, c: (
            ("catalog", "import", d.file("c.json", b'{"agency": ' + _nested(100_000) + b"}")),
            None,
        ),
    ),
    (
        "5,000-digit number of sets",
        lambda d, c: (
            (
                "receive",
                d.file("i.json", _intake_text().replace('"sets": 1', '"sets": ' + BIG_NUMBER)),
            ),
            None,
        ),
    ),
    (
        "5,000-digit fee",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file(
                    "c.json",
                    json.dumps(small_catalog()).replace('"fee": 0', '"fee": ' + BIG_NUMBER, 1),
                ),
            ),
            None,
        ),
    ),
    (
        "lone surrogate in the name",
        lambda d, c: (
            ("receive", d.file("i.json", _intake_text(applicant_name="Hoa \ud800"))),
            None,
        ),
    ),
    (
        "lone surrogate in the note",
        lambda d, c: (("receive", d.file("i.json", _intake_text(note="\udfff"))), None),
    ),
    (
        "lone surrogate in a procedure name",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file(
                    "c.json", json.dumps(_catalog_with("procedures.0.name", "Khai sinh \ud800"))
                ),
            ),
            None,
        ),
    ),
    (
        "lone surrogate in an argument",
        lambda d, c: (("handoff", c, "--to", "TP-HT", "--note", "Lô \udcff"), None),
    ),
    ("lone surrogate as a code", lambda d, c: (("show", "\udcc3\udca9"), None)),
    (
        "received_at in year 1",
        lambda d, c: (
            ("receive", d.file("i.json", _intake_text(received_at="0001-01-01T00:00:00+07:00"))),
            None,
        ),
    ),
    (
        "received_at in year 9999",
        lambda d, c: (
            ("receive", d.file("i.json", _intake_text(received_at="9999-12-31T23:59:59-12:00"))),
            None,
        ),
    ),
    (
        "received_at in 1999",
        lambda d, c: (
            ("receive", d.file("i.json", _intake_text(received_at="1999-12-31T10:00:00+07:00"))),
            None,
        ),
    ),
    (
        "deadline in year 1",
        lambda d, c: (("deadline", "1.001193", "0001-01-01T00:00:00+07:00"), None),
    ),
    (
        "deadline in year 9999",
        lambda d, c: (("deadline", "1.001193", "9999-12-31T10:00:00+07:00"), None),
    ),
    (
        "deadline in 2101",
        lambda d, c: (("deadline", "9.000001", "2101-01-01T10:00:00+07:00"), None),
    ),
    (
        "extend to year 9999",
        lambda d, c: (("extend", c, "--due", "9999-12-31T23:59:59-12:00", "--reason", "x"), None),
    ),
    (
        "extend to year 1",
        lambda d, c: (("extend", c, "--due", "0001-01-01T00:00:00+14:00", "--reason", "x"), None),
    ),
    (
        "register from year 1",
        lambda d, c: (
            (
                "print",
                "register",
                "--from",
                "0001-01-01",
                "--to",
                "0001-01-31",
                "-o",
                str(d.tmp / "r.pdf"),
            ),
            None,
        ),
    ),
    (
        "register in year 9999",
        lambda d, c: (
            (
                "print",
                "register",
                "--from",
                "9999-12-01",
                "--to",
                "9999-12-31",
                "-o",
                str(d.tmp / "r.pdf"),
            ),
            None,
        ),
    ),
    (
        "10 million working days",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file("c.json", _with_duration(unit="working_day", value=10_000_000)),
            ),
            None,
        ),
    ),
    (
        "366 working days",
        lambda d, c: (
            ("catalog", "import", d.file("c.json", _with_duration(unit="working_day", value=366))),
            None,
        ),
    ),
    (
        "2,001 working hours",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file("c.json", _with_duration(unit="working_hour", value=2001)),
            ),
            None,
        ),
    ),
    (
        "a million calendar days",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file("c.json", _with_duration(unit="calendar_day", value=1_000_000)),
            ),
            None,
        ),
    ),
    (
        "10 million days online",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file(
                    "c.json",
                    _catalog_with(
                        "procedures.0.online_duration", {"unit": "working_day", "value": 10**7}
                    ),
                ),
            ),
            None,
        ),
    ),
    (
        "in force from year 1",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file("c.json", _catalog_with("procedures.0.effective_from", "0001-01-01")),
            ),
            None,
        ),
    ),
    (
        "a day off in year 9999",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file("c.json", _catalog_with("calendar.days_off", ["9999-12-31"])),
            ),
            None,
        ),
    ),
    (
        "a working day in year 1",
        lambda d, c: (
            (
                "catalog",
                "import",
                d.file("c.json", _catalog_with("calendar.working_days", ["0001-01-01"])),
            ),
            None,
        ),
    ),
    (
        "intake over 1 MiB",
        lambda d, c: (("receive", d.file("i.json", _intake_text() + " " * (1 << 20))), None),
    ),
    (
        "catalog over 20 MiB",
        lambda d, c: (
            ("catalog", "import", d.file("c.json", json.dumps(small_catalog()) + " " * (20 << 20))),
            None,
        ),
    ),
    (
        "NaN",
        lambda d, c: (
            ("receive", d.file("i.json", _intake_text().replace('"sets": 1', '"sets": NaN'))),
            None,
        ),
    ),
    ("a directory as the intake", lambda d, c: (("receive", str(d.tmp)), None)),
]


@pytest.mark.parametrize("row", [r for _, r in HOSTILE], ids=[n for n, _ in HOSTILE])
def test_hostile_input_is_refused_and_writes_nothing(ready, row):
    desk, code = ready
    args, stdin = row(desk, code)
    assert desk.outcome(*args, stdin=stdin).refused()


def _limited() -> None:  # a process that reads without end runs out of memory at once
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


ENDLESS = [
    ("receive", "/dev/zero"),
    ("receive", "-"),
    ("catalog", "import", "/dev/zero"),
    ("print", "refusal", "--intake", "/dev/zero", "--reason", "x", "-o", "{tmp}/r.pdf"),
]


@pytest.mark.parametrize("args", ENDLESS, ids=[" ".join(a[:3]) for a in ENDLESS])
def test_an_endless_file_is_refused_without_reading_it_all(ready, args):
    desk, _ = ready
    before = desk.written()
    with open("/dev/zero", "rb") as zeros:
        done = process(
            "--db",
            desk.url,
            *(a.format(tmp=desk.tmp) for a in args),
            stdin=zeros,
            preexec_fn=_limited,
            timeout=60,
        )
    assert (done.returncode, done.stdout, done.stderr.count("\n"), desk.written() == before) == (
        2,
        "",
        1,
        True,
    )
