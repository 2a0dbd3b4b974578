"""Reception through the service: codes, appointments, and refusals that write nothing."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.db import unit_of_work
from counter_app.errors import ProcedureNotInForce, RefusedInput, UnknownProcedure, ValidationError
from counter_app.models import Dossier
from counter_app.services.dossiers import search, views
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import actor_for, at, counts, intake_doc


def receive(sessions, doc: dict[str, Any], now: str = "2026-06-01T08:00:00+07:00"):
    with unit_of_work(sessions, write=True) as session:
        dossier = intake.receive(session, actor_for(session), read_intake(doc), at(now))
        return dossier.code


def test_spec_example_gets_its_code_and_appointment(desk_db):
    code = receive(desk_db, intake_doc())
    assert code == "000.00.20.H26-260213-0001"
    with unit_of_work(desk_db) as session:
        view = views.dossier_by_code(session, code)
    assert view.status == "received"
    assert view.due_at == at("2026-02-25T17:00:00+07:00")  # Tết 16–20 Feb skipped
    assert view.original_due_at == view.due_at
    assert [h.event for h in view.history] == ["received"]
    assert view.history[0].officer == "motcua"


def test_codes_follow_each_other_per_day_and_restart_next_day(desk_db):
    codes = [receive(desk_db, intake_doc()) for _ in range(3)]
    codes.append(receive(desk_db, intake_doc(received_at="2026-02-23T08:00:00+07:00")))
    assert [c[-11:] for c in codes] == ["260213-0001", "260213-0002", "260213-0003", "260223-0001"]


def test_online_channel_uses_the_online_duration(desk_db):
    direct = receive(
        desk_db,
        intake_doc(procedure="9.000003", documents=[], received_at="2026-03-02T08:00:00+07:00"),
    )
    online = receive(
        desk_db,
        intake_doc(
            procedure="9.000003",
            documents=[],
            channel="online",
            received_at="2026-03-02T08:00:00+07:00",
        ),
    )
    with unit_of_work(desk_db) as session:
        # 08:00–11:30 is 3.5 h, the last half hour after lunch
        assert views.dossier_by_code(session, direct).due_at == at("2026-03-02T14:00:00+07:00")
        assert views.dossier_by_code(session, online).due_at == at("2026-03-02T10:00:00+07:00")


def test_procedure_without_deadline_has_no_appointment(desk_db):
    code = receive(desk_db, intake_doc(procedure="9.000002", documents=[]))
    with unit_of_work(desk_db) as session:
        view = views.dossier_by_code(session, code)
    assert view.due_at is None and view.original_due_at is None


BAD_INTAKES = [
    ("unknown top-level key", {"procedur": "1.001193"}, "procedur"),
    ("unknown applicant key", {"applicant_nmae": "x"}, "nmae"),
    ("blank name", {"applicant_name": "   "}, "name"),
    ("name of 201 characters", {"applicant_name": "A" * 201}, "name"),
    ("address of 501 characters", {"applicant_address": "B" * 501}, "address"),
    ("ID of 11 digits", {"applicant_id_number": "02619000123"}, "id_number"),
    ("ID with province 097", {"applicant_id_number": "097190001234"}, "id_number"),
    ("ID with province 000", {"applicant_id_number": "000190001234"}, "id_number"),
    ("ID with letters", {"applicant_id_number": "02619000123A"}, "id_number"),
    (
        "passport with symbols",
        {"applicant_id_type": "passport", "applicant_id_number": "C12-34"},
        "id_number",
    ),
    ("unknown id_type", {"applicant_id_type": "driving_licence"}, "id_type"),
    ("phone of 9 digits", {"applicant_phone": "091234567"}, "phone"),
    ("phone not starting with 0", {"applicant_phone": "1912345678"}, "phone"),
    ("phone +84 with 10 digits", {"applicant_phone": "+840912345678"}, "phone"),
    ("bad e-mail", {"applicant_email": "hoa@"}, "email"),
    ("name is a number", {"applicant_name": 12}, "name"),
    ("unknown channel", {"channel": "fax"}, "channel"),
    ("date without time zone nonsense", {"received_at": "13/02/2026"}, "received_at"),
    ("zero sets", {"sets": 0}, "sets"),
    ("sets as text", {"sets": "1"}, "sets"),
    (
        "document count 0",
        {
            "documents": [
                {"name": "Tờ khai đăng ký khai sinh", "count": 0},
                {"name": "Giấy chứng sinh"},
            ]
        },
        "count",
    ),
    (
        "document listed twice",
        {
            "documents": [
                {"name": "Tờ khai đăng ký khai sinh"},
                {"name": "tờ khai đăng ký khai sinh"},
                {"name": "Giấy chứng sinh"},
            ]
        },
        "hai lần",
    ),
    (
        "missing required document",
        {"documents": [{"name": "Tờ khai đăng ký khai sinh"}]},
        "Giấy chứng sinh",
    ),
    ("no documents at all", {"documents": []}, "thiếu"),
    ("return_by_post as string", {"return_by_post": "yes"}, "return_by_post"),
]


@pytest.mark.parametrize(
    "changes,expected",
    [(c, e) for _, c, e in BAD_INTAKES],
    ids=[name for name, _, _ in BAD_INTAKES],
)
def test_bad_intake_is_refused_and_writes_nothing(desk_db, changes, expected):
    receive(desk_db, intake_doc())  # one dossier already there: the counter must not move
    before = counts(desk_db)
    with pytest.raises(ValidationError) as refused:
        receive(desk_db, intake_doc(**changes))
    assert expected in str(refused.value)
    assert counts(desk_db) == before


@pytest.mark.parametrize(
    "changes,error",
    [
        ({"procedure": "9.999999"}, UnknownProcedure),
        ({"received_at": "2025-06-30T10:00:00+07:00"}, ProcedureNotInForce),
    ],
    ids=["unknown procedure", "before the version is in force"],
)
def test_procedure_refusals_write_nothing(desk_db, changes, error):
    before = counts(desk_db)
    with pytest.raises(error):
        receive(desk_db, intake_doc(**changes))
    assert counts(desk_db) == before


def test_intake_that_is_not_an_object_is_refused():
    with pytest.raises(RefusedInput):
        read_intake(["procedure", "1.001193"])


ODD_BUT_VALID = [
    ("decomposed accents", unicodedata.normalize("NFD", "Nguyễn Thị Hoà"), "Nguyễn Thị Hoà"),
    ("capital Đ", "ĐẶNG VĂN ĐÔNG", "ĐẶNG VĂN ĐÔNG"),
    ("inner spaces collapsed", "  Lê   Văn\tTám ", "Lê Văn Tám"),
    ("200 characters", "Ô" * 200, "Ô" * 200),
    ("decomposed 200 characters", unicodedata.normalize("NFD", "Ễ" * 200), "Ễ" * 200),
]


@pytest.mark.parametrize(
    "raw,stored", [(r, s) for _, r, s in ODD_BUT_VALID], ids=[n for n, _, _ in ODD_BUT_VALID]
)
def test_odd_but_valid_names_are_received_in_nfc(desk_db, raw, stored):
    code = receive(desk_db, intake_doc(applicant_name=raw))
    with unit_of_work(desk_db) as session:
        assert views.dossier_by_code(session, code).applicant.name == stored


@pytest.mark.parametrize(
    "changes",
    [
        {"applicant_id_number": "123456789"},
        {"applicant_id_type": "passport", "applicant_id_number": "c1234567"},
        {"applicant_phone": "+84912345678"},
        {"applicant_phone": "0912 345 678"},
        {"applicant_id_number": None, "applicant_phone": None},
        {"received_at": None},
        {
            "documents": [
                {"name": "TỜ KHAI ĐĂNG KÝ KHAI SINH"},
                {"name": "Giay chung sinh"},
                {"name": "Sổ hộ khẩu cũ", "kind": "copy"},
            ]
        },
    ],
    ids=[
        "old 9-digit ID",
        "passport",
        "+84 phone",
        "phone with spaces",
        "no ID, no phone",
        "received now",
        "document names in other case and extra document",
    ],
)
def test_other_valid_intakes_are_received(desk_db, changes):
    code = receive(desk_db, intake_doc(**changes))
    with unit_of_work(desk_db) as session:
        assert session.scalar(select(Dossier.status).where(Dossier.code == code)) == "received"


def test_search_finds_phone_written_another_way(desk_db):
    code = receive(desk_db, intake_doc(applicant_phone="+84 912 345 678"))
    with unit_of_work(desk_db) as session:
        assert [v.code for v in search.find(session, "0912.345.678")] == [code]


def test_receipt_in_the_future_is_refused(desk_db):
    before = counts(desk_db)
    with pytest.raises(ValidationError, match="tương lai"):
        receive(desk_db, intake_doc(received_at="2026-06-01T08:06:00+07:00"))
    assert counts(desk_db) == before
    assert receive(desk_db, intake_doc(received_at="2026-06-01T08:04:00+07:00"))  # clock drift


@pytest.mark.parametrize("name", ["\u200b", "\u200b \u200d", "\x00\x00"])
def test_invisible_names_are_blank(desk_db, name):
    with pytest.raises(ValidationError, match="trống"):
        receive(desk_db, intake_doc(applicant_name=name))


def test_control_characters_are_removed_from_names(desk_db):
    code = receive(desk_db, intake_doc(applicant_name="Nguyễn\x00 Văn\u200b An"))
    with unit_of_work(desk_db) as session:
        assert views.dossier_by_code(session, code).applicant.name == "Nguyễn Văn An"
