"""A desk with a procedure that carries fees (issue 23): 1.001193 owes 8,000 đ of lệ phí
and 2,000 đ of phí, collected before, with two exemptions; receipts of template
01BLP0-001, series AA-26E."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from counter_app.clock import parse
from counter_app.db import unit_of_work
from counter_app.fees import settings
from counter_app.services.catalog import catalog
from tests.conftest import IMPORTED_AT, actor_for, small_catalog

FEES = {
    "collect": "before",
    "items": [
        {"name": "Lệ phí đăng ký khai sinh", "kind": "le_phi", "amount": 8000},
        {"name": "Phí sao lục", "kind": "phi", "amount": 2000},
    ],
    "exemptions": [
        {"code": "ho_ngheo", "who": "Người thuộc hộ nghèo", "basis": "NQ 12/2026/NQ-HĐND"},
        {"code": "tre_em", "who": "Trẻ em dưới 6 tuổi", "basis": "NQ 12/2026/NQ-HĐND"},
    ],
}
NOW = parse("2026-02-13T10:30:00+07:00")


def with_fees(data: dict[str, Any] | None = None) -> dict[str, Any]:
    data = data or small_catalog()
    for p in data["procedures"]:
        if p["code"] == "1.001193":
            p["fees"] = FEES
            p.pop("fee", None)  # the total of the items
    return data


def fee_desk(sessions: sessionmaker[Session], configure: bool = True) -> sessionmaker[Session]:
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, with_fees(), IMPORTED_AT)
        if configure:
            marks = settings.Settings("970436", "1031933430", "UBND XA", "01BLP0-001", "AA-26E")
            settings.configure(session, actor_for(session), marks, NOW)
    return sessions


def at(text: str) -> datetime:
    return parse(text)
