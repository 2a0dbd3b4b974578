"""Biểu 06 to a file: an .xlsx workbook or an A4 landscape PDF, written beside the
target and renamed, so a crash never leaves half a file. Used by the command line and
the dashboard alike."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app import out_files
from counter_app.errors import ValidationError
from counter_app.models import Agency, Officer
from counter_app.printing.data import PageOptions
from counter_app.reports.model import Bieu06
from counter_app.reports.pdf import Report06Data, render_report06
from counter_app.reports.xlsx import Signed, workbook
from counter_app.services.printouts.printouts import agency_header, printed_name

SUFFIXES = (".xlsx", ".pdf")
HINT = "một tên tệp .xlsx hoặc .pdf"


def checked_path(value: str | Path, what: str = "Biểu 06") -> Path:
    """The file to write: .xlsx or .pdf, a regular file or a new name in a folder that
    exists (out_files.checked: never a folder, a device, a FIFO or a socket)."""
    if Path(str(value)).suffix.lower() not in SUFFIXES:
        raise ValidationError(f"-o '{value}': {what} ghi ra tệp .xlsx hoặc .pdf.", "output")
    return out_files.checked(value, HINT)


def officer_name(session: Session, username: str, full_name: str | None) -> str:
    """Who made the form, as printed under "Người lập biểu": the full name on record, or ""
    (a dotted line to write it by hand) — never the login name."""
    return printed_name(
        full_name or session.scalar(select(Officer.full_name).where(Officer.username == username)),
        username,
    )


def document(
    agency: Agency,
    report: Bieu06,
    path: Path,
    prepared_by: str,
    now: datetime,
    font_path: str | None = None,
) -> bytes:
    header = agency_header(agency)
    if path.suffix.lower() == ".xlsx":
        return workbook(report, Signed(agency.name, header.place, prepared_by, now))
    return render_report06(
        Report06Data(header, report, prepared_by, now), PageOptions(font_path=font_path)
    )


def save(path: Path, data: bytes) -> None:
    out_files.replace(path, data, HINT)
