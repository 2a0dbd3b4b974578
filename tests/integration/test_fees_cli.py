"""The fee commands (issue 23, docs/fees.md): the JSON of the contract, exit 2 with
nothing written for every refusal, the VietQR of what is left decoded from a rendered
symbol by a real barcode reader, and a joined desk without its server told why it takes
no money."""

from __future__ import annotations

import json
import sqlite3

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from counter_app import clock
from counter_app.fees.vietqr import parse
from counter_app.printing.barcodes import qr_rows
from tests.conftest import at
from tests.fees_desk import with_fees
from tests.integration.driver import Desk

NOW = at("2026-02-13T10:30:00+07:00")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def desk(tmp_path, capsys) -> Desk:
    d = Desk(tmp_path, capsys)
    assert d.run("catalog", "import", d.file("catalog.json", with_fees()))[0] == 0
    configure = ("fees", "configure", "--receipt-template", "01BLP0-001")
    configure += ("--receipt-series", "AA-26E", "--bank-bin", "970436")
    assert d.run(*configure, "--account", "1031933430", "--account-name", "UBND xã")[0] == 0
    return d


def receipts(d: Desk) -> tuple[object, ...]:
    with sqlite3.connect(d.path) as db:
        row = db.execute(
            "SELECT count(*), group_concat(number || ':' || coalesce(hex(replaced_by), ''))"
            " FROM fee_payments"
        ).fetchone()
    return (*d.written(), *row)


def refused(d: Desk, *args: str) -> str:
    before = receipts(d)
    code, out, err = d.run(*args)
    assert (code, out, receipts(d)) == (2, "", before), err
    assert err.startswith("error: ") and err.count("\n") == 1
    return err


def test_fee_pay_and_replace_as_the_contract_says(desk):
    code = desk.receive()["code"]
    owed = desk.json("fee", code)
    assert set(owed) >= {"code", "items", "exempt", "due", "paid", "left"}
    assert owed["items"][0] == {
        "name": "Lệ phí đăng ký khai sinh",
        "kind": "le_phi",
        "amount": 8000,
    }
    assert (owed["due"], owed["paid"], owed["left"], owed["exempt"]) == (10000, 0, 10000, None)
    paid = desk.json("pay", code, "--method", "cash", "--amount", "4000")
    assert paid == {
        "code": code,
        "receipt": {"template": "01BLP0-001", "series": "AA-26E", "number": 1},
        "amount": 4000,
        "method": "cash",
    }
    assert desk.json("pay", code, "--method", "transfer")["amount"] == 6000  # what is left
    replaced = desk.json("receipt", "replace", "AA-26E", "1", "--reason", "Sai số tiền")
    assert replaced["receipt"]["number"] == 3 and replaced["amount"] == 4000
    assert desk.json("fee", code)["paid"] == 10000


def test_refusals_exit_2_and_write_nothing(desk):
    code = desk.receive()["code"]
    assert "chỉ còn phải thu 10.000" in refused(
        desk, "pay", code, "--method", "cash", "--amount", "20000"
    )
    assert "nguyên dương" in refused(desk, "pay", code, "--method", "cash", "--amount", "0")
    assert refused(desk, "pay", code, "--method", "cash", "--amount", "2.5")
    assert "Không có biên lai" in refused(
        desk, "receipt", "replace", "AA-26E", "9", "--reason", "x"
    )
    assert "không có trường hợp miễn" in refused(desk, "fee", code, "--exempt", "khac")
    desk.json("pay", code, "--method", "cash")
    assert "không còn khoản" in refused(desk, "pay", code, "--method", "qr")
    assert "không còn khoản" in refused(desk, "vietqr", code)


def test_the_vietqr_of_what_is_left_reads_back_from_its_symbol(desk):
    code = desk.receive()["code"]
    desk.json("pay", code, "--method", "cash", "--amount", "2500")
    qr = desk.json("vietqr", code)
    assert (qr["amount"], qr["purpose"]) == (7500, code)
    rows = qr_rows(qr["payload"])  # the symbol the receipt and the citizen's screen draw
    module, quiet = 8, 4
    side = (len(rows) + 2 * quiet) * module
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    for y, runs in enumerate(rows):
        for start, length in runs:
            x0, y0 = (start + quiet) * module, (y + quiet) * module
            draw.rectangle((x0, y0, x0 + length * module - 1, y0 + module - 1), fill=0)
    (found,) = zxingcpp.read_barcodes(image)
    assert found.text == qr["payload"]
    decoded = parse(found.text)
    assert (decoded.bank_bin, decoded.account, decoded.amount) == ("970436", "1031933430", 7500)


def test_an_exemption_at_the_desk(desk):
    code = desk.receive()["code"]
    owed = desk.json("fee", code, "--exempt", "ho_ngheo")
    assert (owed["due"], owed["left"]) == (0, 0)
    assert owed["exempt"] == "Người thuộc hộ nghèo (NQ 12/2026/NQ-HĐND)"


def test_a_joined_desk_cut_off_from_its_server_takes_no_money(desk):
    from counter_app.sync import state

    code = desk.receive()["code"]
    state.url_file(desk.url).write_text("postgresql://desk@127.0.0.1:1/office", encoding="utf-8")
    assert "Mất kết nối máy chủ văn phòng" in refused(desk, "pay", code, "--method", "cash")


def test_configure_is_the_administrators(desk, tmp_path):
    err = refused(desk, "fees", "configure", "--bank-bin", "12345")
    assert "6 chữ số" in err
    shown = json.loads(desk.run("fees", "configure", "--json")[1])
    assert shown["receipt_series"] == "AA-26E" and shown["account_name"] == "UBND XA"


