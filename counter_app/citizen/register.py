"""Where the complaints register is kept: in the desk's database for a desk that works
alone (`LocalRegister`), on the office server for a joined desk (register_office.py), so
that the leader sees the office's complaints from any desk. One interface, the same rules
in both: a closed complaint takes no reply, a complaint is closed only once replied.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.citizen.complaint_form import (
    DEFAULT_DUE_DAYS,
    ComplaintDetail,
    ComplaintForm,
    ComplaintRow,
    number_of,
)
from counter_app.errors import RefusedInput, ValidationError
from counter_app.models import (
    Complaint,
    ComplaintRule,
    Dossier,
    Officer,
    Procedure,
    ProcedureVersion,
    new_id,
)
from counter_app.services.catalog.catalog import unknown_procedure
from counter_app.services.codes.codes import unknown_dossier


class UnknownComplaint(RefusedInput):
    pass


def unknown_complaint(year: int, seq: int) -> UnknownComplaint:
    return UnknownComplaint(f"Không có phản ánh số {number_of(year, seq)}.")


NOT_REPLIED = "Phản ánh {} chưa được trả lời: ghi trả lời (complaint reply) trước khi đóng."
CLOSED = "Phản ánh {} đã đóng: không thay đổi được nữa."


class Register(Protocol):
    def due_days(self) -> int: ...
    def set_due_days(self, days: int) -> None: ...
    def check_links(self, form: ComplaintForm) -> ComplaintForm: ...
    def add(
        self, form: ComplaintForm, received_at: datetime, due_at: datetime, by: uuid.UUID
    ) -> ComplaintRow: ...
    def reply(
        self, year: int, seq: int, text: str, publish: bool, at: datetime
    ) -> ComplaintRow: ...
    def close(self, year: int, seq: int, at: datetime) -> ComplaintRow: ...
    def assign(self, year: int, seq: int, officer: str) -> ComplaintRow: ...
    def rows(self) -> list[ComplaintRow]: ...
    def detail(self, year: int, seq: int) -> ComplaintDetail: ...


def row_of(c: Complaint) -> ComplaintRow:
    return ComplaintRow(
        c.year,
        c.seq,
        c.channel,
        c.received_at,
        c.due_at,
        c.dossier_code,
        c.procedure_code,
        c.assignee,
        c.replied_at,
        c.published_at,
        c.closed_at,
    )


class LocalRegister:
    """The register in the desk's database, in the caller's unit of work."""

    def __init__(self, session: Session, agency_id: uuid.UUID) -> None:
        self.session, self.agency_id = session, agency_id

    def due_days(self) -> int:
        rule = self.session.get(ComplaintRule, self.agency_id)
        return rule.due_days if rule is not None else DEFAULT_DUE_DAYS

    def set_due_days(self, days: int) -> None:
        rule = self.session.get(ComplaintRule, self.agency_id)
        if rule is None:
            self.session.add(ComplaintRule(agency_id=self.agency_id, due_days=days))
        else:
            rule.due_days = days
        self.session.flush()

    def check_links(self, form: ComplaintForm) -> ComplaintForm:
        """The dossier and the procedure named exist here (the procedure of a dossier named
        without one is the dossier's)."""
        procedure = form.procedure
        if form.code is not None:
            found = self.session.execute(
                select(Procedure.code)
                .select_from(Dossier)
                .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
                .join(Procedure, Procedure.id == ProcedureVersion.procedure_id)
                .where(Dossier.code == form.code, Dossier.agency_id == self.agency_id)
            ).first()
            if found is None:
                raise unknown_dossier(self.session, form.code)
            procedure = procedure or found[0]
        if procedure is not None and not self.session.scalar(
            select(func.count())
            .select_from(Procedure)
            .where(Procedure.agency_id == self.agency_id, Procedure.code == procedure)
        ):
            raise unknown_procedure(procedure)
        return ComplaintForm(**{**vars(form), "procedure": procedure})

    def add(
        self, form: ComplaintForm, received_at: datetime, due_at: datetime, by: uuid.UUID
    ) -> ComplaintRow:
        year = received_at.year
        last = self.session.scalar(
            select(func.max(Complaint.seq)).where(
                Complaint.agency_id == self.agency_id, Complaint.year == year
            )
        )
        complaint = Complaint(
            id=new_id(),
            agency_id=self.agency_id,
            year=year,
            seq=(last or 0) + 1,
            channel=form.channel,
            person_name=form.name,
            person_phone=form.phone,
            person_address=form.address,
            content=form.content,
            dossier_code=form.code,
            procedure_code=form.procedure,
            received_at=received_at,
            due_at=due_at,
            received_by_id=by,
        )
        self.session.add(complaint)
        self.session.flush()
        return row_of(complaint)

    def _get(self, year: int, seq: int, changing: bool = True) -> Complaint:
        found = self.session.scalars(
            select(Complaint).where(
                Complaint.agency_id == self.agency_id, Complaint.year == year, Complaint.seq == seq
            )
        ).first()
        if found is None:
            raise unknown_complaint(year, seq)
        if changing and found.closed_at is not None:
            raise RefusedInput(CLOSED.format(number_of(year, seq)))
        return found

    def reply(self, year: int, seq: int, text: str, publish: bool, at: datetime) -> ComplaintRow:
        found = self._get(year, seq)
        found.reply, found.replied_at = text, at
        found.published_at = at if publish else None
        self.session.flush()
        return row_of(found)

    def close(self, year: int, seq: int, at: datetime) -> ComplaintRow:
        found = self._get(year, seq)
        if found.replied_at is None:
            raise RefusedInput(NOT_REPLIED.format(number_of(year, seq)))
        found.closed_at = at
        self.session.flush()
        return row_of(found)

    def assign(self, year: int, seq: int, officer: str) -> ComplaintRow:
        found = self._get(year, seq)
        known = self.session.scalar(
            select(Officer.username).where(Officer.username == officer, Officer.active)
        )
        if known is None:
            raise ValidationError(
                "--to: không có cán bộ đang làm việc với tên đăng nhập này.", "to"
            )
        found.assignee = known
        self.session.flush()
        return row_of(found)

    def rows(self) -> list[ComplaintRow]:
        return [
            row_of(c)
            for c in self.session.scalars(
                select(Complaint)
                .where(Complaint.agency_id == self.agency_id)
                .order_by(Complaint.received_at, Complaint.seq)
            )
        ]

    def detail(self, year: int, seq: int) -> ComplaintDetail:
        c = self._get(year, seq, changing=False)
        return ComplaintDetail(
            row_of(c), c.person_name, c.person_phone, c.person_address, c.content, c.reply
        )
