"""A reception loop run as a separate process by the concurrency and crash tests.

Usage: python -m tests.integration.receiver DB_URL COUNT [START_AT_EPOCH]
Prints each code on its own line once its transaction has committed (acknowledged).
"""

from __future__ import annotations

import sys
import time

from counter_app.clock import parse
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.services import desk, intake
from counter_app.services.intake_file import read_intake
from tests.conftest import intake_doc

RECEIVED_AT = "2026-02-13T10:00:00+07:00"


def main() -> None:
    url, count = sys.argv[1], int(sys.argv[2])
    start_at = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    engine = make_engine(url)
    sessions = session_factory(engine)
    document = read_intake(intake_doc())
    while time.time() < start_at:  # all workers start together
        time.sleep(0.001)
    for _ in range(count):
        with unit_of_work(sessions, write=True) as session:
            who = desk.actor(session, "motcua", None)
            code = intake.receive(session, who, document, parse(RECEIVED_AT)).code
        print(code, flush=True)


if __name__ == "__main__":
    main()
