"""A reception loop run as a separate process by the concurrency and crash tests.

Usage: python -m tests.integration.receiver DB_URL COUNT [--barrier] [--now]
Prints each code on its own line once its transaction has committed (acknowledged).
With --now each dossier is received at the clock's time, as a desk at work does.
With --barrier it prints "ready" once set up, starts when a line arrives on stdin, waits for
a second line after its first reception (so that the test can hold every worker inside its
run until all have begun: their windows overlap by construction, not by luck), and prints
"window START END" (epoch seconds) around its receptions.
"""

from __future__ import annotations

import sys
import time

from counter_app.clock import now, parse
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.services import desk
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import intake_doc

RECEIVED_AT = "2026-02-13T10:00:00+07:00"


def main() -> None:
    url, count = sys.argv[1], int(sys.argv[2])
    engine = make_engine(url)
    sessions = session_factory(engine)
    document = read_intake(intake_doc(received_at=None) if "--now" in sys.argv else intake_doc())
    with unit_of_work(sessions) as session:  # warm up: connection opened, modules loaded
        desk.desk_agency(session, None)
    if "--barrier" in sys.argv:
        print("ready", flush=True)
        sys.stdin.readline()
    started = time.time()
    for n in range(count):
        with unit_of_work(sessions, write=True) as session:
            who = desk.actor(session, "motcua", None)
            at = now() if "--now" in sys.argv else parse(RECEIVED_AT)
            code = intake.receive(session, who, document, at).code
        print(code, flush=True)
        if n == 0 and "--barrier" in sys.argv:
            sys.stdin.readline()
    if "--barrier" in sys.argv:
        print(f"window {started} {time.time()}", flush=True)


if __name__ == "__main__":
    main()
