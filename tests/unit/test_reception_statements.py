"""What a reception costs the database: one statement for each row it writes and one read,
nothing read again that the reception before already read (issue 19: a reception's CPU is
mostly its statements; each one more is ~10 µs of SQLite and more of the code that sends
it). Counted as SQLite runs them, whoever sends them."""

from __future__ import annotations

from counter_app.db import unit_of_work
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import actor_for, at, intake_doc

NOW = "2026-03-10T18:00:00+07:00"


def run_by_sqlite(sessions, actor, doc):
    """The statements SQLite runs for one reception, from after BEGIN to its COMMIT."""
    ran: list[str] = []
    with unit_of_work(sessions, write=True) as session:
        driver = session.connection().connection.dbapi_connection
        driver.set_trace_callback(ran.append)
        try:
            intake.receive(session, actor, read_intake(doc), at(NOW))
            session.commit()
        finally:
            driver.set_trace_callback(None)
    sent = [sql for sql in ran if not sql.startswith("--")]  # "--": SQLite's own (FTS5)
    # a trigger's steps are traced under the statement that fired them, repeated
    return [_named(sql) for i, sql in enumerate(sent) if i == 0 or sent[i - 1] != sql]


def _named(sql: str) -> str:
    """'INSERT events', 'SELECT agencies', 'COMMIT'…"""
    words = sql.split()
    if words[0] in ("COMMIT", "PRAGMA"):
        return words[0]
    if words[0] == "SELECT":
        return "SELECT " + words[len(words) - words[::-1].index("FROM")]  # the outer FROM
    if words[0] == "UPDATE":
        return "UPDATE " + words[1]
    return "INSERT " + words[2]  # INSERT INTO <table>


def test_a_reception_runs_one_statement_a_row_and_one_read(desk_db):
    doc = intake_doc()
    with unit_of_work(desk_db, write=True) as session:
        actor = actor_for(session)  # the desk and its officer, made once
    run_by_sqlite(desk_db, actor, doc)  # the first reads the procedure's terms
    documents = len(doc["documents"])
    assert run_by_sqlite(desk_db, actor, doc) == [
        "SELECT agencies",  # its codes, hours, declared days and the version in force
        "INSERT dossier_counters",  # the day's number (an upsert)
        "INSERT dossiers",
        *["INSERT dossier_documents"] * documents,  # one executemany, run for each
        "UPDATE desks",  # the event's and the audit entry's numbers
        "INSERT events",
        "INSERT report_dossiers",
        "INSERT report_counts",  # an upsert
        "INSERT digitisation_dossiers",  # the digitisation rates' row
        # the portal's two messages, the dossier and its step: one executemany, run for each
        *["INSERT portal_messages"] * 2,
        "UPDATE desks",  # the audit chain's head
        "INSERT audit_entries",
        "COMMIT",
    ]
