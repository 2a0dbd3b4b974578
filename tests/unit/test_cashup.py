"""The cash-up of an officer's shift (issue 23 item 5, docs/fees.md "Cash-up"): figures
worked by hand for a shift with cash, a transfer, a VietQR payment and a replaced
receipt; cash refused after the close and taken again once a shift is opened; a closed
shift that never changes; who may close whose shift; every bad input refused with
nothing written; an audit entry with the figures and no citizen in it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from counter_app.clock import parse
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.errors import PermissionDenied, RefusedInput, ValidationError
from counter_app.fees import cashup, payments, shifts
from counter_app.models import (
    AuditEntry,
    CashShift,
    CashShiftReceipt,
    Desk,
    Event,
    FeePayment,
    new_id,
)
from tests.conftest import actor_for
from tests.fees_desk import fee_desk
from tests.unit.test_lifecycle import received


def t(hhmm: str, day: int = 13):
    return parse(f"2026-02-{day:02d}T{hhmm}:00+07:00")


def as_(sessions, officer, fn, *args, role=None):
    with unit_of_work(sessions, write=True) as session:
        who = actor_for(session, officer)
        return fn(session, replace(who, role=role) if role else who, *args)


def pay(sessions, code, method, amount, now, officer="lan"):
    return as_(sessions, officer, payments.pay, code, method, amount, now)


def close(sessions, counted, now, officer="lan", by="lan", role=None):
    return as_(sessions, by, cashup.close, officer, counted, now, role=role)


def written(sessions) -> dict[str, int]:
    with unit_of_work(sessions) as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Event, FeePayment, CashShift, CashShiftReceipt, AuditEntry)
        } | {"closed": session.scalar(select(func.count()).where(CashShift.closed_at.is_not(None)))}


@pytest.fixture
def desk(sessions):
    return fee_desk(sessions)


def test_a_shift_worked_by_hand(desk):
    """Lan takes 4,000 cash (receipt 1), 10,000 cash (2), 6,000 by transfer (3), replaces
    2 by 4 (the same 10,000 in cash) and takes 2,500 by VietQR (5); Hoà's 3,000 in cash (6)
    is hers. Cash expected 4,000 + 10,000 = 14,000; counted 13,000: 1,000 short."""
    a, b, c, d = received(desk, 4)
    pay(desk, a, "cash", 4000, t("09:00"))
    pay(desk, b, "cash", 10000, t("09:10"))
    pay(desk, a, "transfer", 6000, t("09:20"))
    as_(desk, "lan", payments.replace, "AA-26E", 2, "Ghi sai số tiền bằng chữ", t("09:30"))
    pay(desk, c, "qr", 2500, t("09:40"))
    pay(desk, d, "cash", 3000, t("09:50"), officer="hoa")
    up = close(desk, 13000, t("17:00"))
    assert {m: (x.count, x.amount) for m, x in up.totals.items()} == {
        "cash": (2, 14000),
        "transfer": (1, 6000),
        "qr": (1, 2500),
    }
    assert (up.expected_cash, up.counted, up.difference) == (14000, 13000, -1000)
    assert (up.opened_at, up.closed_at, up.officer, up.closed_by) == (
        t("09:00"),
        t("17:00"),
        "lan",
        "lan",
    )
    assert [(x.number, x.line, x.code) for x in up.lines] == [
        (1, "paid", a),
        (2, "replaced", b),
        (3, "paid", a),
        (4, "paid", b),
        (5, "paid", c),
    ]
    with unit_of_work(desk) as session:
        shift = session.scalars(select(CashShift).where(CashShift.closed_at.is_not(None))).one()
        assert (shift.expected_cash, shift.counted, shift.difference) == (14000, 13000, -1000)
        assert shift.totals["cash"] == {"count": 2, "amount": 14000}
        listed = session.scalars(select(CashShiftReceipt.number).order_by("number")).all()
        assert listed == [1, 2, 3, 4, 5]  # Hoà's receipt 6 is in no shift of Lan's
    assert close(desk, 3000, t("17:05"), officer="hoa", by="hoa").expected_cash == 3000


def test_the_first_payment_opens_the_shift_and_one_only(desk):
    (a,) = received(desk)
    pay(desk, a, "transfer", 1000, t("09:00"))
    pay(desk, a, "cash", 1000, t("09:30"))
    with unit_of_work(desk) as session:
        shift = session.scalars(select(CashShift)).one()
        assert (shift.opened_at, shift.opened_how, shift.closed_at) == (t("09:00"), "payment", None)
    with pytest.raises(IntegrityError), unit_of_work(desk, write=True) as session:
        session.add(
            CashShift(
                id=new_id(), officer_id=shift.officer_id, opened_at=t("10:00"), opened_how="officer"
            )
        )
        session.flush()  # a second open shift of the same officer: the database refuses


@pytest.fixture
def any_desk(any_url):
    engine = make_engine(any_url)
    migrate(engine)
    yield fee_desk(session_factory(engine))
    engine.dispose()


def test_the_close_holds_on_sqlite_and_postgresql(any_desk):
    """The partial unique index, the guarded UPDATE and the receipts' list, on both."""
    a, b = received(any_desk, 2)
    pay(any_desk, a, "cash", 4000, t("09:00"))
    pay(any_desk, b, "transfer", 6000, t("09:10"))
    as_(any_desk, "lan", payments.replace, "AA-26E", 1, "Sai", t("09:20"))
    up = close(any_desk, 3000, t("17:00"))
    assert (up.expected_cash, up.difference, [x.line for x in up.lines]) == (
        4000,
        -1000,
        ["replaced", "paid", "paid"],
    )
    before = written(any_desk)
    with pytest.raises(RefusedInput, match="với đúng số tiền này"):
        close(any_desk, 3000, t("17:01"))
    assert written(any_desk) == before
    as_(any_desk, "lan", shifts.open_shift, "lan", t("17:02"))
    with pytest.raises(IntegrityError), unit_of_work(any_desk, write=True) as session:
        officer = session.scalars(select(CashShift.officer_id)).first()
        session.add(
            CashShift(id=new_id(), officer_id=officer, opened_at=t("17:03"), opened_how="officer")
        )
        session.flush()


