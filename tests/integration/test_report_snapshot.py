"""Biểu 06 while a desk receives: every report reads one state, so that its figures and
their identities agree whatever is committed meanwhile (on a desk's SQLite, where another
process receives, and on PostgreSQL, the office server's)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.cli import main
from counter_app.clock import now, parse
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.reports import bieu06, periods
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import IMPORTED_AT, intake_doc, small_catalog

ROOT = Path(__file__).resolve().parents[2]
REPORTS = 50


class Receiver:
    """A process receiving dossiers at the clock's time until stopped; counts what it has
    acknowledged so that the test waits on receptions, not on time."""

    def __init__(self, url: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.receiver", url, "1000000", "--now"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.acknowledged = 0
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for _line in self.proc.stdout:
            with self.changed:
                self.acknowledged += 1
                self.changed.notify_all()
        with self.changed:
            self.acknowledged = -1  # ended: nobody waits for more
            self.changed.notify_all()

    def wait_beyond(self, count: int) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.acknowledged > count or self.acknowledged < 0)
            assert self.acknowledged > 0, self.proc.stderr.read() if self.proc.stderr else ""
            return self.acknowledged

    def stop(self) -> None:
        self.proc.kill()
        self.proc.communicate()


@pytest.mark.slow
def test_bieu06_reads_one_state_while_a_desk_receives(any_url, capsys):
    engine = make_engine(any_url)
    migrate(engine)
    with unit_of_work(session_factory(engine), write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
        desk.local_desk(session)
        desk.officer(session, "motcua")
    engine.dispose()
    today = now().date().isoformat()
    receiver = Receiver(any_url)
    try:
        seen, failures, totals = receiver.wait_beyond(0), [], []
        for _ in range(REPORTS):
            seen = receiver.wait_beyond(seen)  # at least one reception since the last report
            capsys.readouterr()
            code = main(
                ["--db", any_url, "report", "bieu06", "--from", today, "--to", today, "--json"]
            )
            out, err = capsys.readouterr()
            if code != 0:
                failures.append(err)
            else:
                totals.append(json.loads(out)["total"]["received"]["total"])
        assert receiver.wait_beyond(seen) > seen  # still receiving after the last report
    finally:
        receiver.stop()
    assert failures == []
    assert totals == sorted(totals) and totals[-1] > totals[0]


def test_a_report_on_postgresql_reads_in_a_repeatable_read_only_transaction(pg_url):
    engine = make_engine(pg_url)
    try:
        with unit_of_work(session_factory(engine), snapshot=True) as session:
            shown = [
                session.scalar(text(f"SHOW {name}"))
                for name in ("transaction_isolation", "transaction_read_only")
            ]
        assert shown == ["repeatable read", "on"]
    finally:
        engine.dispose()


def test_a_reception_in_the_reports_own_second_is_counted_everywhere(desk_db):
    """Timestamps are whole seconds: a dossier received in the second the report is made
    is in that day's receptions, so it is open at the report's end too (and a dossier
    from a desk whose clock runs ahead likewise)."""
    at = parse("2026-03-10T10:00:00+07:00")
    with unit_of_work(desk_db, write=True) as session:
        who = desk.actor(session, "motcua", None)
        intake.receive(session, who, read_intake(intake_doc(received_at=None)), at)
        intake.receive(
            session, who, read_intake(intake_doc(received_at=None)), at + timedelta(seconds=2)
        )
    with unit_of_work(desk_db, snapshot=True) as session:
        agency = desk.desk_agency(session, None)
        total = bieu06.bieu06(
            session, agency, periods.between(at.date(), at.date()), "field", at
        ).total.counts
    assert (total.received, total.in_progress, total.within_time) == (2, 2, 2)
