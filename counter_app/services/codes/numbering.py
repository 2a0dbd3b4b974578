"""Dossier codes (Circular 01/2018 art. 19): `<agency>-<YYMMDD>-<NNNN>` by default.

The number is taken from the (agency, day) counter row inside the transaction that records
the reception: a refused or crashed reception rolls the counter back with everything else,
so the day's sequence has no hole, and two desks on one database can never get one code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from counter_app.models import Agency, DossierCounter


def next_seq(session: Session, agency: Agency, day: date) -> int:
    """Increment and return the day's counter (creates it at 1)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(DossierCounter)
        .values(agency_id=agency.id, day=day, last_seq=1)
        .on_conflict_do_update(
            index_elements=[DossierCounter.agency_id, DossierCounter.day],
            set_={"last_seq": DossierCounter.last_seq + 1},
        )
        .returning(DossierCounter.last_seq)
    )
    return int(session.execute(statement).scalar_one())


def format_code(pattern: str, agency_code: str, day: date, seq: int) -> str:
    return pattern.format(
        agency=agency_code, yymmdd=f"{day:%y%m%d}", yyyymmdd=f"{day:%Y%m%d}", seq=seq
    )


NumberSource = Callable[[Session, Agency, date], int]


def allocate_code(session: Session, agency: Agency, day: date,
                  number: NumberSource | None = None) -> str:  # fmt: skip
    """The day's next code from this database's counter, or from `number` (a desk that
    syncs takes its numbers from the office server: counter_app/sync/numbers.py)."""
    seq = number(session, agency, day) if number else next_seq(session, agency, day)
    return format_code(agency.code_pattern, agency.code, day, seq)


__all__ = ["allocate_code", "format_code", "next_seq"]