def test_cash_is_refused_after_the_close_until_a_shift_is_opened(desk):
    a, b, c = received(desk, 3)
    pay(desk, a, "cash", 1000, t("09:00"))
    close(desk, 1000, t("12:00"))
    before = written(desk)
    with pytest.raises(shifts.ShiftClosed, match="đã kết sổ lúc 13/02/2026 12:00") as refused:
        pay(desk, a, "cash", 1000, t("13:00"))
    assert "cashup --officer lan --open" in str(refused.value)
    assert written(desk) == before  # no receipt, no number taken, no shift
    pay(desk, b, "transfer", 2000, t("13:05"))  # nothing in the drawer: taken
    with pytest.raises(shifts.ShiftClosed):
        pay(desk, a, "cash", 1000, t("13:10"))
    as_(desk, "lan", shifts.open_shift, "lan", t("13:15"))
    assert pay(desk, c, "cash", 500, t("13:20")).receipt.number == 3  # no hole
    up = close(desk, 500, t("17:00"))
    assert [(x.number, x.method) for x in up.lines] == [(2, "transfer"), (3, "cash")]
    assert (up.opened_at, up.expected_cash, up.difference) == (t("13:05"), 500, 0)


def test_the_next_day_the_first_payment_opens_the_shift(desk):
    (a,) = received(desk)
    pay(desk, a, "cash", 1000, t("09:00"))
    close(desk, 1000, t("17:00"))
    assert pay(desk, a, "cash", 1000, t("08:00", day=14)).amount == 1000
    assert close(desk, 1000, t("17:00", day=14)).opened_at == t("08:00", day=14)


def test_a_closed_shift_never_changes_and_a_later_replacement_moves_no_money(desk):
    a, b = received(desk, 2)
    pay(desk, a, "cash", 5000, t("09:00"))
    first = close(desk, 5000, t("12:00"))
    as_(desk, "lan", payments.replace, "AA-26E", 1, "Sai tên khoản thu", t("13:00"))
    with unit_of_work(desk) as session:
        kept = session.scalars(select(CashShiftReceipt)).one()
        assert (kept.number, kept.line) == (1, "paid")  # as the close found it
    with pytest.raises(RefusedInput, match="đã kết sổ lúc 13/02/2026 12:00"):
        close(desk, 5000, t("13:05"))  # the replacement alone opens no shift
    pay(desk, b, "transfer", 1000, t("14:00"))
    later = close(desk, 0, t("17:00"))
    assert [(x.number, x.line, x.replaces) for x in later.lines] == [
        (2, "replacement", ("AA-26E", 1)),
        (3, "paid", None),
    ]
    assert (later.expected_cash, later.totals["cash"].count, first.expected_cash) == (0, 0, 5000)


def test_money_another_desk_took_is_cashed_up_there(desk):
    """The officer's payment a sync brought from Bàn 2 is in Bàn 2's drawer, not here."""
    a, b = received(desk, 2)
    pay(desk, a, "cash", 1000, t("09:00"))
    pay(desk, b, "cash", 2000, t("09:10"))
    with unit_of_work(desk, write=True) as session:
        other = Desk(id=new_id(), name="Bàn 2", is_local=False, last_seq=1)
        session.add(other)
        session.flush()
        paid = session.scalars(select(FeePayment).where(FeePayment.number == 2)).one()
        session.get_one(Event, paid.event_id).desk_id = other.id
    up = close(desk, 1000, t("17:00"))
    assert ([x.number for x in up.lines], up.expected_cash) == ([1], 1000)


