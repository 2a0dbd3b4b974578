"""Catalog import: idempotent, versioned, strict; export gives the same catalog back."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import select

from counter_app.config import SAMPLE_CATALOG
from counter_app.db import unit_of_work
from counter_app.errors import CatalogError
from counter_app.models import Agency, AgencyName, Dossier, ProcedureVersion
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.catalog.catalog_export import export_catalog
from counter_app.services.catalog.catalog_file import read_catalog
from tests.conftest import IMPORTED_AT, at, counts, small_catalog
from tests.unit.test_lifecycle import received, view


def import_(sessions, data, when=IMPORTED_AT):
    with unit_of_work(sessions, write=True) as session:
        return catalog.import_catalog(session, data, when)


def versions(sessions):
    with unit_of_work(sessions) as session:
        return session.scalar(select(ProcedureVersion.id).limit(1)) and len(
            list(session.scalars(select(ProcedureVersion.id)))
        )


def test_second_import_of_the_same_file_changes_nothing(desk_db):
    report = import_(desk_db, small_catalog())
    assert (report.new_procedures, report.new_versions, report.unchanged) == (0, 0, 5)
    assert versions(desk_db) == 5


def test_changed_procedure_gets_a_new_version_and_old_dossiers_keep_theirs(desk_db):
    (old,) = received(desk_db)
    data = small_catalog()
    data["procedures"][0]["duration"] = {"unit": "working_day", "value": 5}
    data["procedures"][0]["version"] = "QĐ 99/QĐ-UBND"
    report = import_(desk_db, data)
    assert (report.new_versions, report.unchanged) == (1, 4)
    (new,) = received(desk_db)
    assert view(desk_db, old).procedure_version == "QĐ 1234/QĐ-UBND"
    assert view(desk_db, old).due_at == at("2026-02-25T17:00+07:00")
    assert view(desk_db, new).procedure_version == "QĐ 99/QĐ-UBND"
    assert view(desk_db, new).due_at == at("2026-02-27T17:00+07:00")


def test_future_version_is_not_in_force_yet(desk_db):
    data = small_catalog()
    data["procedures"][0]["effective_from"] = "2027-01-01"
    data["procedures"][0]["name"] = "Đăng ký khai sinh (mới)"
    import_(desk_db, data)
    with unit_of_work(desk_db) as session:
        agency = desk.desk_agency(session, None)
        now = catalog.version_in_force(
            session, agency, "1.001193", at("2026-06-01T08:00+07:00").date()
        )
        later = catalog.version_in_force(
            session, agency, "1.001193", at("2027-01-02T08:00+07:00").date()
        )
    assert (now.name, later.name) == ("Đăng ký khai sinh", "Đăng ký khai sinh (mới)")


def test_rename_keeps_the_old_name_in_history(desk_db):
    data = small_catalog()
    data["agency"]["name"] = "UBND xã Tam Đảo mới"
    import_(desk_db, data, at("2026-03-01T08:00+07:00"))
    with unit_of_work(desk_db) as session:
        names = [
            n.name for n in session.scalars(select(AgencyName).order_by(AgencyName.valid_from))
        ]
    assert names == ["UBND xã Tam Đảo", "UBND xã Tam Đảo mới"]


def test_merger_keeps_old_dossiers_with_the_agency_that_received_them(desk_db):
    (old_code,) = received(desk_db)
    data = small_catalog()
    data["agency"] |= {
        "code": "000.00.21.H25",
        "name": "UBND xã Tam Đảo (sáp nhập)",
        "replaces": ["000.00.20.H26"],
    }
    import_(desk_db, data)
    (new_code,) = received(desk_db)
    assert new_code.startswith("000.00.21.H25-260213-")
    with unit_of_work(desk_db) as session:
        old_agency = session.scalar(
            select(Agency.code)
            .join(Dossier, Dossier.agency_id == Agency.id)
            .where(Dossier.code == old_code)
        )
    assert old_agency == "000.00.20.H26"


def test_export_gives_back_what_was_imported(sample_db):
    original = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    with unit_of_work(sample_db) as session:
        exported = export_catalog(session, desk.desk_agency(session, None))
    mine, theirs = read_catalog(exported), read_catalog(original)
    assert mine.agency == theirs.agency and mine.calendar == theirs.calendar
    assert sorted(mine.units, key=str) == sorted(theirs.units, key=str)
    assert sorted(mine.procedures, key=str) == sorted(theirs.procedures, key=str)
    assert import_(sample_db, exported).new_versions == 0


def test_sample_catalog_is_a_real_commune_catalog():
    spec = read_catalog(json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")))
    assert len(spec.procedures) >= 25
    fields = {p.field for p in spec.procedures}
    assert {"Hộ tịch", "Chứng thực"} <= fields
    assert all(p.documents for p in spec.procedures)


def _broken(path: str, value) -> dict:
    data = small_catalog()
    target = data
    *parents, last = path.split(".")
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


BAD_CATALOGS = [
    ("unknown top key", "agnecy", {}, "agnecy"),
    ("unknown procedure key", "procedures.0.duraton", {"unit": "same_day"}, "duraton"),
    ("missing agency code", "agency.code", KeyError, "agency.code"),
    ("bad level", "agency.level", "district", "level"),
    ("pattern without seq", "agency.code_pattern", "{agency}-{yymmdd}", "code_pattern"),
    (
        "pattern with unknown field",
        "agency.code_pattern",
        "{agency}-{yymmdd}-{seq}-{x}",
        "code_pattern",
    ),
    (
        "bad working hours",
        "agency.working_hours",
        [["13:30", "17:00"], ["07:30", "11:30"]],
        "working_hours",
    ),
    ("unknown duration unit", "procedures.0.duration", {"unit": "week", "value": 1}, "unit"),
    ("working days without value", "procedures.0.duration", {"unit": "working_day"}, "value"),
    ("same day with a value", "procedures.1.duration", {"unit": "same_day", "value": 1}, "value"),
    ("bad cutoff", "procedures.0.cutoff", "3pm", "cutoff"),
    ("unit not declared", "procedures.0.unit", "XX", "XX"),
    ("bad document kind", "procedures.0.documents.0.kind", "scan", "kind"),
    ("bad date", "procedures.0.effective_from", "01/07/2025", "effective_from"),
    ("negative fee", "procedures.0.fee", -1, "fee"),
    ("day both off and working", "calendar.working_days", ["2026-01-02"], "days_off"),
]


@pytest.mark.parametrize(
    "path,value,expected",
    [(p, v, e) for _, p, v, e in BAD_CATALOGS],
    ids=[n for n, *_ in BAD_CATALOGS],
)
def test_bad_catalog_is_refused_and_writes_nothing(desk_db, path, value, expected):
    data = _broken(path, value)
    if path == "calendar.working_days":
        data["calendar"]["days_off"] = ["2026-01-02"]
    data["procedures"].append(copy.deepcopy(data["procedures"][0]) | {"code": "7.777777"})
    before = counts(desk_db), versions(desk_db)
    with pytest.raises(CatalogError) as refused:
        import_(desk_db, data)
    assert expected in str(refused.value)
    assert (counts(desk_db), versions(desk_db)) == before


def test_duplicate_procedure_code_is_refused(desk_db):
    data = small_catalog()
    data["procedures"].append(copy.deepcopy(data["procedures"][0]))
    with pytest.raises(CatalogError, match="1.001193"):
        import_(desk_db, data)


def test_catalog_of_another_agency_is_refused_unless_it_replaces(desk_db):
    other = small_catalog()
    other["agency"] |= {"code": "000.00.20.H27", "name": "UBND xã Khác"}
    before = versions(desk_db)
    with pytest.raises(CatalogError, match="000.00.20.H26"):
        import_(desk_db, other)
    assert versions(desk_db) == before
    with unit_of_work(desk_db, write=True) as session:  # a desk that names its agency may
        catalog.import_catalog(session, other, IMPORTED_AT, desk_agency="000.00.20.H27")
    with unit_of_work(desk_db) as session:
        assert desk.desk_agency(session, "000.00.20.H27").name == "UBND xã Khác"


def test_versions_newest_first_and_progress_reported(desk_db):
    data = small_catalog()
    data["procedures"][0]["fee"] = 5000
    seen = []
    with unit_of_work(desk_db, write=True) as session:
        catalog.import_catalog(
            session,
            data,
            at("2026-03-01T08:00+07:00"),
            progress=lambda done, total: seen.append((done, total)),
        )
    assert seen == [(i, 5) for i in range(1, 6)]
    with unit_of_work(desk_db) as session:
        found = catalog.versions(session, desk.desk_agency(session, None), "1.001193")
    assert [(v.fee, v.imported_at) for v in found] == [
        (5000, at("2026-03-01T08:00+07:00")),
        (0, IMPORTED_AT),
    ]
