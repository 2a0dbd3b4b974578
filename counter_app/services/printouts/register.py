"""The dossier register (form 07) for a range of days: its lines read from the database as
the pages are drawn, a few columns at a time, never the whole month in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.clock import LOCAL_TZ
from counter_app.errors import ValidationError
from counter_app.models import Agency, CodeNumber, Dossier, ProcedureVersion
from counter_app.printing import data as p
from counter_app.services.codes.numbering import format_code
from counter_app.services.printouts.printouts import agency_header, year_line

BATCH = 1000  # rows fetched from the database at a time

Progress = Callable[[int, int], None]

_COLUMNS = (
    Dossier.code,
    ProcedureVersion.name,
    Dossier.sets,
    Dossier.applicant_name,
    Dossier.id_number,
    Dossier.address,
    Dossier.phone,
    Dossier.received_at,
    Dossier.due_at,
    Dossier.resolved_at,
    Dossier.returned_at,
    Dossier.receiver_name,
    Dossier.post_tracking,
)


def _span(first: date, last: date) -> tuple[datetime, datetime]:
    if last < first:
        raise ValidationError("--to phải không trước --from.", "to")
    return (
        datetime.combine(first, time.min, tzinfo=LOCAL_TZ),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=LOCAL_TZ),
    )


def register(
    session: Session, agency: Agency, first: date, last: date, now: datetime
) -> p.RegisterData:
    """The register's data; its `lines` are read while they are drawn, so render it before
    the unit of work ends (or call `register_pdf`)."""
    start, end = _span(first, last)
    where = (
        Dossier.agency_id == agency.id,
        Dossier.received_at >= start,
        Dossier.received_at < end,
    )
    total = session.scalar(select(func.count()).select_from(Dossier).where(*where)) or 0
    voids = _voids(session, agency, first, last)
    return p.RegisterData(
        agency_header(agency),
        first,
        last,
        _with_voids(_lines(session, agency, where), voids),
        now,
        total + len(voids),
    )


def register_pdf(
    session: Session,
    agency: Agency,
    first: date,
    last: date,
    now: datetime,
    progress: Progress | None = None,
    font_path: str | None = None,
) -> bytes:
    """The register as a PDF, `progress(done, total)` told as the lines are drawn
    (Qt-free: the desk passes a function that emits a signal)."""
    from counter_app.printing.register import render_register

    data = register(session, agency, first, last, now)
    return render_register(data, p.PageOptions(font_path=font_path), progress)


def _lines(session: Session, agency: Agency, where: tuple) -> Iterator[p.RegisterLine]:  # type: ignore[type-arg]
    """Numbered as on the receipts: the line of the year's register (the first line of
    each year is counted once, the following ones follow)."""
    rows = session.execute(
        select(*_COLUMNS)
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .where(*where)
        .order_by(Dossier.received_at, Dossier.code)
        .execution_options(yield_per=BATCH)
    )
    line, year = 0, None
    for (
        code,
        name,
        sets,
        applicant,
        id_number,
        address,
        phone,
        received,
        due,
        resolved,
        returned,
        receiver,
        tracking,
    ) in rows:
        if received.year != year:
            year, line = received.year, year_line(session, agency.id, received, code) - 1
        line += 1
        yield p.RegisterLine(
            line,
            code,
            name,
            sets,
            p.Person(applicant, id_number, address, phone),
            received,
            due,
            resolved,
            returned,
            receiver or tracking or "",
        )


def _voids(session: Session, agency: Agency, first: date, last: date) -> list[p.RegisterLine]:
    """Numbers of the office server's counter that a desk leased and nobody used by the end
    of their day: each its own line, so the day's numbers have no unexplained hole."""
    rows = session.execute(
        select(CodeNumber.day, CodeNumber.number)
        .where(
            CodeNumber.agency_id == agency.id,
            CodeNumber.state == "void",
            CodeNumber.band.is_(False),  # a reserve left unused is no hole in the day's numbers
            CodeNumber.day >= first,
            CodeNumber.day <= last,
        )
        .order_by(CodeNumber.day, CodeNumber.number)
    )
    return [
        p.RegisterLine(
            0,
            format_code(agency.code_pattern, agency.code, day, number),
            VOID_TEXT,
            0,
            p.Person("", None, "", None),
            datetime.combine(day, time.min, tzinfo=LOCAL_TZ),
            None,
            None,
            None,
            VOID_NOTE,
            void=True,
        )
        for day, number in rows
    ]


VOID_TEXT = "Số không sử dụng"
VOID_NOTE = "Số hủy"


def _with_voids(
    lines: Iterator[p.RegisterLine], voids: list[p.RegisterLine]
) -> Iterator[p.RegisterLine]:
    """A day's void numbers after that day's last dossier (lines come by day)."""
    pending = iter(voids)
    nxt = next(pending, None)
    for line in lines:
        day = line.received_at.astimezone(LOCAL_TZ).date()
        while nxt is not None and nxt.received_at.date() < day:
            yield nxt
            nxt = next(pending, None)
        yield line
    while nxt is not None:
        yield nxt
        nxt = next(pending, None)