def test_an_officer_closes_their_own_shift_and_a_leader_anothers(desk):
    a, b = received(desk, 2)
    pay(desk, a, "cash", 1000, t("09:00"), officer="lan")
    pay(desk, b, "cash", 2000, t("09:00"), officer="hoa")
    before = written(desk)
    with pytest.raises(PermissionDenied) as denied:
        close(desk, 1000, t("17:00"), officer="lan", by="hoa", role="reception")
    assert denied.value.permission == "cashup_others" and written(desk) == before
    with pytest.raises(PermissionDenied):  # refused before a name is looked up: none told
        close(desk, 0, t("17:00"), officer="khong-co", by="hoa", role="reception")
    with pytest.raises(PermissionDenied):
        close(desk, 2000, t("17:00"), officer="hoa", by="hoa", role="inspector")
    assert close(desk, 2000, t("17:00"), officer="hoa", by="hoa", role="reception").counted == 2000
    up = close(desk, 900, t("17:10"), officer="lan", by="lanhdao", role="leader")
    assert (up.officer, up.closed_by, up.difference) == ("lan", "lanhdao", -100)


def test_an_empty_shift_opened_by_hand_closes_at_nought(desk):
    as_(desk, "lan", shifts.open_shift, "lan", t("08:00"))
    with pytest.raises(RefusedInput, match="đang có ca thu mở từ 13/02/2026 08:00"):
        as_(desk, "lan", shifts.open_shift, "lan", t("08:05"))
    up = close(desk, 50000, t("17:00"))
    assert (up.lines, up.expected_cash, up.difference) == ((), 0, 50000)


def _known(desk):
    as_(desk, "lan", lambda s, who: None)  # an officer who never took money


def _closed_once(desk):
    (a,) = received(desk)
    pay(desk, a, "cash", 1000, t("09:00"))
    close(desk, 1000, t("12:00"))


@pytest.mark.parametrize(
    ("prepare", "officer", "counted", "error", "message"),
    [
        (_closed_once, "lan", -1, ValidationError, "không âm"),
        (_closed_once, "lan", 2.5, ValidationError, "số đồng nguyên"),
        (_closed_once, "lan", "1000", ValidationError, "số đồng nguyên"),
        (_closed_once, "lan", True, ValidationError, "số đồng nguyên"),
        (_closed_once, "khong-co", 0, ValidationError, "Không có cán bộ 'khong-co'"),
        (_closed_once, "0912345678", 0, ValidationError, "Không có cán bộ này"),
        (_closed_once, " ", 0, ValidationError, "--officer"),
        (_closed_once, "lan", 1000, RefusedInput, "với đúng số tiền này"),
        (_closed_once, "lan", 900, RefusedInput, "không sửa được"),
        (_known, "lan", 0, RefusedInput, "chưa có ca thu nào"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(desk, prepare, officer, counted, error, message):
    prepare(desk)
    as_(desk, "khong-thu", lambda s, who: None)  # the lead's own name known: no other write
    before = written(desk)
    with pytest.raises(error, match=message) as refused:
        close(desk, counted, t("17:00"), officer=officer, by="khong-thu")
    assert written(desk) == before
    assert "0912345678" not in str(refused.value)


@pytest.mark.parametrize("typed", ["-5", "2.5", "1.500.000", "1e6", "", "５"])
def test_the_counted_amount_as_typed_is_digits_alone(typed):
    with pytest.raises(ValidationError, match="số đồng nguyên"):
        cashup.counted_from_text(typed)
    assert cashup.counted_from_text(" 1500000 ") == 1500000


def test_the_audit_entry_has_the_figures_and_no_citizen(desk):
    a, b = received(desk, 2)
    pay(desk, a, "cash", 4000, t("09:00"))
    pay(desk, b, "transfer", 6000, t("09:10"))
    close(desk, 4500, t("17:00"))
    with unit_of_work(desk) as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "cashup")).one()
        detail, who, code = entry.detail, entry.username, entry.code
    assert (who, code) == ("lan", None)
    assert detail["officer"] == "lan"
    assert (detail["cash"], detail["transfer"], detail["qr"]) == (
        {"count": 1, "amount": 4000},
        {"count": 1, "amount": 6000},
        {"count": 0, "amount": 0},
    )
    assert (detail["expected_cash"], detail["counted"], detail["difference"]) == (4000, 4500, 500)
    shown = json.dumps(detail, ensure_ascii=False)
    for personal in ("Nguyễn Thị Hoà", "026190001234", "0912345678", "Tam Đảo", a, b):
        assert personal not in shown
