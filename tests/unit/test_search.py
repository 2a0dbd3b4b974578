"""Finding dossiers the way an officer types: code, name without accents, ID, phone."""

from __future__ import annotations

import pytest

from counter_app.db import unit_of_work
from counter_app.services.dossiers import search
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from counter_app.text import fold
from tests.conftest import actor_for, at, intake_doc

PEOPLE = [
    ("Nguyễn Thị Hoà", "026190001234", "0912345678", "2026-02-10T09:00+07:00"),
    ("Đặng Văn Đông", "025085001111", "0987654321", "2026-02-11T09:00+07:00"),
    ("NGUYỄN VĂN HOÀNG", "001200002222", "+84 33 444 5555", "2026-02-12T09:00+07:00"),
    ("Trần Hòa Bình", "123456789", None, "2026-02-13T09:00+07:00"),
]


def receive_people(sessions):
    codes = {}
    with unit_of_work(sessions, write=True) as session:
        who = actor_for(session)
        for name, id_number, phone, when in PEOPLE:
            doc = intake_doc(
                applicant_name=name,
                applicant_id_number=id_number,
                applicant_phone=phone,
                received_at=when,
            )
            codes[name] = intake.receive(session, who, read_intake(doc), at(when)).code
    return sessions, codes


@pytest.fixture
def people(desk_db):
    return receive_people(desk_db)


@pytest.fixture(scope="module")
def pg_people(pg_server):
    """The same people on PostgreSQL, where names are matched by LIKE, not FTS5."""
    from counter_app.db import make_engine, migrate, session_factory
    from counter_app.services.catalog import catalog
    from tests.conftest import IMPORTED_AT, small_catalog

    engine = make_engine(pg_server.create_database())
    migrate(engine)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    yield receive_people(sessions)
    engine.dispose()


def names(sessions, query):
    with unit_of_work(sessions) as session:
        return [v.applicant.name for v in search.find(session, query)]


NAME_QUERIES = [
    ("nguyen", ["NGUYỄN VĂN HOÀNG", "Nguyễn Thị Hoà"]),
    ("Nguyễn", ["NGUYỄN VĂN HOÀNG", "Nguyễn Thị Hoà"]),
    ("nguyen hoa", ["NGUYỄN VĂN HOÀNG", "Nguyễn Thị Hoà"]),
    ("hoa", ["Trần Hòa Bình", "NGUYỄN VĂN HOÀNG", "Nguyễn Thị Hoà"]),
    ("dang dong", ["Đặng Văn Đông"]),
    ("ĐẶNG", ["Đặng Văn Đông"]),
    ("thi hoa", ["Nguyễn Thị Hoà"]),
    ("le van", []),
    ("oa", []),  # the middle of a word is not the start of one
    ("van hoang", ["NGUYỄN VĂN HOÀNG"]),
]


@pytest.mark.parametrize("query,expected", NAME_QUERIES)
def test_name_search_ignores_accents_and_case_newest_first(people, query, expected):
    sessions, _ = people
    assert names(sessions, query) == expected


@pytest.mark.parametrize("query,expected", NAME_QUERIES)
def test_name_search_on_postgresql_matches_as_on_the_desk(pg_people, query, expected):
    sessions, _ = pg_people
    assert names(sessions, query) == expected


@pytest.mark.parametrize(
    "query,expected",
    [
        ("026190001234", ["Nguyễn Thị Hoà"]),
        ("123456789", ["Trần Hòa Bình"]),
        ("0334445555", ["NGUYỄN VĂN HOÀNG"]),
        ("+84 987 654 321", ["Đặng Văn Đông"]),
        ("0999999999", []),
    ],
)
def test_identity_and_phone_search(people, query, expected):
    sessions, _ = people
    assert names(sessions, query) == expected


def test_scanned_code_finds_exactly_its_dossier(people):
    sessions, codes = people
    code = codes["Đặng Văn Đông"]
    with unit_of_work(sessions) as session:
        assert [v.code for v in search.find(session, f"  {code.lower()} ")] == [code]
        assert len(search.find(session, "000.00.20.H26-2602")) == 4


def test_renamed_applicant_is_found_by_new_name_only(people):
    from counter_app.models import Dossier

    sessions, codes = people
    with unit_of_work(sessions, write=True) as session:
        dossier = session.query(Dossier).filter_by(code=codes["Trần Hòa Bình"]).one()
        dossier.applicant_name, dossier.name_key = "Trần Hòa An", fold("Trần Hòa An")
    assert names(sessions, "binh") == []
    assert names(sessions, "hoa an") == ["Trần Hòa An"]


@pytest.mark.parametrize(
    "value,key",
    [
        ("Nguyễn Thị Hoà", "nguyen thi hoa"),
        ("ĐỖ ĐỨC", "do duc"),
        ("Lê-Văn  Tám", "le van tam"),
        ("Nguye\u0302\u0303n", "nguyen"),
    ],
)
def test_fold(value, key):
    assert fold(value) == key


def test_name_index_survives_renumbered_rows(people, engine):
    """VACUUM and table-copying migrations renumber SQLite's implicit rowids; the index
    is keyed on its own column, so it must still name the right people."""
    sessions, _ = people
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE dossiers SET rowid = rowid + 1000")
    assert names(sessions, "dang dong") == ["Đặng Văn Đông"]
    assert names(sessions, "thi hoa") == ["Nguyễn Thị Hoà"]


def test_equal_times_are_newest_recorded_first(desk_db):
    with unit_of_work(desk_db, write=True) as session:
        who = actor_for(session)
        doc = read_intake(intake_doc())
        codes = [
            intake.receive(session, who, doc, at("2026-02-13T10:00+07:00")).code for _ in range(3)
        ]
    with unit_of_work(desk_db) as session:
        for query in ("026190001234", "0912345678", "nguyen thi hoa", "000.00.20.H26-260213"):
            assert [v.code for v in search.find(session, query)] == codes[::-1], query


@pytest.mark.parametrize("query", ["0912-345-678", "0912.345.678", "(0912) 345 678"])
def test_phone_with_separators_is_a_phone(people, query):
    sessions, _ = people
    assert names(sessions, query) == ["Nguyễn Thị Hoà"]


def test_vietnamese_alphabetical_order():
    from counter_app.text import collation_key

    names = [
        "Đặng An",
        "Dương Cúc",
        "Anh Ba",
        "An Bình",
        "Ăn",
        "Âu",
        "Bùi",
        "Hóa",
        "Hòa",
        "Hoa",
        "Họa",
    ]
    assert sorted(names, key=collation_key) == [  # tones: none, huyền, sắc, hỏi, ngã, nặng
        "An Bình",
        "Anh Ba",
        "Ăn",
        "Âu",
        "Bùi",
        "Dương Cúc",
        "Đặng An",
        "Hoa",
        "Hòa",
        "Hóa",
        "Họa",
    ]
