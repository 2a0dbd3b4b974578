"""A bank statement export read (issue 23 item 4, docs/fees.md): the shapes of three banks'
exports, amounts and dates as Vietnamese banks write them, and each refusal with its message
(the line named, never its content).

The files under tests/data/statements/ are small, made up, in the banks' shapes: bidv.csv
(a title block, `;`, "Ghi nợ"/"Ghi có", Windows-1258 with its combining tone marks, CRLF,
balance and total rows), techcombank.csv (English headings, `,`, "25,000.00", UTF-8 with a
BOM), agribank.csv (one "Số tiền" column beside a "Nợ/Có" mark, "+25.000 VND",
dd-mm-yyyy). The Vietcombank-like XLSX (a merged title block, bilingual headings, Excel date
cells, numbers and text amounts) is built here."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from counter_app.errors import ValidationError
from counter_app.fees import statement
from counter_app.fees.statement import StatementLine, line_key, read_bytes, read_statement
from counter_app.fees.statement_layout import BadCell, amount, booked

DATA = Path(__file__).resolve().parents[1] / "data" / "statements"
HEADINGS = ("Ngày giao dịch", "Số tham chiếu", "Ghi nợ", "Ghi có", "Nội dung")


def vietcombank_xlsx(path: Path, rows: list[list[object]] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM"])
    sheet.merge_cells("A1:G1")
    sheet.append(["SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT"])
    sheet.merge_cells("A2:G2")
    sheet.append(["Số tài khoản/Account number:", "0011001234567"])
    sheet.append(["Từ ngày/From: 07/12/2026", None, "Đến ngày/To: 08/12/2026"])
    sheet.append([])
    sheet.append(
        [
            "STT\nNo.",
            "Ngày giao dịch\nTransaction date",
            "Số tham chiếu\nReference No.",
            "Số tiền ghi nợ\nDebit",
            "Số tiền ghi có\nCredit",
            "Số dư\nBalance",
            "Nội dung chi tiết\nTransactions in detail",
        ]
    )
    code = "MBVCB.4417.000.00.20.H26-261207-0016.CT tu 0011004 NGUYEN THI HOA"
    for row in rows or [
        [1, datetime(2026, 12, 7, 8, 15), "5092 - 39285", None, 25000, 1025000, code],
        [2, datetime(2026, 12, 7, 9, 0), "5092 - 39290", 5500, None, 1019500, "Phi SMS"],
        [3, "08/12/2026", 5093, None, "50.000", 1069500, "H26 261208 0003 le phi"],
        ["Tổng số/Total", None, None, 5500, 75000, None, None],
    ]:
        sheet.append(row)
    book.save(path)
    return path


def csv_bytes(*rows: str, encoding: str = "utf-8") -> bytes:
    return "\n".join(rows).encode(encoding)


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        read_bytes(data)
    return str(error.value)


def test_a_bidv_export_in_windows_1258_with_semicolons():
    found = read_statement(DATA / "bidv.csv")
    assert [(x.line, x.booked_on, x.amount, x.reference) for x in found.lines] == [
        (9, date(2026, 12, 7), 25000, "FT26341000101"),
        (11, date(2026, 12, 7), 50000, "FT26341000103"),
        (12, date(2026, 12, 8), 100000, "FT26342000104"),
    ]
    assert found.lines[1].purpose == "000002 0H26 2612070013 TRẦN THỊ BÌNH nộp lệ phí"
    assert (found.debits, found.skipped) == (1, 3)  # SMS fee; opening, total, closing rows


def test_a_techcombank_export_in_english_with_a_bom():
    found = read_statement(DATA / "techcombank.csv")
    assert [(x.line, x.booked_on, x.amount) for x in found.lines] == [
        (8, date(2026, 12, 7), 25000),
        (10, date(2026, 12, 8), 35000),
    ]
    assert found.lines[0].purpose.startswith("IBFT 000.00.20.H26-261207-0014")
    assert (found.debits, found.skipped) == (1, 2)


def test_an_agribank_export_with_one_amount_column_and_a_debit_credit_mark():
    found = read_statement(DATA / "agribank.csv")
    assert [(x.line, x.amount, x.reference) for x in found.lines] == [
        (2, 25000, "5092-00001"),
        (4, 30000, "5092-00003"),
    ]
    assert found.lines[1].purpose.startswith("Đóng lệ phí hồ sơ")
    assert found.debits == 1


def test_a_vietcombank_xlsx_with_its_title_block_and_excel_dates(tmp_path):
    found = read_statement(vietcombank_xlsx(tmp_path / "vcb.xlsx"))
    assert [(x.line, x.booked_on, x.amount, x.reference) for x in found.lines] == [
        (7, date(2026, 12, 7), 25000, "5092 - 39285"),
        (9, date(2026, 12, 8), 50000, "5093"),
    ]
    assert (found.debits, found.skipped) == (1, 1)


def test_headings_over_two_rows(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Ngày GD", "Số tham chiếu", "Số tiền", None, "Diễn giải"])
    sheet.merge_cells("C1:D1")
    sheet.append([None, None, "Nợ", "Có", None])
    sheet.append(["07/12/2026", "FT1", None, "25.000", "000.00.20.H26-261207-0012"])
    sheet.append(["07/12/2026", "FT2", "9.000", None, "Phi"])
    book.save(tmp_path / "two.xlsx")
    found = read_statement(tmp_path / "two.xlsx")
    assert [(x.line, x.amount) for x in found.lines] == [(3, 25000)] and found.debits == 1


@pytest.mark.parametrize(
    "written",
    ["25.000", "25,000", "25000", "25.000,00", "25,000.00", "+25.000 VND", "25 000 đ", 25000.0],
)
def test_amounts_as_banks_write_them(written):
    assert amount(written) == 25000


@pytest.mark.parametrize(
    ("written", "value"),
    [("1.250.000", 1250000), ("1,250,000.00", 1250000), ("(25.000)", -25000), ("-", None)],
)
def test_more_amounts(written, value):
    assert amount(written) == value


@pytest.mark.parametrize("written", ["25.000,50", "25000.5", 25000.5, "2.50.00", "25,00,000", "x"])
def test_a_fraction_of_a_dong_or_a_bad_amount_is_no_amount(written):
    with pytest.raises(BadCell):
        amount(written)


@pytest.mark.parametrize(
    "written",
    [
        "07/12/2026",
        "07-12-2026",
        "2026-12-07",
        "07/12/2026 09:15:02",
        "7/12/2026 9:15",
        datetime(2026, 12, 7, 9, 15),
        date(2026, 12, 7),
    ],
)
def test_dates_as_banks_write_them(written):
    assert booked(written) == date(2026, 12, 7)


@pytest.mark.parametrize("written", ["31/02/2026", "12/2026", "07/12-2026", "hôm nay", 46000])
def test_a_bad_date_is_no_date(written):
    with pytest.raises(BadCell):
        booked(written)


def test_the_key_is_the_same_at_each_import_and_tells_lines_apart():
    first, again = read_statement(DATA / "bidv.csv"), read_statement(DATA / "bidv.csv")
    assert [x.key for x in first.lines] == [x.key for x in again.lines]
    assert len({x.key for x in first.lines}) == 3
    line = first.lines[0]
    assert line.key == line_key(line.booked_on, line.amount, line.purpose, line.reference)
    assert line_key(date(2026, 12, 7), 25000, "Phí  A", "ft1") == line_key(
        date(2026, 12, 7), 25000, "phí a", "FT1"
    )


# Each refusal names the problem and the line, never the line's content (a person's name).
BAD_LINES = [
    (
        ("07/12/2026,FT1,,25.000,NGUYEN VAN AN", "07/12/2026,FT2,,25.000.5,NGUYEN VAN AN"),
        "Sao kê, dòng 3: số tiền không đọc được.",
    ),
    (
        ('07/12/2026,FT1,,"25.000,50",NGUYEN VAN AN',),
        "Sao kê, dòng 2: số tiền có phần lẻ dưới một đồng.",
    ),
    (("32/12/2026,FT1,,25.000,NGUYEN VAN AN",), "Sao kê, dòng 2: ngày không có thật."),
    (("7 tháng 12,FT1,,25.000,NGUYEN VAN AN",), "Sao kê, dòng 2: ngày không đọc được."),
    ((",FT1,,25.000,NGUYEN VAN AN",), "Sao kê, dòng 2: thiếu ngày giao dịch."),
    (("07/12/2026,FT1,5.000,25.000,NGUYEN VAN AN",), "có cả số tiền ghi nợ và ghi có"),
    (
        (
            "07/12/2026,FT1,,25.000,NGUYEN VAN AN",
            "08/12/2026,,,1,X",
            "07/12/2026,ft1,,25000,NGUYEN VAN AN",
        ),
        "Sao kê, dòng 4 trùng với dòng 2 (cùng ngày, số tiền, nội dung và số tham chiếu)",
    ),
]


@pytest.mark.parametrize(("lines", "message"), BAD_LINES)
def test_a_bad_line_refuses_the_whole_statement(lines, message):
    said = refusal(csv_bytes(",".join(HEADINGS), *lines))
    assert message in said
    assert "NGUYEN" not in said and "25.0" not in said and "FT1" not in said


def test_columns_not_recognised_are_named():
    said = refusal(csv_bytes("Ngày,Số tiền chuyển,Người chuyển", "07/12/2026,25.000,A"))
    assert said.startswith(
        "Không nhận ra định dạng sao kê: cần các cột ngày, số tiền ghi có, nội dung"
    )
    assert said.endswith("không thấy cột số tiền ghi có, nội dung.")


def test_a_title_block_longer_than_twenty_rows_hides_the_headings():
    title = [f"Dòng tiêu đề {i}" for i in range(20)]
    said = refusal(csv_bytes(*title, ",".join(HEADINGS), "07/12/2026,FT1,,25.000,A"))
    assert "Không nhận ra định dạng sao kê" in said
    assert read_bytes(csv_bytes(*title[1:], ",".join(HEADINGS), "07/12/2026,FT1,,25.000,A"))


def test_an_empty_statement_is_refused():
    assert refusal(b"") == "Tệp sao kê trống."
    assert refusal(b"\xef\xbb\xbf \r\n") == "Tệp sao kê trống."
    said = refusal(csv_bytes(",".join(HEADINGS), "Tổng cộng,,,0,0", ""))
    assert said == "Sao kê không có giao dịch nào dưới dòng tiêu đề."


def test_a_statement_of_debits_only_is_read_with_no_line():
    found = read_bytes(csv_bytes(",".join(HEADINGS), "07/12/2026,FT1,5.000,,Phi"))
    assert found.lines == () and found.debits == 1


def test_files_too_large_or_too_long_are_refused(tmp_path, monkeypatch):
    assert (statement.MAX_BYTES, statement.MAX_ROWS) == (20 * 2**20, 200_000)
    big = tmp_path / "big.csv"
    with big.open("wb") as file:
        file.truncate(statement.MAX_BYTES + 1)  # sparse: refused before it is read
    with pytest.raises(ValidationError, match=r"^Tệp sao kê quá lớn \(quá 20 MB\)\.$"):
        read_statement(big)
    monkeypatch.setattr(statement, "MAX_ROWS", 5)
    rows = [f"07/12/2026,FT{i},,25.000,A" for i in range(5)]
    with pytest.raises(ValidationError, match=r"^Sao kê quá dài \(quá 5 dòng\)"):
        read_bytes(csv_bytes(",".join(HEADINGS), *rows))


def test_other_files_are_refused_with_what_to_do(tmp_path):
    assert "lưu thành .xlsx" in refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert refusal(b"PK\x03\x04 not a zip") == "Tệp XLSX hỏng hoặc không đọc được."
    assert "bảng mã không đọc được" in refusal(",".join(HEADINGS).encode() + b"\n\x81\x8a")
    with pytest.raises(ValidationError, match="Không mở được tệp sao kê"):
        read_statement(tmp_path / "missing.csv")


def test_the_delimiter_is_the_one_under_which_the_headings_are_found():
    semicolons = csv_bytes(";".join(HEADINGS), '07/12/2026;FT1;;25.000,00;"A, B"')
    tabs = csv_bytes("\t".join(HEADINGS), "07/12/2026\tFT1\t\t25,000\tA, B")
    assert [(x.amount, x.purpose) for x in read_bytes(semicolons).lines] == [(25000, "A, B")]
    assert [(x.amount, x.purpose) for x in read_bytes(tabs).lines] == [(25000, "A, B")]


def test_utf8_windows_1258_and_utf16_read_the_same():
    rows = (",".join(HEADINGS), "07/12/2026,FT1,,25.000,Nộp lệ phí")
    utf16 = read_bytes("\n".join(rows).encode("utf-16"))
    plain = read_bytes(csv_bytes(*rows))
    assert utf16.lines == plain.lines
    assert plain.lines[0] == StatementLine(
        2, date(2026, 12, 7), 25000, "Nộp lệ phí", "FT1", plain.lines[0].key
    )


def test_an_xlsx_that_would_grow_too_large_or_has_no_headings_is_refused(tmp_path, monkeypatch):
    path = vietcombank_xlsx(tmp_path / "vcb.xlsx")
    book = Workbook()
    book.active.append(["Số tài khoản", "Số dư"])
    book.save(tmp_path / "other.xlsx")
    said = refusal((tmp_path / "other.xlsx").read_bytes())
    assert said.startswith("Không nhận ra định dạng sao kê")
    monkeypatch.setattr(statement, "MAX_UNZIPPED", 1000)
    assert refusal(path.read_bytes()).startswith("Tệp XLSX quá lớn khi giải nén")
