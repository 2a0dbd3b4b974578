"""`counter-app report digitisation` (docs/digitisation.md): the portal's and the strict
rates and the result rate on a hand-made set of dossiers, on SQLite and PostgreSQL, the
JSON keys of the contract, the dossiers that miss a rate, the files, and bad input.

March 2026, by field (tests/conftest.small_catalog; 2.000815 given no paper result):

Hộ tịch (1.001193: lines 1 and 2 required, 3 optional)
  A  02/03, lines 1 and 2 scanned, result 04/03, result digitised → component, all
     required; resolved with result
  B  03/03, line 1 only (required line 2 missing), result 05/03 not digitised →
     component, not all required; resolved without result
  C  04/03, lines 1 and 2 exempt (TT 01/2023 Điều 4), nothing scanned → no component,
     all required
  D  05/03, nothing, withdrawn 06/03 → neither; withdrawn is not resolved
  E  06/03, only the optional line 3 → component, not all required
  row: received 5, component 3 (A B E), all required 2 (A C), resolved 2 (A B), result 1
  → 60.00 %, 40.00 %, 50.00 %
Chứng thực (2.000815: no checklist, no paper result)
  F  10/03, result 10/03 → no component, all required (none required); resolved, counted
     with its result → 0.00 %, 100.00 %, 100.00 %
Khác (9.000002)
  G  received 27/02 (before the period), result 03/03 not digitised → resolved 1, result
     0; nothing received → null, null, 0.00 %
Xây dựng (9.000001)
  H  received 01/04 (after the period) → not counted
Total: received 6, component 3, all required 3, resolved 4, result 2 → 50.00 % each.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest
from openpyxl import load_workbook
from sqlalchemy import delete

from counter_app.cli import main
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.digitisation import record
from counter_app.digitisation.store import Store
from counter_app.facts import digitised
from counter_app.services.catalog import catalog
from counter_app.services.dossiers.workflow import Action
from tests.conftest import IMPORTED_AT, actor_for, at, small_catalog
from tests.reports_scenario import BIRTH, BUILD, COPY, OPEN_ENDED, Desk, T

ROW_KEYS = {
    "key",
    "name",
    "received",
    "with_component",
    "all_required",
    "resolved",
    "with_result",
    "portal_rate",
    "strict_rate",
    "result_rate",
}
#            received, component, all required, resolved, result, portal, strict, result %
EXPECTED = {
    "Hộ tịch": (5, 3, 2, 2, 1, 60.0, 40.0, 50.0),
    "Chứng thực": (1, 0, 1, 1, 1, 0.0, 100.0, 100.0),
    "Khác": (0, 0, 0, 1, 0, None, None, 0.0),
    "Tổng số": (6, 3, 3, 4, 2, 50.0, 50.0, 50.0),
}
MARCH = ["--from", "2026-03-01", "--to", "2026-03-31"]


def a_pdf() -> bytes:
    made = pikepdf.new()
    made.add_blank_page()
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


class Digitising(Desk):
    def __init__(self, sessions, root: Path) -> None:  # type: ignore[no-untyped-def]
        super().__init__(sessions)
        self.store = Store(root)

    def scan(self, name: str, item: int | str, moment: str) -> None:
        self._digitise(name, item, record.Files((a_pdf(),)), moment)

    def exempt(self, name: str, item: int, moment: str) -> None:
        self._digitise(name, item, record.Exempt("Bản chụp không chứng thực"), moment)

    def _digitise(self, name: str, item: int | str, source: object, moment: str) -> None:
        with unit_of_work(self.sessions, write=True) as session:
            record.digitise(
                session,
                actor_for(session),
                self.codes[name],
                item,
                source,  # type: ignore[arg-type]
                store=self.store,
                now=at(moment),
            )


def build(url: str, root: Path) -> Digitising:
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    doc = small_catalog()
    for procedure in doc["procedures"]:
        if procedure["code"] == COPY:
            procedure["paper_result"] = False
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, doc, IMPORTED_AT)
    d = Digitising(sessions, root)
    d.receive("G", OPEN_ENDED, T("02-27T09:00"))
    d.result("G", T("03-03T09:00"))
    d.receive("A", BIRTH, T("03-02T09:00"))
    d.scan("A", 1, T("03-02T09:05"))
    d.scan("A", 2, T("03-02T09:06"))
    d.result("A", T("03-04T09:00"))
    d.scan("A", "result", T("03-04T09:10"))
    d.receive("B", BIRTH, T("03-03T09:00"))
    d.scan("B", 1, T("03-03T09:05"))
    d.result("B", T("03-05T09:00"))
    d.receive("C", BIRTH, T("03-04T09:00"))
    d.exempt("C", 1, T("03-04T09:05"))
    d.exempt("C", 2, T("03-04T09:06"))
    d.receive("D", BIRTH, T("03-05T09:00"))
    d.close("D", Action.WITHDRAW, T("03-06T09:00"))
    d.receive("E", BIRTH, T("03-06T09:00"))
    d.scan("E", 3, T("03-06T09:05"))
    d.receive("F", COPY, T("03-10T09:00"))
    d.result("F", T("03-10T10:00"))
    d.receive("H", BUILD, T("04-01T09:00"))
    engine.dispose()
    return d


def report(capsys, url: str, *args: str) -> dict:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main(["--db", url, "report", "digitisation", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def flat(row: dict) -> tuple:  # type: ignore[type-arg]
    return tuple(
        row[k]
        for k in (
            "received",
            "with_component",
            "all_required",
            "resolved",
            "with_result",
            "portal_rate",
            "strict_rate",
            "result_rate",
        )
    )


@pytest.fixture
def march(any_url: str, tmp_path: Path) -> tuple[str, Digitising]:
    return any_url, build(any_url, tmp_path / "documents")


def test_the_rates_of_the_hand_made_dossiers(march, capsys):
    url, _ = march
    result = report(capsys, url, *MARCH)
    assert set(result) == {"period", "rows", "total"}
    assert result["period"] == {"from": "2026-03-01", "to": "2026-03-31"}
    assert all(set(row) == ROW_KEYS for row in [*result["rows"], result["total"]])
    got = {row["name"]: flat(row) for row in result["rows"]}
    got["Tổng số"] = flat(result["total"])
    assert got == EXPECTED
    by_procedure = report(capsys, url, *MARCH, "--by", "procedure")
    assert {row["key"]: row["strict_rate"] for row in by_procedure["rows"]} == {
        BIRTH: 40.0,
        COPY: 100.0,
        OPEN_ENDED: None,
    }
    by_officer = report(capsys, url, *MARCH, "--by", "officer")
    assert [(r["key"], r["received"]) for r in by_officer["rows"]] == [("motcua", 6)]


def test_the_dossiers_that_miss_a_rate_are_listed(march, capsys):
    url, d = march
    codes = {name: d.codes[name] for name in "ABCDEFG"}
    missed = report(capsys, url, *MARCH, "--missing", "component")
    assert missed["count"] == 3
    assert {x["code"] for x in missed["dossiers"]} == {codes["C"], codes["D"], codes["F"]}
    strict = report(capsys, url, *MARCH, "--missing", "required", "--key", "Hộ tịch")
    assert {x["code"] for x in strict["dossiers"]} == {codes["B"], codes["D"], codes["E"]}
    result = report(capsys, url, *MARCH, "--missing", "result")
    assert {x["code"] for x in result["dossiers"]} == {codes["B"], codes["G"]}  # not F


def test_the_facts_folded_again_give_the_same_rates(march, capsys):
    url, _ = march
    before = report(capsys, url, *MARCH)
    engine = make_engine(url)
    with engine.begin() as connection:  # as after a migration, or a pull of every dossier
        connection.execute(delete(digitised.TABLE))
        assert digitised.rebuild_if_missing(connection) == 8
    engine.dispose()
    assert report(capsys, url, *MARCH) == before


def test_a_period_without_dossiers_has_no_rates(march, capsys):
    url, _ = march
    empty = report(capsys, url, "--from", "2025-01-01", "--to", "2025-01-31")
    assert empty["rows"] == []
    assert empty["total"]["portal_rate"] is None and empty["total"]["result_rate"] is None


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_the_rates_are_written_to_a_file(march, capsys, tmp_path, suffix):
    url, _ = march
    path = tmp_path / f"so-hoa{suffix}"
    assert report(capsys, url, *MARCH, "-o", str(path))["file"] == str(path)
    if suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 1
        return
    sheet = load_workbook(path).active
    rows = [[c.value for c in line] for line in sheet.iter_rows(min_row=6, max_row=9)]
    assert [r[1] for r in rows] == ["Chứng thực", "Hộ tịch", "Khác", "Tổng số"]
    assert rows[1][2:7] == [5, 3, 2, 2, 1] and rows[1][7:] == [60.0, 40.0, 20.0, 50.0]


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "2026-02-30", "--to", "2026-03-31"],
        ["--from", "2026-03-31", "--to", "2026-03-01"],
        ["--period", "2026-Q5"],
        [*MARCH, "--by", "unit"],
        [*MARCH, "--missing", "everything"],
        [*MARCH, "-o", "so-hoa.docx"],
    ],
)
def test_bad_input_exits_2_with_one_line(db_url, capsys, args):
    engine = make_engine(db_url)
    migrate(engine)
    with unit_of_work(session_factory(engine), write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    engine.dispose()
    capsys.readouterr()
    code = main(["--db", db_url, "report", "digitisation", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
