"""`counter-app report fees` (issue 23, docs/fees.md "Reports"): a March worked by hand,
as JSON, text, workbook and PDF; an empty period; refused arguments.

The desk of tests/fees_desk.py: 1.001193 Đăng ký khai sinh owes lệ phí 8,000 then phí
2,000 (in that order); 2.000815 Chứng thực owes its older single fee, 2,000 of lệ phí.
Officers: motcua (Trần Văn Một) and hoa (Nguyễn Thị Hoa). March = 01/03..31/03.

  #1  E (khai sinh)  26/02  cash      3,000  motcua   before March: not counted
  #2  A (khai sinh)  02/03  cash     10,000  motcua   replaced by #6: not counted
  #3  E              02/03  transfer  7,000  hoa      E paid 3,000 before: lệ phí 5,000
                                                      and phí 2,000
  #4  B (khai sinh)  03/03  qr        1,000  hoa      lệ phí 1,000
  #5  C (chứng thực) 04/03  cash      2,000  hoa      lệ phí 2,000
  D (khai sinh) exempted 05/03, hộ nghèo: 10,000 waived
  #6  replaces #2    05/03  cash     10,000  motcua   in #2's place: lệ phí 8,000, phí 2,000
  #7  F (khai sinh)  01/04  transfer 10,000  motcua   after March: not counted

In force in March: #3 #4 #5 #6 = 4 receipts, 20,000 đồng: phí 4,000, lệ phí 16,000;
cash 12,000 (#5 #6), transfer 7,000, qr 1,000. By procedure: 1.001193 3 receipts 18,000
(cash 10,000, transfer 7,000, qr 1,000), 2.000815 1 receipt 2,000 (cash). By officer: hoa 3
receipts 10,000 (cash 2,000, transfer 7,000, qr 1,000), motcua 1 receipt 10,000 (cash).
(Items taken last first, E's 7,000 would be lệ phí and B's 1,000 phí: phí 3,000.)
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from pypdf import PdfReader

from counter_app.cli import main
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.fees import payments
from counter_app.services import desk as desks
from tests.conftest import at
from tests.fees_desk import fee_desk
from tests.unit.test_lifecycle import received

MARCH = ("--from", "2026-03-01", "--to", "2026-03-31")
BIRTH, COPY = "1.001193", "2.000815"
NAMES = {"motcua": "Trần Văn Một", "hoa": "Nguyễn Thị Hoa"}
REASON = "Ghi sai họ tên người nộp"


def act(sessions, officer, fn, *args):  # type: ignore[no-untyped-def]
    with unit_of_work(sessions, write=True) as session:
        who = desks.actor(session, officer, None, NAMES[officer])
        return fn(session, who, *args)


def receive(sessions, when: str, procedure: str = BIRTH) -> str:  # type: ignore[no-untyped-def]
    extra = {"documents": []} if procedure == COPY else {}
    (code,) = received(sessions, 1, procedure=procedure, received_at=when, **extra)
    return code


def pay(sessions, officer, code, method, amount, when):  # type: ignore[no-untyped-def]
    return act(sessions, officer, payments.pay, code, method, amount, at(when))


def build(sessions):  # type: ignore[no-untyped-def]
    """The month of the module's note; the dossiers' codes by letter."""
    desk = fee_desk(sessions)
    e = receive(desk, "2026-02-26T09:00:00+07:00")
    pay(desk, "motcua", e, "cash", 3000, "2026-02-26T09:10:00+07:00")  # 1
    a = receive(desk, "2026-03-02T09:00:00+07:00")
    pay(desk, "motcua", a, "cash", None, "2026-03-02T09:10:00+07:00")  # 2
    pay(desk, "hoa", e, "transfer", None, "2026-03-02T10:00:00+07:00")  # 3
    b = receive(desk, "2026-03-03T09:00:00+07:00")
    pay(desk, "hoa", b, "qr", 1000, "2026-03-03T09:10:00+07:00")  # 4
    c = receive(desk, "2026-03-04T09:00:00+07:00", COPY)
    pay(desk, "hoa", c, "cash", None, "2026-03-04T09:10:00+07:00")  # 5
    d = receive(desk, "2026-03-05T09:00:00+07:00")
    act(desk, "motcua", payments.exempt, d, "ho_ngheo", at("2026-03-05T09:05:00+07:00"))
    replaced = at("2026-03-05T14:00:00+07:00")
    assert act(desk, "motcua", payments.replace, "AA-26E", 2, REASON, replaced).receipt.number == 6
    f = receive(desk, "2026-03-31T16:00:00+07:00")
    pay(desk, "motcua", f, "transfer", None, "2026-04-01T08:00:00+07:00")  # 7
    return {"A": a, "B": b, "C": c, "D": d, "E": e, "F": f}


@pytest.fixture
def codes(sessions):  # type: ignore[no-untyped-def]
    return build(sessions)


@pytest.fixture
def run(codes, db_url, capsys):  # type: ignore[no-untyped-def]
    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", db_url, "--officer", "motcua", "report", "fees", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def methods(cash: int, transfer: int, qr: int) -> dict[str, int]:
    return {"cash": cash, "transfer": transfer, "qr": qr}


def expected(codes, by=None, rows=()):  # type: ignore[no-untyped-def]
    return {
        "period": {"from": "2026-03-01", "to": "2026-03-31"},
        "collected": {"count": 4, "amount": 20000},
        "by_kind": {"phi": 4000, "le_phi": 16000},
        "by_method": methods(12000, 7000, 1000),
        "by": by,
        "rows": list(rows),
        "exemptions": [
            {
                "code": "ho_ngheo",
                "who": "Người thuộc hộ nghèo",
                "basis": "NQ 12/2026/NQ-HĐND",
                "count": 1,
                "amount": 10000,
            }
        ],
        "replaced": [
            {
                "dossier": codes["A"],
                "template": "01BLP0-001",
                "series": "AA-26E",
                "number": 2,
                "replaced_by": {"template": "01BLP0-001", "series": "AA-26E", "number": 6},
                "reason": REASON,
                "amount": 10000,
                "at": "2026-03-05T14:00:00+07:00",
            }
        ],
    }


def test_json_is_the_hand_worked_month(run, codes):
    code, out, _ = run(*MARCH, "--json")
    assert code == 0
    assert json.loads(out) == expected(codes)


BY_PROCEDURE = [
    {
        "code": BIRTH,
        "name": "Đăng ký khai sinh",
        "count": 3,
        "amount": 18000,
        "by_method": methods(10000, 7000, 1000),
    },
    {
        "code": COPY,
        "name": "Chứng thực bản sao từ bản chính",
        "count": 1,
        "amount": 2000,
        "by_method": methods(2000, 0, 0),
    },
]
BY_OFFICER = [
    {
        "login": "hoa",
        "name": "Nguyễn Thị Hoa",
        "count": 3,
        "amount": 10000,
        "by_method": methods(2000, 7000, 1000),
    },
    {
        "login": "motcua",
        "name": "Trần Văn Một",
        "count": 1,
        "amount": 10000,
        "by_method": methods(10000, 0, 0),
    },
]


def test_rows_by_procedure_and_by_officer(run, codes):
    for by, rows in (("procedure", BY_PROCEDURE), ("officer", BY_OFFICER)):
        code, out, _ = run(*MARCH, "--by", by, "--json")
        assert code == 0
        assert json.loads(out) == expected(codes, by, rows)


def test_the_same_month_on_postgresql(pg_url, capsys):
    engine = make_engine(pg_url)
    migrate(engine)
    try:
        codes = build(session_factory(engine))
    finally:
        engine.dispose()
    capsys.readouterr()
    args = ["--db", pg_url, "--officer", "motcua", "report", "fees", *MARCH, "--by", "procedure"]
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected(codes, "procedure", BY_PROCEDURE)


def test_a_replacing_receipt_counts_in_the_place_of_the_one_it_replaces(run, codes, sessions):
    """G pays 4,000 in February (#8, lệ phí), 6,000 in March (#9: lệ phí 4,000, phí
    2,000); #8 replaced in March (#10): its 4,000 moves to March, still lệ phí (taken at
    #10's own time, after #9, it would fall beyond the schedule into phí). H pays 4,000
    (#11), has it replaced (#12), then pays 6,000 (#13): what H paid before #13 is 4,000
    once, not #11 and #12 both (lệ phí 4,000 and phí 2,000, not phí 6,000). K pays 9,000
    in February (#14), replaced in February (#15) and again in March (#16): #16 stands
    where #14 stood, lệ phí 8,000 and phí 1,000 (where #15 stood, all of it phí)."""
    g = receive(sessions, "2026-02-27T09:00:00+07:00")
    pay(sessions, "hoa", g, "cash", 4000, "2026-02-27T09:10:00+07:00")  # 8
    pay(sessions, "hoa", g, "cash", None, "2026-03-06T09:00:00+07:00")  # 9
    act(sessions, "hoa", payments.replace, "AA-26E", 8, REASON, at("2026-03-09T09:00:00+07:00"))
    h = receive(sessions, "2026-03-10T09:00:00+07:00")
    pay(sessions, "hoa", h, "qr", 4000, "2026-03-10T09:10:00+07:00")  # 11
    act(sessions, "hoa", payments.replace, "AA-26E", 11, REASON, at("2026-03-11T09:00:00+07:00"))
    pay(sessions, "hoa", h, "qr", None, "2026-03-12T09:00:00+07:00")  # 13
    k = receive(sessions, "2026-02-27T10:00:00+07:00")
    pay(sessions, "hoa", k, "cash", 9000, "2026-02-27T10:10:00+07:00")  # 14
    for number, when in ((14, "2026-02-28T09:00:00+07:00"), (15, "2026-03-03T09:00:00+07:00")):
        act(sessions, "hoa", payments.replace, "AA-26E", number, REASON, at(when))  # 15, 16
    data = json.loads(run(*MARCH, "--json")[1])
    assert data["collected"] == {"count": 9, "amount": 49000}
    assert data["by_kind"] == {"phi": 9000, "le_phi": 40000}
    assert [(r["number"], r["replaced_by"]["number"]) for r in data["replaced"]] == [
        (15, 16),
        (2, 6),
        (8, 10),
        (11, 12),
    ]
    february = json.loads(run("--from", "2026-02-01", "--to", "2026-02-28", "--json")[1])
    assert february["collected"] == {"count": 1, "amount": 3000}  # #1; #8 replaced


def test_text_is_vietnamese(run, codes):
    code, out, _ = run(*MARCH, "--by", "officer")
    assert code == 0
    for line in (
        "Từ ngày 01/03/2026 đến ngày 31/03/2026.",
        "Đã thu: 4 biên lai, 20.000 đồng (biên lai còn hiệu lực).",
        "Phí 4.000 đồng; lệ phí 16.000 đồng.",
        "Tiền mặt 12.000 đồng; chuyển khoản 7.000 đồng; VietQR 1.000 đồng.",
        "hoa Nguyễn Thị Hoa: 3 biên lai, 10.000 đồng",
        "Người thuộc hộ nghèo (NQ 12/2026/NQ-HĐND) [ho_ngheo]: 1 hồ sơ, miễn 10.000 đồng",
        f"AA-26E số 0000002 → AA-26E số 0000006, hồ sơ {codes['A']}, 10.000 đồng: {REASON}",
    ):
        assert line in out, line


def test_the_workbook_holds_the_figures(run, codes, tmp_path):
    path = tmp_path / "phi.xlsx"
    code, out, _ = run(*MARCH, "--by", "procedure", "-o", str(path), "--json")
    assert code == 0 and json.loads(out)["file"] == str(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A2"].value == "BÁO CÁO THU PHÍ, LỆ PHÍ"
    assert sheet["A3"].value == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
    values = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=7, max_row=12)]
    assert [v[:3] for v in values] == [
        ("Tổng số đã thu", 4, 20000),
        ("Phí", None, 4000),
        ("Lệ phí", None, 16000),
        ("Tiền mặt", None, 12000),
        ("Chuyển khoản", None, 7000),
        ("VietQR", None, 1000),
    ]
    rows = [tuple(c.value for c in row)[:8] for row in sheet.iter_rows(min_row=16, max_row=18)]
    assert rows == [
        (1, BIRTH, "Đăng ký khai sinh", 3, 18000, 10000, 7000, 1000),
        (2, COPY, "Chứng thực bản sao từ bản chính", 1, 2000, 2000, 0, 0),
        (None, None, "Tổng số", 4, 20000, 12000, 7000, 1000),
    ]
    lines = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert (1, "ho_ngheo", "Người thuộc hộ nghèo", "NQ 12/2026/NQ-HĐND", 1, 10000) in [
        line[:6] for line in lines
    ]
    replaced = (1, codes["A"], "AA-26E số 0000002", "AA-26E số 0000006", REASON, 10000)
    assert replaced + ("05/03/2026",) in [line[:7] for line in lines]
    assert sheet["C7"].number_format == "#,##0"


def test_the_pdf_holds_the_totals(run, codes, tmp_path):
    path = tmp_path / "phi.pdf"
    assert run(*MARCH, "--by", "officer", "-o", str(path))[0] == 0
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (842, 595)
    words = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for shown in (
        "UBND XÃ TAM ĐẢO",
        "BÁO CÁO THU PHÍ, LỆ PHÍ",
        "Từ ngày 01/03/2026 đến ngày 31/03/2026",
        "Tổng số đã thu 4 20.000",
        "Phí 4.000 Lệ phí 16.000",
        "Tiền mặt 12.000 Chuyển khoản 7.000 VietQR 1.000",
        "Tổng số 4 20.000 12.000 7.000 1.000",
        "NQ 12/2026/NQ-HĐND 1 10.000",
        "AA-26E số 0000002 AA-26E số 0000006",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
    ):
        assert shown in words, shown


def test_an_empty_period_gives_zeros(run):
    code, out, _ = run("--from", "2025-01-01", "--to", "2025-01-31", "--by", "officer", "--json")
    assert code == 0
    assert json.loads(out) == {
        "period": {"from": "2025-01-01", "to": "2025-01-31"},
        "collected": {"count": 0, "amount": 0},
        "by_kind": {"phi": 0, "le_phi": 0},
        "by_method": methods(0, 0, 0),
        "by": "officer",
        "rows": [],
        "exemptions": [],
        "replaced": [],
    }
    code, out, _ = run("--from", "2025-01-01", "--to", "2025-01-31")
    assert code == 0 and "Đã thu: 0 biên lai, 0 đồng" in out


def test_an_empty_database_gives_zeros(sessions, db_url, capsys):
    fee_desk(sessions)
    capsys.readouterr()
    assert main(["--db", db_url, "report", "fees", "--period", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == {"from": "2025-12-15", "to": "2026-12-14"}
    assert (data["collected"], data["by"], data["rows"]) == ({"count": 0, "amount": 0}, None, [])


@pytest.mark.parametrize(
    "args",
    [
        ("--period", "2026-13"),
        ("--period", "2026-Q1", *MARCH),
        ("--from", "2026-03-01"),
        ("--from", "2026-03-31", "--to", "2026-03-01"),
        (*MARCH, "--by", "field"),
        (*MARCH, "-o", "phi.docx"),
    ],
    ids=["bad month", "period and dates", "no --to", "reversed", "by field", "not xlsx or pdf"],
)
def test_refused_arguments_exit_2_and_write_nothing(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*args)
    assert code == 2 and out == "" and err.startswith("error:")
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".docx", ".xlsx", ".pdf")]


def test_the_report_is_in_the_audit_trail(run, sessions):
    from sqlalchemy import select

    from counter_app.models import AuditEntry

    run(*MARCH, "--by", "officer", "--json")
    with unit_of_work(sessions) as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.desk_seq.desc())).first()
    assert entry is not None and entry.action == "report"
    assert entry.detail["report"] == "fees" and entry.detail["by"] == "officer"


def test_a_name_like_a_formula_stays_text_in_the_workbook(run, sessions, tmp_path, monkeypatch):
    """An officer named like a formula (and the reason of a replacement) never becomes a
    live formula when the workbook is opened (as Biểu 06's, test_spreadsheet_text.py)."""
    payload = "=cmd|' /C calc'!A0"
    monkeypatch.setitem(NAMES, "xau", payload)
    code = receive(sessions, "2026-03-20T09:00:00+07:00")
    pay(sessions, "xau", code, "cash", None, "2026-03-20T09:10:00+07:00")  # 8
    act(
        sessions,
        "xau",
        payments.replace,
        "AA-26E",
        8,
        "+" + REASON,
        at("2026-03-21T09:00:00+07:00"),
    )
    path = tmp_path / "phi.xlsx"
    assert run(*MARCH, "--by", "officer", "-o", str(path))[0] == 0
    cells = [c for line in openpyxl.load_workbook(path).active.iter_rows() for c in line]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    named = [c for c in cells if isinstance(c.value, str) and c.value in (payload, "+" + REASON)]
    assert len(named) == 2
    assert all(c.data_type == "s" and c.quotePrefix for c in named)
