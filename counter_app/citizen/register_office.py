"""The complaints register of a joined desk: the office server's (sync SQL 0023), through
the functions the desk's role may call. The server checks what it is given as the sync
functions do (the desk's agency only, bounded sizes and times, the register's rules);
what it refuses comes back as a refusal (exit 2), an unreachable server as Offline.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from counter_app.citizen.complaint_form import (
    ComplaintDetail,
    ComplaintForm,
    ComplaintRow,
)
from counter_app.citizen.register import Register
from counter_app.errors import RefusedInput
from counter_app.sync.link import Link, Refused

# what the server's functions raise for a refusal (complaint_refused), and bad values
_REFUSALS = {"22023", "P0002", "22007", "22008", "22P02"}


def _row(data: dict[str, Any]) -> ComplaintRow:
    def moment(key: str) -> datetime | None:
        value = data.get(key)
        return None if value is None else _local(datetime.fromisoformat(value))

    received, due = moment("received_at"), moment("due_at")
    assert received is not None and due is not None
    return ComplaintRow(
        int(data["year"]),
        int(data["seq"]),
        str(data["channel"]),
        received,
        due,
        data.get("code"),
        data.get("procedure"),
        data.get("assignee"),
        moment("replied_at"),
        moment("published_at"),
        moment("closed_at"),
    )


def _local(value: datetime) -> datetime:
    from counter_app.clock import local

    return local(value)


class OfficeRegister:
    def __init__(self, url: str) -> None:
        self._url = url

    def _call(self, sql: str, *args: Any) -> Any:
        line = _Line(self._url)
        try:
            return line.call(sql, *args)
        except Refused as refused:
            if refused.sqlstate in _REFUSALS:
                raise RefusedInput(str(refused)) from None
            raise
        finally:
            line.close()

    def due_days(self) -> int:
        return int(self._call("SELECT counter.complaint_due_days()"))

    def set_due_days(self, days: int) -> None:
        raise RefusedInput(
            "Bàn này đã tham gia máy chủ văn phòng: số ngày trả lời phản ánh do quản trị đặt "
            "trên máy chủ (counter-app complaint due-days N --admin-url URL --agency MÃ)."
        )

    def check_links(self, form: ComplaintForm) -> ComplaintForm:
        return form  # the server checks the dossier and the procedure of its agency

    def add(
        self, form: ComplaintForm, received_at: datetime, due_at: datetime, by: uuid.UUID
    ) -> ComplaintRow:
        body = {
            "channel": form.channel,
            "name": form.name,
            "phone": form.phone,
            "address": form.address,
            "content": form.content,
            "code": form.code,
            "procedure": form.procedure,
            "received_at": received_at.isoformat(),
            "due_at": due_at.isoformat(),
            "received_by_id": str(by),
        }
        return _row(self._call("SELECT counter.complaint_add(%s::jsonb)", json.dumps(body)))

    def _change(self, year: int, seq: int, action: str, args: dict[str, Any]) -> ComplaintRow:
        return _row(
            self._call(
                "SELECT counter.complaint_change(%s, %s, %s, %s::jsonb)",
                year,
                seq,
                action,
                json.dumps(args),
            )
        )

    def reply(self, year: int, seq: int, text: str, publish: bool, at: datetime) -> ComplaintRow:
        return self._change(year, seq, "reply", {"text": text, "publish": publish})

    def close(self, year: int, seq: int, at: datetime) -> ComplaintRow:
        return self._change(year, seq, "close", {})

    def assign(self, year: int, seq: int, officer: str) -> ComplaintRow:
        return self._change(year, seq, "assign", {"officer": officer})

    def rows(self) -> list[ComplaintRow]:
        return [_row(r) for r in self._call("SELECT counter.complaints_list()")]

    def detail(self, year: int, seq: int) -> ComplaintDetail:
        data = self._call("SELECT counter.complaint_detail(%s, %s)", year, seq)
        return ComplaintDetail(
            _row(data), data["name"], data["phone"], data["address"], data["content"], data["reply"]
        )


class _Line(Link):
    """The desk's line to its server (timeouts, Offline when unreachable), for the
    register's functions."""

    def call(self, sql: str, *args: Any) -> Any:
        return self._call(sql, *args)


def set_due_days_on_server(admin_url: str, agency_code: str, days: int) -> None:
    """The working days to answer complaints of one agency, set with the administrator's
    URL (a desk's role cannot set it)."""
    from counter_app.errors import ValidationError
    from counter_app.sync.server import connect

    if not 1 <= days <= 60:
        raise ValidationError("Số ngày làm việc để trả lời phản ánh: từ 1 đến 60.", "days")
    with connect(admin_url) as db:
        found = db.execute(
            "SELECT id FROM counter.agencies WHERE code = %s", (agency_code.strip(),)
        ).fetchone()
        if found is None:
            raise ValidationError("--agency: máy chủ không có cơ quan mã này.", "agency")
        db.execute(
            "INSERT INTO counter.complaint_rules (agency_id, due_days) VALUES (%s, %s) "
            "ON CONFLICT (agency_id) DO UPDATE SET due_days = excluded.due_days",
            (found[0], days),
        )


def opened(session: Session, agency_id: uuid.UUID, db_url: str) -> Register:
    """The register of this desk: the office server's once joined, else its own."""
    from counter_app.citizen.register import LocalRegister
    from counter_app.sync import state

    url = state.load_url(db_url)
    return OfficeRegister(url) if url else LocalRegister(session, agency_id)