def test_a_receipt_is_printed_to_a_file_and_its_reading_audited(desk, tmp_path):
    from pypdf import PdfReader

    code = desk.receive()["code"]
    desk.json("pay", code, "--method", "cash")
    out = tmp_path / "bien-lai.pdf"
    printed = desk.json("receipt", "print", "AA-26E", "1", "-o", str(out))
    assert printed["file"] == str(out)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "0000001" in text and "10.000" in text and code in text
    assert "Mười nghìn đồng chẵn" in text
    slip = tmp_path / "slip.png"
    desk.json("receipt", "print", "AA-26E", "1", "-o", str(slip), "--paper", "80mm")
    with Image.open(slip) as image:
        assert image.width == 576
    with sqlite3.connect(desk.path) as db:
        audited = db.execute(
            "SELECT count(*) FROM audit_entries WHERE detail LIKE '%fee_receipt%'"
        ).fetchone()[0]
    assert audited == 1 + 1
    assert "Không có biên lai" in refused(desk, "receipt", "print", "AA-26E", "7", "-o", str(out))


def test_receipts_reach_the_providers_folder_once(desk, tmp_path):
    """Each receipt issued (a replacement too) is written for the provider's import tool;
    a second run sends nothing again; a folder that cannot be written stops the run, keeps
    the receipts pending, exits 1, and the next run sends them."""
    code = desk.receive()["code"]
    desk.json("pay", code, "--method", "cash", "--amount", "4000")
    desk.json("pay", code, "--method", "transfer")
    assert "--ereceipt-folder" in refused(desk, "receipt", "send")
    drop = tmp_path / "drop"
    assert desk.run("fees", "configure", "--ereceipt-folder", str(drop))[0] == 0
    drop.write_text("not a folder", encoding="utf-8")  # the share is not there
    code_, out, _ = desk.run("receipt", "send", "--json")
    assert code_ == 1 and json.loads(out)["pending"] == 2
    drop.unlink()
    assert desk.json("receipt", "send") == {"sent": 2, "failed": 0, "pending": 0, "trouble": None}
    desk.json("receipt", "replace", "AA-26E", "1", "--reason", "Sai hình thức")
    assert desk.json("receipt", "send")["sent"] == 1
    assert desk.json("receipt", "send")["sent"] == 0
    names = sorted(p.name for p in drop.iterdir())
    assert names == [f"01BLP0-001_AA-26E_000000{n}.json" for n in (1, 2, 3)]
    third = json.loads((drop / names[2]).read_text(encoding="utf-8"))
    assert third["generalInvoiceInfo"]["adjustmentType"] == "3"


def statement(d: Desk, rows: list[tuple[str, str, str, str]]) -> str:
    """A Techcombank-like export: (date, reference, description, credit)."""
    lines = [
        "Techcombank,,,,,",
        ",,,,,",
        "Transaction date,Reference,Description,Debit,Credit,Balance",
    ]
    lines += [f'{day},{ref},"{text}",,"{credit}",' for day, ref, text, credit in rows]
    return d.file("sao-ke.csv", "\n".join(lines) + "\n")


def test_a_bank_statement_finds_the_transfers_once(desk):
    """Two transfers recorded at the desk are found in the statement (their purposes
    mangled by the banks), the bank's reference kept on their receipts; the same file again
    matches nothing new; a line left unmatched matches once its payment is recorded."""
    a, b, c = (desk.receive()["code"] for _ in range(3))
    desk.json("pay", a, "--method", "transfer")
    desk.json("pay", b, "--method", "qr", "--amount", "4000")
    desk.json("pay", c, "--method", "cash", "--amount", "1000")  # cash: never in a statement
    plain = c.replace(".", "").replace("-", " ")
    path = statement(
        desk,
        [
            ("2026-02-13", "FT1", f"IBFT {a} NGUYEN THI HOA chuyen tien", "10,000.00"),
            ("2026-02-13", "FT2", f"MBVCB.99.{b.lower()}.CT", "4,000"),
            ("2026-02-13", "FT3", f"{plain} nop phi", "9,000"),  # c's transfer, not yet recorded
            ("2026-02-13", "FT4", "Chuyen tien hoc phi", "50,000"),
        ],
    )
    first = desk.json("statement", "import", path)
    assert (first["matched"], first["already"], sorted(first["dossiers"])) == (2, 0, sorted([a, b]))
    assert [u["line"] for u in first["unmatched"]] == [6, 7]
    with sqlite3.connect(desk.path) as db:
        refs = dict(db.execute("SELECT number, reference FROM fee_payments").fetchall())
    assert refs == {1: "FT1", 2: "FT2", 3: None}
    again = desk.json("statement", "import", path)
    assert (again["matched"], again["already"], len(again["unmatched"])) == (0, 2, 2)
    desk.json("pay", c, "--method", "transfer")  # the officer records c's transfer
    third = desk.json("statement", "import", path)
    assert (third["matched"], third["dossiers"], third["already"]) == (1, [c], 2)


def test_a_statement_of_another_format_is_refused_whole(desk):
    code = desk.receive()["code"]
    desk.json("pay", code, "--method", "transfer")
    path = desk.file("other.csv", "Ngay;So tien;Ghi chu\n13/02/2026;10000;x\n")
    assert "không nhận ra định dạng sao kê" in refused(desk, "statement", "import", path).lower()
