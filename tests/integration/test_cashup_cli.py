"""`counter-app cashup` (issue 23 item 5, docs/fees.md "Cash-up"): the JSON of the
contract for a shift worked by hand, its printed sheet read back (the totals, the
dossier codes, no citizen), cash refused after the close and taken once a shift is
opened, every bad input exit 2 with nothing written, and a leader closing another
officer's shift on a desk with login."""

from __future__ import annotations

import sqlite3

import pytest
from pypdf import PdfReader

from counter_app import clock
from tests.conftest import at
from tests.fees_desk import with_fees
from tests.integration.driver import Desk

NOW = {"at": at("2026-02-13T10:30:00+07:00")}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    NOW["at"] = at("2026-02-13T10:30:00+07:00")
    monkeypatch.setattr(clock, "now", lambda: NOW["at"])


def tick(hhmm: str) -> None:
    NOW["at"] = at(f"2026-02-13T{hhmm}:00+07:00")


@pytest.fixture
def desk(tmp_path, capsys) -> Desk:
    d = Desk(tmp_path, capsys)
    assert d.run("catalog", "import", d.file("catalog.json", with_fees()))[0] == 0
    configure = ("fees", "configure", "--receipt-template", "01BLP0-001")
    assert d.run(*configure, "--receipt-series", "AA-26E")[0] == 0
    return d


def state(d: Desk) -> tuple[object, ...]:
    with sqlite3.connect(d.path) as db:
        row = db.execute(
            "SELECT (SELECT count(*) FROM fee_payments), (SELECT count(*) FROM cash_shifts),"
            " (SELECT count(*) FROM cash_shifts WHERE closed_at IS NOT NULL),"
            " (SELECT count(*) FROM cash_shift_receipts), (SELECT count(*) FROM audit_entries),"
            " (SELECT coalesce(sum(last_number), 0) FROM receipt_counters)"
        ).fetchone()
    return (*d.written(), *row)


def refused(d: Desk, *args: str, audited: int = 0) -> str:
    """Exit 2, one line, nothing written (but `audited` entries: a login, a refusal)."""
    before = state(d)
    code, out, err = d.run(*args)
    after = state(d)
    assert (code, out, after[:-2], after[-1]) == (2, "", before[:-2], before[-1]), err
    assert after[-2] == before[-2] + audited
    assert err.startswith("error: ") and err.count("\n") == 1
    return err


def test_a_shift_worked_by_hand_as_the_contract_says(desk, tmp_path):
    a, b, c = (desk.receive()["code"] for _ in range(3))
    desk.json("pay", a, "--method", "cash", "--amount", "4000")  # 1
    desk.json("pay", b, "--method", "cash", "--amount", "10000")  # 2
    desk.json("pay", a, "--method", "transfer")  # 3: the 6,000 left
    desk.json("receipt", "replace", "AA-26E", "2", "--reason", "Sai số tiền bằng chữ")  # 4
    desk.json("pay", c, "--method", "qr", "--amount", "2500")  # 5
    tick("17:00")
    sheet = tmp_path / "ket-so.pdf"
    up = desk.json("cashup", "--officer", "motcua", "--counted", "13000", "-o", str(sheet))
    assert {k: up[k] for k in ("officer", "opened_at", "closed_at", "receipts")} == {
        "officer": "motcua",
        "opened_at": "2026-02-13T10:30:00+07:00",
        "closed_at": "2026-02-13T17:00:00+07:00",
        "receipts": {
            "cash": {"count": 2, "amount": 14000},
            "transfer": {"count": 1, "amount": 6000},
            "qr": {"count": 1, "amount": 2500},
        },
    }
    assert (up["expected_cash"], up["counted"], up["difference"]) == (14000, 13000, -1000)
    assert [(x["number"], x["line"]) for x in up["lines"]] == [
        (1, "paid"),
        (2, "replaced"),
        (3, "paid"),
        (4, "paid"),
        (5, "paid"),
    ]
    text = "\n".join(page.extract_text() for page in PdfReader(sheet).pages)
    flat = " ".join(text.split())
    for shown in ("14.000 đồng", "13.000 đồng", "1.000 đồng (thiếu)", "Tiền mặt 2 14.000"):
        assert shown in flat, shown
    for shown in ("Chuyển khoản 1 6.000", "VietQR 1 2.500", "AA-26E 0000004", "CÁN BỘ THU"):
        assert shown in flat, shown
    compact = "".join(text.split())  # a code in a narrow cell is broken after its agency
    assert "LÃNH ĐẠO" in flat and all(code in compact for code in (a, b, c))
    for personal in ("Nguyễn Thị Hoà", "026190001234", "0912345678", "Thôn 3"):
        assert personal not in text


