"""The catalog file format (docs/cli.md): read strictly into plain dataclasses.

Reading checks everything before the database is touched, so a bad file writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from counter_app.calendar import (
    DEFAULT_HOURS,
    Duration,
    DurationUnit,
    WorkingHours,
    parse_clock,
)
from counter_app.errors import CatalogError, ValidationError, quoted
from counter_app.services.catalog import fee_schedule
from counter_app.services.codes.code_pattern import (
    ANY_CODE,
    agency_code_problem,
    normalise_agency_code,
    pattern_problem,
)
from counter_app.services.documents.schema import Obj, read_day
from counter_app.text import fold

LEVELS = ("commune", "province")
DOCUMENT_KINDS = ("original", "certified_copy", "copy")
DEFAULT_PATTERN = "{agency}-{yymmdd}-{seq:04d}"
# The longest durations the law gives a procedure (the longest in use are a few months).
DURATION_MAX = {
    DurationUnit.WORKING_DAY: 365,
    DurationUnit.WORKING_HOUR: 2000,
    DurationUnit.CALENDAR_DAY: 365,
}

_AGENCY_KEYS = {
    "code",
    "name",
    "level",
    "address",
    "phone",
    "working_hours",
    "code_pattern",
    "report_cutoff_day",
}
_PROCEDURE_KEYS = {
    "code",
    "name",
    "field",
    "version",
    "effective_from",
    "duration",
    "online_duration",
    "cutoff",
    "pauses_on_supplement",
    "paper_result",
    "fee",
    "fees",
    "unit",
    "documents",
    "steps",
}
_PROCEDURE_REQUIRED = {"code", "name", "field", "version", "effective_from", "duration"}
FEES_KEYS = {"collect", "items", "exemptions"}


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    level: str
    address: str
    phone: str
    hours: WorkingHours
    code_pattern: str
    replaces: tuple[str, ...] = ()
    report_cutoff_day: int | None = None  # None: keep the agency's (new agency: 14)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str


@dataclass(frozen=True)
class DocumentSpec:
    name: str
    kind: str
    count: int
    required: bool


@dataclass(frozen=True)
class StepSpec:
    unit: str
    name: str
    hours: int


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    field: str
    version: str
    effective_from: date
    duration: Duration
    online_duration: Duration | None
    cutoff: str | None
    pauses_on_supplement: bool
    fee: int
    unit: str | None
    documents: tuple[DocumentSpec, ...]
    steps: tuple[StepSpec, ...]
    paper_result: bool = True  # False: no paper result to digitise (docs/formats.md)
    fee_schedule: dict[str, Any] | None = None  # the `fees` object (fee_schedule.py)

    def content_hash(self) -> str:
        """Identity of the version's content: a changed procedure gets a new version. The
        default `paper_result` is left out, so that catalogs written before the key
        existed keep their versions."""
        content = asdict(self)
        if self.paper_result:
            del content["paper_result"]
        if self.fee_schedule is None:
            del content["fee_schedule"]
        payload = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class CatalogSpec:
    agency: AgencySpec
    units: tuple[UnitSpec, ...]
    calendar: tuple[tuple[date, ...], tuple[date, ...]] | None  # (days_off, working_days)
    procedures: tuple[ProcedureSpec, ...]


def read_catalog(data: Any) -> CatalogSpec:
    """Validate a parsed catalog document; raises CatalogError naming the first problem."""
    try:
        return _read(data)
    except ValidationError as error:
        raise CatalogError(f"Tệp danh mục không hợp lệ: {error}") from None


def _read(data: Any) -> CatalogSpec:
    root = Obj(data, "", {"agency", "units", "calendar", "procedures"}, {"agency", "procedures"})
    agency = _agency(root.child("agency", _AGENCY_KEYS | {"replaces"}, {"code", "name", "level"}))
    units = tuple(
        _unit(Obj(v, p, {"code", "name"}, {"code", "name"}))
        for p, v in root.items("units", optional=True)
    )
    _unique(root, "units", [u.code for u in units])
    calendar = None
    if root.has("calendar"):
        cal = root.child("calendar", {"days_off", "working_days"}, set())
        calendar = (_days(cal, "days_off"), _days(cal, "working_days"))
        if set(calendar[0]) & set(calendar[1]):
            raise cal.fail("days_off", "một ngày vừa là ngày nghỉ vừa là ngày làm việc.")
    unit_codes = {u.code for u in units}
    procedures = tuple(
        _procedure(Obj(v, p, _PROCEDURE_KEYS, _PROCEDURE_REQUIRED), unit_codes)
        for p, v in root.items("procedures")
    )
    _unique(root, "procedures", [p.code for p in procedures])
    return CatalogSpec(agency, units, calendar, procedures)


def _unique(obj: Obj, key: str, codes: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise obj.fail(key, f"mã {quoted(code, ANY_CODE) or 'nào đó'} xuất hiện hai lần.")
        seen.add(code)


def _agency(obj: Obj) -> AgencySpec:
    code = agency_code(obj.required_text("code", 40), obj.path + ".code")
    pattern = obj.text("code_pattern", 100, optional=True) or DEFAULT_PATTERN
    problem = pattern_problem(pattern, code)
    if problem:
        raise obj.fail("code_pattern", problem)
    hours_raw = obj.raw("working_hours") or DEFAULT_HOURS
    try:
        hours = WorkingHours.parse(hours_raw)
    except (ValidationError, TypeError) as error:
        message = str(error) or 'cần dạng [["07:30", "11:30"], ...].'
        raise obj.fail("working_hours", message) from None
    replaces = tuple(
        agency_code(obj_text(v, p, 40), p) for p, v in obj.items("replaces", optional=True)
    )
    return AgencySpec(
        code=code,
        name=obj.required_text("name", 200),
        level=obj.choice("level", LEVELS),
        address=obj.text("address", 500, optional=True) or "",
        phone=obj.text("phone", 40, optional=True) or "",
        hours=hours,
        code_pattern=pattern,
        replaces=replaces,
        report_cutoff_day=obj.integer("report_cutoff_day", 1, 28)
        if obj.has("report_cutoff_day")
        else None,
    )


def obj_text(value: Any, path: str, max_len: int) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > max_len:
        raise ValidationError(f"{path}: cần một mã không trống, tối đa {max_len} ký tự.", path)
    return value.strip()


def agency_code(value: str, path: str) -> str:
    """The agency code as its dossier codes print it (capitals, plain digits), or refused."""
    code = normalise_agency_code(value)
    problem = agency_code_problem(code)
    if problem:
        raise ValidationError(f"{path}: {problem}", path)
    return code


def _unit(obj: Obj) -> UnitSpec:
    return UnitSpec(code=obj.required_text("code", 40), name=obj.required_text("name", 200))


def _days(obj: Obj, key: str) -> tuple[date, ...]:
    return tuple(sorted({read_day(value, path) for path, value in obj.items(key, optional=True)}))


def read_duration(obj: Obj, key: str) -> Duration:
    raw = obj.child(key, {"unit", "value"}, {"unit"})
    unit = DurationUnit(raw.choice("unit", tuple(u.value for u in DurationUnit)))
    value = raw.raw("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise raw.fail("value", "cần một số nguyên.")
    try:
        duration = Duration(unit, value)
    except ValidationError as error:
        raise raw.fail("value", str(error)) from None
    if value is not None and value > DURATION_MAX.get(unit, 0):
        raise raw.fail("value", f"thời hạn {unit.value} tối đa {DURATION_MAX[unit]}.")
    return duration


def _procedure(obj: Obj, units: set[str]) -> ProcedureSpec:
    unit = obj.text("unit", 40, optional=True)
    if unit is not None and unit not in units:
        raise obj.fail("unit", _not_a_unit(unit))
    cutoff = obj.text("cutoff", 5, optional=True)
    if cutoff is not None:
        try:
            parse_clock(cutoff)
        except ValidationError as error:
            raise obj.fail("cutoff", str(error)) from None
    documents = tuple(
        _document(Obj(v, p, {"name", "kind", "count", "required"}, {"name"}))
        for p, v in obj.items("documents", optional=True)
    )
    _unique(obj, "documents", [fold(d.name) for d in documents])
    steps = tuple(
        _step(Obj(v, p, {"unit", "name", "hours"}, {"unit", "name", "hours"}), units)
        for p, v in obj.items("steps", optional=True)
    )
    fee = obj.integer("fee", 0, 1_000_000_000, default=0)
    schedule = None
    if obj.has("fees"):
        schedule = fee_schedule.read(obj.child("fees", FEES_KEYS, {"items"}))
        total = sum(i["amount"] for i in schedule["items"])
        if obj.has("fee") and fee != total:
            raise obj.fail("fee", f"khác tổng các khoản của fees ({total} đồng).")
        fee = total
    return ProcedureSpec(
        code=obj.required_text("code", 40),
        name=obj.required_text("name", 500),
        field=obj.required_text("field", 200),
        version=obj.required_text("version", 200),
        effective_from=obj.day("effective_from"),
        duration=read_duration(obj, "duration"),
        online_duration=read_duration(obj, "online_duration")
        if obj.has("online_duration")
        else None,
        cutoff=cutoff,
        pauses_on_supplement=obj.boolean("pauses_on_supplement", default=True),
        paper_result=obj.boolean("paper_result", default=True),
        fee=fee,
        fee_schedule=schedule,
        unit=unit,
        documents=documents,
        steps=steps,
    )


def _document(obj: Obj) -> DocumentSpec:
    return DocumentSpec(
        name=obj.required_text("name", 500),
        kind=obj.choice("kind", DOCUMENT_KINDS, default="original"),
        count=obj.integer("count", 1, 1000, default=1),
        required=obj.boolean("required", default=True),
    )


def _not_a_unit(unit: str) -> str:
    return f"đơn vị {quoted(unit, ANY_CODE) or 'này'} không có trong danh sách units."


def _step(obj: Obj, units: set[str]) -> StepSpec:
    unit = obj.required_text("unit", 40)
    if unit not in units:
        raise obj.fail("unit", _not_a_unit(unit))
    return StepSpec(
        unit=unit, name=obj.required_text("name", 200), hours=obj.integer("hours", 0, 10_000)
    )
