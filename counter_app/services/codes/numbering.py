"""Dossier codes (Circular 01/2018 art. 19): `<agency>-<YYMMDD>-<NNNN>` by default.

The number is taken from the (agency, day) counter row inside the transaction that records
the reception: a refused or crashed reception rolls the counter back with everything else,
so the day's sequence has no hole, and two desks on one database can never get one code.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from counter_app.models import Agency, DossierCounter
from counter_app.models.prepared import Prepared


def _take(dialect: str) -> Any:
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return (
        insert(DossierCounter)
        .values(agency_id=bindparam("b_agency"), day=bindparam("b_day"), last_seq=1)
        .on_conflict_do_update(
            index_elements=[DossierCounter.agency_id, DossierCounter.day],
            set_={"last_seq": DossierCounter.last_seq + 1},
        )
        .returning(DossierCounter.last_seq)
    )


_TAKE = {"postgresql": Prepared(_take("postgresql")), "sqlite": Prepared(_take("sqlite"))}


def take_seq(session: Session, agency_id: uuid.UUID, day: date) -> int:
    """Increment and return the (agency, day) counter, creating it at 1, on the session's
    connection (no flush first)."""
    connection = session.connection()
    statement = _TAKE["postgresql" if connection.dialect.name == "postgresql" else "sqlite"]
    return int(statement.one(connection, {"b_agency": agency_id, "b_day": day})[0])


def format_code(pattern: str, agency_code: str, day: date, seq: int) -> str:
    return pattern.format(
        agency=agency_code, yymmdd=f"{day:%y%m%d}", yyyymmdd=f"{day:%Y%m%d}", seq=seq
    )


NumberSource = Callable[[Session, Agency, date], int]


__all__ = ["NumberSource", "format_code", "take_seq"]
