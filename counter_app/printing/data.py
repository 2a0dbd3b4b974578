"""Plain data the forms are printed from; the services fill it, printing never queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class AgencyHeader:
    name: str  # "UBND xã Tam Đảo"
    place: str  # "Tam Đảo", for "Tam Đảo, ngày … tháng … năm …"
    address: str = ""
    phone: str = ""
    office: str = "Bộ phận tiếp nhận và trả kết quả"


@dataclass(frozen=True)
class PageOptions:
    paper: str = "A4"  # "A4" | "A5" (A5: receipt only)
    font_path: str | None = None  # a configured font file overrides the search
    lookup_url: str | None = None  # QR carries this with {code} filled in, else the code


DEFAULT_PAGE = PageOptions()


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str | None = None
    address: str = ""
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class DocumentLine:
    name: str
    kind: str  # original | certified_copy | copy
    count: int


@dataclass(frozen=True)
class ReceiptData:
    agency: AgencyHeader
    code: str
    applicant: Person
    procedure: str
    procedure_code: str
    documents: tuple[DocumentLine, ...]
    sets: int
    legal_duration: str  # "03 ngày làm việc"
    received_at: datetime
    due_at: datetime | None
    collect_at: str  # where the result is returned
    register_line: int
    officer: str
    printed_at: datetime
    by_post: bool = False
    fees: str = ""  # "Lệ phí …: 8.000 đồng; thu khi tiếp nhận"; "": the line is not printed


@dataclass(frozen=True)
class SupplementData:
    agency: AgencyHeader
    code: str
    applicant: Person
    procedure: str
    items: str
    reason: str | None
    officer: str
    officer_phone: str
    printed_at: datetime


@dataclass(frozen=True)
class RefusalData:
    agency: AgencyHeader
    applicant: Person
    procedure: str
    reasons: str
    officer: str
    printed_at: datetime
    code: str = ""  # a dossier refused after it was recorded; "" at the counter


@dataclass(frozen=True)
class ApologyData:
    agency: AgencyHeader
    code: str
    applicant: Person
    procedure: str
    received_at: datetime
    original_due_at: datetime
    new_due_at: datetime
    reason: str
    signer: str
    printed_at: datetime


@dataclass(frozen=True)
class StopData:
    agency: AgencyHeader
    code: str
    applicant: Person
    procedure: str
    received_at: datetime
    stage: str
    decision: str  # the reason recorded with the stop or withdrawal
    fees: str
    signer: str
    printed_at: datetime


@dataclass(frozen=True)
class Handoff:
    from_unit: str
    to_unit: str
    handed_at: datetime
    received_at: datetime | None
    timeliness: str | None  # early | on_time | late | None (not judged)
    note: str | None


@dataclass(frozen=True)
class ControlSheetData:
    agency: AgencyHeader
    code: str
    applicant: Person
    procedure: str
    received_at: datetime
    due_at: datetime | None
    handoffs: tuple[Handoff, ...]
    result_back_at: datetime | None
    printed_at: datetime


@dataclass(frozen=True)
class RegisterLine:
    line: int
    code: str
    procedure: str
    sets: int
    applicant: Person
    received_at: datetime
    due_at: datetime | None
    result_back_at: datetime | None
    returned_at: datetime | None
    note: str = ""
    void: bool = False  # a number leased and never used: a line of its own, not a dossier


@dataclass(frozen=True)
class RegisterData:
    """The register's lines may be a stream read as the pages are drawn (`total` then
    says how many will come, for a progress bar); a sequence gives its own length."""

    agency: AgencyHeader
    first_day: date
    last_day: date
    lines: Iterable[RegisterLine]
    printed_at: datetime
    total: int | None = None


@dataclass(frozen=True)
class HandoverLine:
    code: str
    applicant: str
    procedure: str
    due_at: datetime | None
    outcome: str = ""  # results back: what the unit decided


@dataclass(frozen=True)
class HandoverData:
    agency: AgencyHeader
    from_unit: str
    to_unit: str
    handed_at: datetime
    lines: tuple[HandoverLine, ...] = field(default=())
    batch: str = ""
