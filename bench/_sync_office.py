"""The office the sync benchmark drives: a throwaway PostgreSQL of its own (tests/pg.py, with
pg_stat_statements and room for a province's connections), office databases with the
schema (`server.install`) and the sample catalog published for one or more agencies, real
desks (their own SQLite file, `add_desk` + `join`, synced by `engine.sync_once`) whose
work goes through the services, and the server's CPU time read from /proc.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from _common import AGENCY_CODE, REPO

sys.path.insert(0, str(REPO))

from counter_app.clock import now  # noqa: E402
from counter_app.config import SAMPLE_CATALOG  # noqa: E402
from counter_app.db import make_engine, migrate, session_factory, unit_of_work  # noqa: E402
from counter_app.services import desk  # noqa: E402
from counter_app.services.dossiers import lifecycle  # noqa: E402
from counter_app.services.intake import intake  # noqa: E402
from counter_app.services.intake.intake_file import read_intake  # noqa: E402
from counter_app.sync import engine, numbers, outbox, server, state  # noqa: E402
from counter_app.sync.join import join  # noqa: E402
from counter_app.sync.link import Link  # noqa: E402
from tests.pg import PgServer  # noqa: E402

DOCS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "count": 1},
    {
        "name": "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc giấy "
        "cam đoan về việc sinh",
        "count": 1,
    },
]
LIFE = 4  # events of one dossier's life here: received, handed over, result back, returned


class BenchServer(PgServer):
    """tests/pg.py's cluster, with pg_stat_statements when the server has it and enough
    connections for a hundred desks."""

    def __init__(self, durable: bool, connections: int) -> None:
        self.connections = connections
        super().__init__(durable=durable)
        self.statements = (self.bindir.parent / "lib" / "pg_stat_statements.so").exists()

    def _options(self) -> str:
        options = (
            super()
            ._options()
            .replace("-c max_connections=100", f"-c max_connections={self.connections}")
        )
        if self.statements:
            options += (
                " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"
            )
        return options

    def cpu_s(self) -> float:
        return postgres_cpu_s(self.data)


def postgres_cpu_s(data: Path) -> float:
    """CPU seconds (user + system) of the postmaster of the data directory `data`, its live
    backends and the backends that ended (folded into the postmaster's children times when
    it reaped them)."""
    pid = int((data / "postmaster.pid").read_text().split()[0])
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(entry.name) == pid:
            ticks += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        elif int(fields[1]) == pid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def catalog_for(agency_code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    if agency_code != data["agency"]["code"]:
        data["agency"] = data["agency"] | {"code": agency_code, "name": f"UBND {agency_code}"}
    return data


def agency_codes(n: int) -> list[str]:
    """AGENCY_CODE and the next n - 1 codes of the same shape (000.00.20.H26, .21., …)."""
    a, b, number, tail = AGENCY_CODE.split(".")
    return [f"{a}.{b}.{int(number) + i:02d}.{tail}" for i in range(n)]


class Office:
    """One office database on the server: schema, functions, roles, catalogs."""

    def __init__(self, pg: BenchServer, name: str, agencies: list[str]) -> None:
        self.pg, self.name = pg, name
        self.url = pg.create_database(name)
        server.install(self.url)
        with server.connect(self.url) as db:  # a load test: far more a desk and day than an
            db.execute(
                "UPDATE counter.meta SET value = '9999' "  # office's cap (200)
                "WHERE key = 'max_numbers_a_day'"
            )
        for code in agencies:
            server.publish_catalog(self.url, catalog_for(code), now())

    def add_desk(self, name: str, agency: str = AGENCY_CODE) -> str:
        return server.add_desk(self.url, name, agency)

    def count(self, sql: str) -> int:
        with server.connect(self.url) as db:
            return int(db.execute(sql).fetchone()[0])


class RealDesk:
    """A desk PC as the program runs it: its own SQLite file, joined with its own role."""

    def __init__(self, folder: Path, name: str, office: Office, agency: str = AGENCY_CODE) -> None:
        self.name = name
        self.url = f"sqlite:///{folder / (office.name + '-' + name.replace(' ', '_') + '.db')}"
        self.engine = make_engine(self.url, busy_timeout_s=30)
        migrate(self.engine)
        self.sessions = session_factory(self.engine)
        with unit_of_work(self.sessions, write=True) as session:
            self.id = desk.local_desk(session).id
        join(self.sessions, self.url, office.add_desk(name, agency))
        self.server_url = str(state.load_url(self.url))
        self.sync()

    def link(self) -> Link:
        return Link(self.server_url)

    def sync(self, link: Link | None = None) -> engine.Result:
        if link is not None:
            return engine.sync_once(self.sessions, link, now)
        with self.link() as own:
            return engine.sync_once(self.sessions, own, now)

    def receive(self, name: str, number: Any = None) -> str:
        """One reception; `number` None: as the desk does online (a number leased now)."""
        from counter_app.sync import reception

        at = now()
        if number is None:
            number, at = reception.prepare(self.url, now())
        with unit_of_work(self.sessions, write=True) as session:
            who = desk.actor(session, "motcua", None)
            doc = read_intake(
                {
                    "procedure": "1.001193",
                    "applicant": {"name": name},
                    "documents": DOCS,
                    "channel": "direct",
                }
            )
            return intake.receive(session, who, doc, at, number).code

    def work(self, events: int, link: Link) -> int:
        """Dossiers received and carried to their end (LIFE events each) through the
        services, with numbers leased from the server 50 at a time; returns the events."""
        made = 0
        block: list[numbers.OnlineNumber] = []
        while made + LIFE <= max(events, LIFE):
            if not block:
                lease = link.lease(None, 50)
                day = lease["day"]
                at = now()
                block = [
                    numbers.OnlineNumber(date.fromisoformat(str(day)), n, at)
                    for n in range(int(lease["first"]), int(lease["last"]) + 1)
                ]
            code = self.receive(f"Người {uuid.uuid4().hex[:6]}", numbers.source(block.pop(0)))
            self._carry(code)
            made += LIFE
        return made

    def _carry(self, code: str) -> None:
        """Handed over, result back, returned: one unit of work each, as at the desk."""
        for step in ("handoff", "result", "return"):
            with unit_of_work(self.sessions, write=True) as session:
                who, at = desk.actor(session, "motcua", None), now()
                if step == "handoff":
                    lifecycle.handoff(session, who, [code], "TP-HT", None, at)
                elif step == "result":
                    lifecycle.result(session, who, code, "approved", None, at)
                else:
                    lifecycle.return_result(session, who, code, receiver="A", now=at)

    def unsent(self) -> dict[str, Any]:
        """Everything this desk would push, as one batch (its events, audit, catalog)."""
        with unit_of_work(self.sessions) as session:
            return outbox.batch(session, self.id, 0, 0, 10**9)

    def dossier_codes(self) -> set[str]:
        from sqlalchemy import select

        from counter_app.models import Dossier

        with unit_of_work(self.sessions) as session:
            return set(session.scalars(select(Dossier.code)))

    def dispose(self) -> None:
        self.engine.dispose()
