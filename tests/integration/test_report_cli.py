"""`counter-app report bieu06|ontime` and `refuse` as a person runs them: the hand-worked
March of tests/reports_scenario.py as JSON, text, workbook and PDF, and the refusals."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from counter_app.cli import main
from counter_app.reports import query
from counter_app.reports.model import Counts
from tests import reports_scenario as scenario

MARCH = ("--from", "2026-03-01", "--to", "2026-03-31")


@pytest.fixture
def desk(sessions, db_url, capsys):
    scenario.build(sessions)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_json_is_the_hand_worked_table(desk):
    code, out, _ = desk("report", "bieu06", *MARCH, "--json")
    data = json.loads(out)
    assert code == 0
    assert {
        row["name"]: scenario.flat(row) for row in [*data["rows"], data["total"]]
    } == scenario.EXPECTED
    assert (data["agency"], data["from"], data["to"], data["by"]) == (
        "000.00.20.H26",
        "2026-03-01",
        "2026-03-31",
        "field",
    )


def test_text_is_vietnamese(desk):
    code, out, _ = desk("report", "bieu06", *MARCH)
    assert code == 0
    assert "Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026" in out
    assert "Đã giải quyết 12 (trước hạn 2, đúng hạn 7, quá hạn 3" in out
    assert "Tỷ lệ trước hạn và đúng hạn: 75,00 %" in out


def test_a_preset_period_uses_the_official_cut_off(desk):
    # 2026-03 = 15/02..14/03: received in it O, B, P (25-27/02), C, D, U (02/03), S, J, K,
    # T, E, Q, L, R (03-12/03): 14; A (10/02) finished on 12/02, so nothing is carried over.
    data = json.loads(desk("report", "bieu06", "--period", "2026-03", "--json")[1])
    assert (data["from"], data["to"]) == ("2026-02-15", "2026-03-14")
    total = data["total"]["received"]
    assert (total["total"], total["carried_over"]) == (14, 0)


def test_workbook_has_the_official_headings_and_the_figures(desk, tmp_path):
    path = tmp_path / "bieu06.xlsx"
    code, out, _ = desk("report", "bieu06", *MARCH, "-o", str(path), "--json")
    assert code == 0 and json.loads(out)["file"] == str(path)
    sheet = openpyxl.load_workbook(path).active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {
        "A8:A10",
        "B8:B10",
        "C8:F8",
        "C9:C10",
        "D9:F9",
        "G8:J8",
        "H9:J9",
        "K8:M8",
        "L9:M9",
    } <= merged
    assert (sheet["C8"].value, sheet["G8"].value, sheet["K8"].value) == (
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đã giải quyết",
        "Số hồ sơ đang giải quyết",
    )
    assert sheet["A1"].value == "Biểu số 06/VPCP/KSTT"
    assert "từ ngày 01/03/2026 đến ngày 31/03/2026" in sheet["A5"].value
    rows = {r[1]: r for r in sheet.iter_rows(min_row=12, max_row=16, values_only=True)}
    for name, expected in scenario.EXPECTED.items():
        got = rows[name]
        assert got[2:5] == expected[0:3]  # received, carried over, online
        assert got[5] == expected[3] + expected[4]  # direct and postal share a column
        assert got[6:13] == expected[5:12]
        assert got[17] == expected[16]


def test_pdf_is_a4_landscape_with_heading_period_signatures_and_totals(desk, tmp_path):
    path = tmp_path / "bieu06.pdf"
    assert desk("report", "bieu06", *MARCH, "-o", str(path))[0] == 0
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (842, 595)
    words = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in (
        "UBND XÃ TAM ĐẢO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "Tổng số 19 3 4 12 12 2 7 3 7 3 4 1 1 1 1 75,00",
    ):
        assert expected in words, expected


@pytest.mark.parametrize(
    "args",
    [
        ("--period", "2026-03", "--from", "2026-03-01"),
        ("--from", "2026-03-01"),
        ("--period", "2026-Q5"),
        ("--from", "31/02/2026", "--to", "2026-03-31"),
        ("--from", "2026-03-31", "--to", "2026-03-01"),
        (*MARCH, "--by", "unit"),
        (*MARCH, "-o", "bieu06.docx"),
    ],
    ids=[
        "period and dates",
        "no --to",
        "bad preset",
        "bad date",
        "dates reversed",
        "bieu06 by unit",
        "not xlsx or pdf",
    ],
)
def test_refused_arguments_exit_2_and_write_nothing(desk, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    code, out, err = desk("report", "bieu06", *args)
    assert code == 2 and out == "" and err.startswith("error:") and err.count("\n") == 1
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".docx", ".xlsx", ".pdf")]


def test_a_broken_identity_is_a_bug_report_not_a_figure(desk, tmp_path, monkeypatch):
    real = query.form_counts

    def off_by_one(*args):  # a defect that loses one dossier from the resolved column
        return {
            key: Counts(**{**c.__dict__, "resolved": c.resolved - 1})
            for key, c in real(*args).items()
        }

    monkeypatch.setattr(query, "form_counts", off_by_one)
    path = tmp_path / "bieu06.xlsx"
    code, out, err = desk("report", "bieu06", *MARCH, "-o", str(path))
    assert code == 1 and out == "" and not path.exists()
    assert err.startswith("error: Lỗi chương trình: số liệu Biểu 06 không khớp")


def test_on_time_by_unit_as_text(desk):
    code, out, _ = desk("report", "ontime", *MARCH, "--by", "unit")
    assert code == 0
    assert (
        "Công chức Tư pháp - Hộ tịch: đã giải quyết 3 (trước hạn 0, đúng hạn 2, quá hạn 1) "
        "— 66,67 %; bước xử lý quá thời gian 3/3"
    ) in out


def test_refuse_a_recorded_dossier(desk, tmp_path):
    intake = Path(tmp_path / "intake.json")
    from tests.conftest import intake_doc

    intake.write_text(json.dumps(intake_doc(received_at=None)), encoding="utf-8")
    code = json.loads(desk("receive", str(intake), "--json")[1])["code"]
    refused = json.loads(desk("refuse", code, "--reason", "Không thuộc thẩm quyền", "--json")[1])
    assert refused["status"] == "refused"
    assert refused["history"][-1]["note"] == "Không thuộc thẩm quyền"
    again, _, err = desk("refuse", code, "--reason", "lần nữa")
    assert again == 2 and "Từ chối tiếp nhận" in err