def test_cash_is_refused_after_the_close_and_taken_once_a_shift_opens(desk):
    code = desk.receive()["code"]
    desk.json("pay", code, "--method", "cash", "--amount", "1000")
    tick("12:00")
    assert desk.json("cashup", "--officer", "motcua", "--counted", "1000")["difference"] == 0
    tick("13:00")
    err = refused(desk, "pay", code, "--method", "cash", "--amount", "1000")
    assert "đã kết sổ lúc 13/02/2026 12:00" in err
    assert "counter-app cashup --officer motcua --open" in err
    opened = desk.json("cashup", "--officer", "motcua", "--open")
    assert opened == {"officer": "motcua", "opened_at": "2026-02-13T13:00:00+07:00"}
    assert desk.json("pay", code, "--method", "cash", "--amount", "1000")["receipt"]["number"] == 2


def _closed(d: Desk) -> None:
    d.json("pay", d.receive()["code"], "--method", "cash", "--amount", "1000")
    d.json("cashup", "--officer", "motcua", "--counted", "1000")


def _paid(d: Desk) -> None:
    d.json("pay", d.receive()["code"], "--method", "cash", "--amount", "1000")


@pytest.mark.parametrize(
    ("prepare", "args", "told"),
    [
        (_paid, ("--counted", "-5"), "không âm"),
        (_paid, ("--counted", "2.5"), "số đồng nguyên"),
        (_paid, ("--counted", "1.500.000"), "viết liền"),
        (_paid, ("--counted", ""), "số đồng nguyên"),
        (_paid, ("--counted", "1000", "--open"), "không dùng cùng với"),
        (_paid, ("--open", "-o", "x.pdf"), "-o chỉ dùng khi kết sổ"),
        (_paid, ("--counted", "1000", "-o", "/"), "thư mục"),
        (_paid, ("--counted", "1000", "-o", "/no/such/folder/x.pdf"), "không tồn tại"),
        (lambda d: None, ("--counted", "0"), "chưa có ca thu nào"),
        (_closed, ("--counted", "1000"), "với đúng số tiền này"),
        (_closed, ("--counted", "999"), "không sửa được"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(desk, prepare, args, told):
    prepare(desk)
    assert told in refused(desk, "cashup", "--officer", "motcua", *args)


def test_a_sheet_that_cannot_be_written_leaves_the_shift_open(desk, monkeypatch, tmp_path):
    from counter_app import out_files
    from counter_app.errors import ValidationError

    def full(*_: object) -> None:
        raise ValidationError("Không ghi được vào thư mục: ổ đĩa đầy.", "output")

    _paid(desk)
    written = out_files.replace
    monkeypatch.setattr(out_files, "replace", full)
    sheet = str(tmp_path / "ket-so.pdf")
    assert "ổ đĩa đầy" in refused(
        desk, "cashup", "--officer", "motcua", "--counted", "1000", "-o", sheet
    )
    monkeypatch.setattr(out_files, "replace", written)
    assert desk.json("cashup", "--officer", "motcua", "--counted", "1000", "-o", sheet)["counted"]


def test_an_unknown_officer(desk):
    _paid(desk)
    assert "Không có cán bộ 'ai-do'" in refused(
        desk, "cashup", "--officer", "ai-do", "--counted", "0"
    )
    err = refused(desk, "cashup", "--officer", "0912345678", "--counted", "0")
    assert "0912345678" not in err


def test_a_leader_closes_another_officers_shift(desk, monkeypatch, cheap_hashing):
    def add(who: str, role: str, password: str, by: str | None = None) -> None:
        monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", password)
        head = ("--officer", by) if by else ()
        assert (
            desk.run(*head, "officer", "add", who, "--name", f"Cán bộ {who}", "--role", role)[0]
            == 0
        ), who

    add("admin", "admin", "quản trị 2026")
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "quản trị 2026")
    add("lan", "reception", "quản trị 2026", by="admin")  # one password for all: simpler
    add("lanhdao", "leader", "quản trị 2026", by="admin")
    code = desk.json("--officer", "lan", "receive", desk.file("in.json", _intake()))["code"]
    desk.json("--officer", "lan", "pay", code, "--method", "cash", "--amount", "1000")
    assert "không được mở ca, kết sổ" in refused(
        desk, "--officer", "lan", "cashup", "--officer", "lanhdao", "--counted", "0", audited=2
    )  # the login and the refusal
    up = desk.json("--officer", "lanhdao", "cashup", "--officer", "lan", "--counted", "1000")
    assert (up["officer"], up["closed_by"], up["difference"]) == ("lan", "lanhdao", 0)


def _intake() -> dict[str, object]:
    from tests.conftest import intake_doc

    return intake_doc()
