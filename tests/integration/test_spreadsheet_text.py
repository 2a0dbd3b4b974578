"""Biểu 06's workbook stores every text as text (issue 17, item 11): an officer or a field
named like a formula (`=cmd|' /C calc'!A0`, `+…`, `-…`, `@…`, a tab or CR first) never
becomes a live formula or a DDE link when the workbook is opened."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.conftest import small_catalog
from tests.integration.driver import Desk

PAYLOADS = ["=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_name_like_a_formula_is_written_as_text(tmp_path, capsys, monkeypatch, payload):
    desk = Desk(tmp_path, capsys)
    catalog = small_catalog()
    catalog["procedures"][0]["field"] = payload  # a field name, from the catalog
    assert desk.run("catalog", "import", desk.file("catalog.json", catalog))[0] == 0
    desk.receive()
    monkeypatch.setenv("COUNTER_APP_OFFICER_NAME", payload)  # the preparer's name
    target = tmp_path / "bieu06.xlsx"
    status, _, err = desk.run(
        "report", "bieu06", "--from", "2026-01-01", "--to", "2026-12-31", "-o", str(target)
    )
    assert status == 0, err
    sheet = load_workbook(target).active
    cells = [c for line in sheet.iter_rows() for c in line if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    named = [c for c in cells if isinstance(c.value, str) and payload.strip() in c.value]
    assert len(named) >= 2  # the field's row and the preparer
    for cell in named:
        assert cell.data_type == "s"
        assert cell.quotePrefix, cell.coordinate
