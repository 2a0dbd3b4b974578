"""Fees at the counter (issue 23): what a dossier owes from its version's schedule, a
payment and its receipt numbered without holes, a wrong receipt replaced (never deleted),
an exemption; and every bad input refused with a clear message and nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from counter_app.db import unit_of_work
from counter_app.errors import CatalogError, RefusedInput, ValidationError
from counter_app.fees import payments
from counter_app.models import Event, FeePayment
from counter_app.services.catalog import catalog
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import Action
from tests.conftest import IMPORTED_AT, actor_for, small_catalog
from tests.fees_desk import NOW, fee_desk, with_fees
from tests.unit.test_lifecycle import act, received


def pay(sessions, code, method="cash", amount=None):
    return act(sessions, payments.pay, code, method, amount, NOW)


def owed(sessions, code):
    with unit_of_work(sessions) as session:
        return payments.owed(session, payments.dossier_of(session, code))


def written(sessions) -> tuple[int, int]:
    with unit_of_work(sessions) as session:
        events = session.scalar(select(func.count()).select_from(Event))
        receipts = session.scalar(select(func.count()).select_from(FeePayment))
        return events, receipts


@pytest.fixture
def desk(sessions):
    return fee_desk(sessions)


def test_a_dossier_owes_its_versions_items(desk):
    (code,) = received(desk)
    o = owed(desk, code)
    assert [(i.name, i.kind, i.amount) for i in o.items] == [
        ("Lệ phí đăng ký khai sinh", "le_phi", 8000),
        ("Phí sao lục", "phi", 2000),
    ]
    assert (o.due, o.paid, o.left, o.collect, o.exemption) == (10000, 0, 10000, "before", None)


def test_payments_take_numbers_one_after_another_and_leave_what_is_owed(desk):
    first, second = received(desk, 2)
    a = pay(desk, first, amount=4000)
    b = pay(desk, second, "qr")
    c = pay(desk, first, "transfer")  # what is left: 6,000
    assert [p.receipt.number for p in (a, b, c)] == [1, 2, 3]
    assert (a.receipt.template, a.receipt.series) == ("01BLP0-001", "AA-26E")
    assert (c.amount, owed(desk, first).left, owed(desk, second).left) == (6000, 0, 0)


def test_a_replaced_receipt_stays_and_its_money_counts_once(desk):
    (code,) = received(desk)
    pay(desk, code, amount=3000)
    new = act(desk, payments.replace, "AA-26E", 1, "Ghi sai hình thức thu", NOW)
    assert (new.receipt.number, new.amount) == (2, 3000)
    with unit_of_work(desk) as session:
        rows = session.scalars(select(FeePayment).order_by(FeePayment.number)).all()
        assert [(r.number, r.replaced_by is not None, r.replaces is not None) for r in rows] == [
            (1, True, False),
            (2, False, True),
        ]
    assert owed(desk, code).paid == 3000
    with pytest.raises(RefusedInput, match="đã được thay thế"):
        act(desk, payments.replace, "AA-26E", 1, "lần nữa", NOW)


def test_an_exemption_owes_nothing_and_needs_a_known_case(desk):
    a, b = received(desk, 2)
    o = act(desk, payments.exempt, a, "ho_ngheo", NOW)
    assert (o.due, o.left, o.exemption.who) == (0, 0, "Người thuộc hộ nghèo")
    with pytest.raises(RefusedInput, match="không còn khoản"):
        pay(desk, a)
    with pytest.raises(ValidationError, match="không có trường hợp miễn 'khac'"):
        act(desk, payments.exempt, b, "khac", NOW)
    pay(desk, b, amount=1000)
    with pytest.raises(RefusedInput, match="đã nộp"):
        act(desk, payments.exempt, b, "tre_em", NOW)


def _withdrawn(sessions, code):
    act(sessions, lifecycle.close, code, Action.WITHDRAW, "Công dân rút hồ sơ", NOW)


@pytest.mark.parametrize(
    ("action", "error", "message"),
    [
        (lambda d, c: pay(d, c, amount=10000), payments.OverPaid, "chỉ còn phải thu 9.999"),
        (lambda d, c: pay(d, c, amount=0), ValidationError, "nguyên dương"),
        (lambda d, c: pay(d, c, amount=-5), ValidationError, "nguyên dương"),
        (lambda d, c: pay(d, c, amount=2.5), ValidationError, "nguyên dương"),
        (lambda d, c: pay(d, c, method="card"), ValidationError, "cash, transfer, qr"),
        (lambda d, c: pay(d, "000.00.20.H26-260213-9999"), RefusedInput, "Không có hồ sơ"),
        (
            lambda d, c: act(d, payments.replace, "AA-26E", 77, "sai", NOW),
            RefusedInput,
            "Không có biên lai",
        ),
        (lambda d, c: act(d, payments.replace, "AA-26E", 1, "  ", NOW), ValidationError, "lý do"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(desk, action, error, message):
    (code,) = received(desk)
    pay(desk, code, amount=1)  # receipt 1 exists: only the refused action is tried after
    before = written(desk)
    with pytest.raises(error, match=message):
        action(desk, code)
    assert written(desk) == before


def test_a_withdrawn_dossier_pays_nothing(desk):
    (code,) = received(desk)
    _withdrawn(desk, code)
    before = written(desk)
    with pytest.raises(RefusedInput, match="đã rút"):
        pay(desk, code)
    assert written(desk) == before


def test_without_receipt_marks_nothing_is_taken(sessions):
    desk = fee_desk(sessions, configure=False)
    (code,) = received(desk)
    with pytest.raises(RefusedInput, match="fees configure"):
        pay(desk, code)
    assert written(desk)[1] == 0


def test_a_refused_payment_gives_its_number_back(desk):
    (code,) = received(desk)
    with pytest.raises(payments.OverPaid):
        pay(desk, code, amount=99999)
    assert pay(desk, code).receipt.number == 1  # no hole


@pytest.mark.parametrize(
    ("fees", "message"),
    [
        ({"items": []}, "ít nhất một khoản"),
        ({"items": [{"name": "X", "kind": "thue", "amount": 1}]}, "phi, le_phi"),
        ({"items": [{"name": "X", "kind": "phi", "amount": -1}]}, "từ 0"),
        ({"items": [{"name": "X", "kind": "phi", "amount": 1.5}]}, "số nguyên"),
        (
            {
                "items": [{"name": "X", "kind": "phi", "amount": 1}],
                "exemptions": [{"code": "a", "who": "A", "basis": "B"}] * 2,
            },
            "mã riêng",
        ),
        ({"items": [{"name": "X", "kind": "phi", "amount": 1}], "collect": "later"}, "before"),
    ],
)
def test_a_bad_schedule_is_refused(sessions, fees, message):
    data = with_fees()
    data["procedures"][0]["fees"] = fees
    with unit_of_work(sessions, write=True) as session, pytest.raises(CatalogError) as e:
        catalog.import_catalog(session, data, IMPORTED_AT)
    assert message in str(e.value)


def test_fee_and_fees_must_agree(sessions):
    data = with_fees()
    data["procedures"][0]["fee"] = 5000
    with unit_of_work(sessions, write=True) as session, pytest.raises(CatalogError) as e:
        catalog.import_catalog(session, data, IMPORTED_AT)
    assert "10000" in str(e.value)


def test_a_catalog_without_fees_keeps_its_versions(sessions):
    """The schedule is part of a version only when given: catalogs written before it
    import as the same versions (no new version for every procedure)."""
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
        again = catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
        with_schedule = catalog.import_catalog(session, with_fees(), IMPORTED_AT)
    assert again.new_versions == 0 and with_schedule.new_versions == 1


def test_the_older_single_fee_is_one_item_of_le_phi(desk):
    with unit_of_work(desk, write=True) as session:
        who = actor_for(session)
    codes = received(desk, 1, procedure="2.000815", documents=[])
    o = owed(desk, codes[0])
    assert [(i.kind, i.amount) for i in o.items] == [("le_phi", 2000)]
    assert o.collect == "at_return" and who is not None


def test_receipts_cover_the_items_in_order_and_print(desk):
    """10,000 đ owed (8,000 lệ phí then 2,000 phí), paid 5,000 then 5,000: the first
    receipt's line is 5,000 of the lệ phí, the second 3,000 of it and the 2,000 phí; a
    replacement of the first covers what it covered and names it."""
    from pypdf import PdfReader

    from counter_app.fees.receipts import receipt_of, render

    (code,) = received(desk)
    pay(desk, code, amount=5000)
    pay(desk, code, "transfer")
    act(desk, payments.replace, "AA-26E", 1, "Ghi sai hình thức thu", NOW)
    with unit_of_work(desk) as session:
        first, second, third = (receipt_of(session, "AA-26E", n) for n in (1, 2, 3))
    assert [tuple(i) for i in first.items] == [("Lệ phí đăng ký khai sinh", "le_phi", 5000)]
    assert [tuple(i) for i in second.items] == [
        ("Lệ phí đăng ký khai sinh", "le_phi", 3000),
        ("Phí sao lục", "phi", 2000),
    ]
    assert third.items == first.items and tuple(third.replaces) == (
        "AA-26E",
        1,
        "Ghi sai hình thức thu",
    )
    assert (second.payer, second.dossier_code, second.method) == (
        "Nguyễn Thị Hoà",
        code,
        "transfer",
    )
    import io

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render(third, "A5"))).pages)
    assert "0000003" in text and "0000001" in text and "5.000" in text


def test_the_reception_receipt_says_the_fees_and_when_they_are_paid(desk):
    """Form 01 (giấy tiếp nhận) of a procedure with fees names each item and its amount and
    when it is collected; a procedure without fees has no such line."""
    from counter_app.printing.data import PageOptions
    from counter_app.services.printouts import printouts
    from tests.unit.test_printing import pdf_text

    (code,) = received(desk)
    (free,) = received(desk, 1, procedure="2.000815", documents=[])
    with unit_of_work(desk) as session:
        texts = {
            c: " ".join(
                pdf_text(printouts.render(session, "receipt", c, PageOptions(), NOW, "")[0])
            )
            for c in (code, free)
        }
    assert "Lệ phí đăng ký khai sinh 8.000 đồng; Phí sao lục 2.000 đồng" in texts[code]
    assert "(thu khi tiếp nhận)" in texts[code]
    assert "Phí, lệ phí: Phí, lệ phí 2.000 đồng (thu khi trả kết quả)" in " ".join(
        texts[free].split()
    )


def _resolved(sessions, n=1):
    codes = received(sessions, n)
    for code in codes:
        act(sessions, lifecycle.result, code, "approved", None, NOW)
    return codes


def _hand_over(sessions, code):
    return act(sessions, lifecycle.return_result, code, receiver="Nguyễn Thị Hoà", now=NOW)


def test_the_result_waits_for_the_fee_once_the_agency_collects(desk):
    """Nothing left to pay, or exempt: returned. Owing: refused, nothing written."""
    owing, paid, exempt = _resolved(desk, 3)
    before = written(desk)
    with pytest.raises(RefusedInput, match="còn phải nộp 10.000 đồng"):
        _hand_over(desk, owing)
    assert written(desk) == before
    pay(desk, paid)
    act(desk, payments.exempt, exempt, "tre_em", NOW)
    assert _hand_over(desk, paid).status == "returned"
    assert _hand_over(desk, exempt).status == "returned"
    pay(desk, owing, amount=9999)
    with pytest.raises(RefusedInput, match="còn phải nộp 1 đồng"):
        _hand_over(desk, owing)


def test_an_agency_that_does_not_collect_at_the_desk_is_not_held(sessions):
    desk = fee_desk(sessions, configure=False)
    (code,) = _resolved(desk)
    assert _hand_over(desk, code).status == "returned"


def test_a_vietqr_receipt_shows_the_code_it_was_paid_with(desk):
    """The A5 receipt of a VietQR payment carries its code (read back at 300 dpi); a cash
    receipt has none."""
    from counter_app.fees.receipts import receipt_of, render
    from counter_app.fees.vietqr import parse
    from tests.unit.test_printing import decoded

    (code,) = received(desk)
    pay(desk, code, "qr", 6000)
    pay(desk, code, "cash")
    with unit_of_work(desk) as session:
        qr_pdf = render(receipt_of(session, "AA-26E", 1), "A5")
        cash_pdf = render(receipt_of(session, "AA-26E", 2), "A5")
    found = [text for kind, text in decoded(qr_pdf) if kind == "QRCode"]
    assert len(found) == 1 and parse(found[0]).amount == 6000 and parse(found[0]).purpose == code
    assert not [t for k, t in decoded(cash_pdf) if k == "QRCode"]
