"""Sustained reception through the full service path, against the fsync floor.

    python bench/receive.py --db /tmp/bench/recv.db [--seconds 20]
    python bench/receive.py --db /tmp/bench/2m.db --seconds 20     # on the big database

Service path, one reception per iteration, as the desk does it:
`read_intake(dict)` → `with unit_of_work(factory, write=True) as s:
intake.receive(s, actor, intake, now)` → commit (BEGIN IMMEDIATE, WAL,
synchronous=FULL, foreign keys on: the engine's own settings). Intakes vary (procedures
of the sample catalog with their required documents, Vietnamese names, IDs, phones).
If --db does not exist (or with --fresh) it is created with `migrate` and the sample
catalog imported by `catalog.import_catalog`.

Baselines in the same run, interleaved with the service (`_common.interleave`:
`--rounds` rounds, each side running `--seconds / --rounds` seconds of work per round, the
order rotated each round). Per second is the receptions done over the wall clock of the
side's slices (not n over summed latencies, which leaves out the loop's own time):
* raw floor: `sqlite3` with the same pragmas (WAL, synchronous=FULL, foreign_keys=ON)
  on a scratch file beside --db, one INSERT of a dossier-like row + COMMIT per
  iteration: what one durable commit costs on this disk.
* raw reception: every write `intake.receive` makes (counter upsert, dossier and its FTS
  row, documents, desk sequence, event, chained audit entry, report facts), hand-written
  in `sqlite3` on the --db itself, one transaction each, with the catalog read once:
  SQLite's share of a reception, without SQLAlchemy. Its rows are real receptions (same
  code sequence, dates from the calendar, audit chain intact).
Targets: ≥ 200 receptions/s through the service path; the service's CPU time (process_time) a
reception ≤ 3 × the raw reception's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
import time
import uuid
from datetime import UTC
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from _common import (
    AGENCY_CODE,
    CATALOG,
    environment,
    human_bytes,
    interleave,
    scope,
    sqlite_url,
    summary_ms,
    table,
    verdict,
    verdict_table,
)
from sqlalchemy import func, select

from counter_app.calendar import parse_clock
from counter_app.clock import now as clock_now
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.facts.digitised import day_number
from counter_app.facts.portal_messages import Procedure, dossier_object, progress_row
from counter_app.facts.portal_outbox import message_id
from counter_app.models import Agency, Dossier, Officer, new_id
from counter_app.models.base import DAY_ZERO, stored_time
from counter_app.models.event_data import KIND_LETTER, pack
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.demo.demo_people import FAMILY, GIVEN, MIDDLE
from counter_app.services.intake import intake
from counter_app.services.intake.intake import duration_for
from counter_app.services.intake.intake_file import read_intake
from counter_app.text import fold

WEIGHTED = {"1.001193": 12, "2.000815": 25, "2.000884": 12, "1.000894": 5, "1.004873": 7}


def intake_documents(data: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """Varied intake documents (the JSON a desk form produces) for the sample catalog."""
    procedures = data["procedures"]
    weights = [WEIGHTED.get(p["code"], 1) for p in procedures]
    out = []
    for _ in range(2000):
        p = rng.choices(procedures, weights)[0]
        docs = [
            {"name": d["name"], "count": d.get("count", 1)}
            for d in p.get("documents", [])
            if d.get("required", True) or rng.random() < 0.2
        ]
        applicant = {
            "name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "id_number": f"0{rng.choice(['25', '26'])}{rng.choice('0123')}{rng.randint(50, 99)}"
            f"{rng.randint(0, 999_999):06d}",
            "phone": f"09{rng.randint(0, 99_999_999):08d}",
            "address": f"Thôn {rng.randint(1, 9)}, xã Tam Đảo, tỉnh Phú Thọ",
        }
        out.append(
            {
                "procedure": p["code"],
                "applicant": applicant,
                "documents": docs,
                "channel": rng.choice(["direct"] * 8 + ["online", "postal"]),
            }
        )
    return out


def prepare(path: Path, fresh: bool) -> None:
    if fresh:
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
    if path.exists():
        return
    engine = make_engine(sqlite_url(path))
    migrate(engine)
    with unit_of_work(session_factory(engine), write=True) as s:
        data = json.loads(CATALOG.read_text(encoding="utf-8"))
        catalog.import_catalog(s, data, clock_now())
    engine.dispose()


class RawFloor:
    """One INSERT of a dossier-like row + COMMIT, on a scratch file with the same pragmas."""

    def __init__(self, path: Path) -> None:
        self.path = path
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            "busy_timeout=30000",
        ):
            self.conn.execute(f"PRAGMA {pragma}")
        self.conn.execute(
            "CREATE TABLE floor (id CHAR(32) PRIMARY KEY, code VARCHAR(60) UNIQUE, "
            "applicant_name VARCHAR(200), name_key VARCHAR(200), id_number VARCHAR(20), "
            "phone_key VARCHAR(20), received_at DATETIME, status VARCHAR(30))"
        )
        self.conn.execute("CREATE INDEX ix_floor_id_number ON floor (id_number)")
        self.n = 0

    def step(self, doc: dict[str, Any]) -> None:
        self.n += 1
        a = doc["applicant"]
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "INSERT INTO floor VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_id().hex,
                f"X-{self.n:08d}",
                a["name"],
                fold(a["name"]),
                a["id_number"],
                a["phone"],
                "2026-01-01 00:00:00.000000",
                "received",
            ),
        )
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()
        for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            p.unlink(missing_ok=True)


class RawReception:
    """Everything `intake.receive` writes, hand-written in `sqlite3`, on the benchmark
    database: day counter, dossier (its search_no and so its FTS row by trigger), documents,
    desk sequence, event, audit entry (chained: sha256 of the previous hash and the entry's
    canonical JSON, as counter_app/audit/trail.py), report facts (report_dossiers row and
    the day's count upsert, as counter_app/facts/upkeep.py). The catalog data is read once;
    the database stays consistent (tests/integration/test_receive_baseline.py compares its
    rows with a service reception's, and verifies the audit chain after it).
    """

    def __init__(
        self,
        path: Path,
        agency: Agency,
        desk_id: uuid.UUID,
        officer_id: uuid.UUID,
        versions: dict[str, Any],
        calendar: Any,
        username: str,
        full_name: str = "",
    ) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            "busy_timeout=30000",
        ):
            self.conn.execute(f"PRAGMA {pragma}")
        self.agency, self.agency_code = agency.id.bytes, agency.code
        self.desk, self.officer, self.username = desk_id.bytes, officer_id.bytes, username
        self.desk_text, self.officer_text = str(desk_id), str(officer_id)
        # procedure code -> (id bytes, label, cutoff, durations, checklist: name -> (place, kind))
        self.versions = versions
        self.calendar = calendar
        self.full_name = full_name

    @classmethod
    def for_actor(cls, path: Path, session: Any, who: Any, codes: list[str]) -> RawReception:
        """The baseline for `who`, with the catalog data of the procedures `codes` read."""
        agency = session.get_one(Agency, who.agency_id)
        versions = {}
        for code in codes:
            v = catalog.version_in_force(session, agency, code, clock_now().date())
            versions[code] = (
                v.id.bytes,
                v.label,
                parse_clock(v.cutoff) if v.cutoff else None,
                (duration_for(v, "direct"), duration_for(v, "online")),
                {d.name: (d.position, d.kind) for d in reversed(v.documents)},
                not any(d.required for d in v.documents),  # nothing required: complete
                Procedure(v.procedure.code, v.name, v.field),  # the portal's message
            )
        return cls(
            path,
            agency,
            who.desk_id,
            who.officer_id,
            versions,
            desk.working_calendar(session, agency),
            who.officer,
            session.get_one(Officer, who.officer_id).full_name,
        )

    @staticmethod
    def utc(value: Any) -> int | None:
        """As TZDateTime stores it on SQLite (0011): seconds since 1970 UTC."""
        return None if value is None else stored_time(value)

    def step(self, doc: dict[str, Any]) -> None:
        c = self.conn
        now = clock_now()
        version_id, label, cutoff, durations, checklist, complete, procedure = self.versions[
            doc["procedure"]
        ]
        channel = doc.get("channel", "direct")
        effective = self.calendar.effective_receipt(now, cutoff)
        due_at = self.calendar.due(durations[channel == "online"], effective)
        due, at = self.utc(due_at), self.utc(now)
        a = doc["applicant"]
        dossier_id = new_id().bytes
        c.execute("BEGIN IMMEDIATE")
        (seq,) = c.execute(
            "INSERT INTO dossier_counters (agency_id, day, last_seq) VALUES (?, ?, 1) "
            "ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = last_seq + 1 "
            "RETURNING last_seq",
            (self.agency, now.date().isoformat()),
        ).fetchone()
        code = f"{self.agency_code}-{now:%y%m%d}-{seq:04d}"
        c.execute(
            "INSERT INTO dossiers (search_no, id, code, agency_id, procedure_version_id, "
            "channel, status, applicant_name, name_key, id_type, id_number, phone, phone_key, "
            "address, email, sets, note, return_by_post, request_id, received_at, "
            "effective_received_at, original_due_at, due_at, received_by_id) VALUES ("
            "(SELECT coalesce(max(search_no), 0) + 1 FROM dossiers), ?, ?, ?, ?, ?, "
            "'received', ?, ?, NULL, ?, ?, ?, ?, NULL, 1, NULL, 0, NULL, ?, ?, ?, ?, ?)",
            (
                dossier_id,
                code,
                self.agency,
                version_id,
                channel,
                a["name"],
                fold(a["name"]),
                a["id_number"],
                a["phone"],
                a["phone"],
                a["address"],
                at,
                self.utc(effective),
                due,
                due,
                self.officer,
            ),
        )
        c.executemany(
            "INSERT INTO dossier_documents "
            "(id, dossier_id, position, catalog_no, name, kind, count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [  # as a desk keeps them (0010): a name of the checklist as its place in it
                (new_id().bytes, dossier_id, i, place, None, None, d["count"])
                if (place := checklist.get(d["name"], (None,))[0]) is not None
                else (new_id().bytes, dossier_id, i, None, d["name"], "original", d["count"])
                for i, d in enumerate(doc["documents"])
            ],
        )
        desk_seq, audit_seq, prev = c.execute(
            "UPDATE desks SET last_seq = last_seq + 1, last_audit_seq = last_audit_seq + 1 "
            "WHERE id = ? RETURNING last_seq, last_audit_seq, last_audit_hash",
            (self.desk,),
        ).fetchone()
        event_id = new_id()
        c.execute(
            "INSERT INTO events (id, dossier_id, desk_id, desk_seq, kind, at, officer_id, "
            "data, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (
                event_id.bytes,
                dossier_id,
                self.desk,
                desk_seq,
                KIND_LETTER["received"],  # as the program stores it (0010)
                at,
                self.officer,
                pack(  # as the program stores it (0010)
                    {
                        "recorded_at": now.isoformat(),
                        "procedure_version": label,
                        "legal_due_at": due_at.isoformat() if due_at else None,
                    }
                ),
            ),
        )
        c.execute(
            "INSERT INTO report_dossiers (dossier_id, agency_id, procedure_version_id, channel, "
            "officer_id, received_at, received_on, original_due_at, legal_due_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                dossier_id,
                self.agency,
                version_id,
                channel,
                self.officer,
                at,
                (now.date() - DAY_ZERO).days,  # as the program stores it (0011)
                due,
                due,
            ),
        )
        c.execute(  # the digitisation rates' row (facts/digitised.py): nothing digitised yet
            "INSERT INTO digitisation_dossiers (dossier_id, agency_id, procedure_version_id, "
            "officer_id, received_day, with_component, all_required, ended, resolved_day, "
            "with_result) VALUES (?, ?, ?, ?, ?, 0, ?, 0, NULL, 0)",
            (dossier_id, self.agency, version_id, self.officer, day_number(now.date()), complete),
        )
        self.portal(event_id, desk_seq, dossier_id, code, doc, procedure, now, due_at)
        c.execute(
            "INSERT INTO report_counts (agency_id, day, procedure_version_id, measure, count) "
            "VALUES (?, ?, ?, ?, 1) ON CONFLICT (agency_id, day, procedure_version_id, "
            "measure) DO UPDATE SET count = count + excluded.count",
            (self.agency, (now.date() - DAY_ZERO).days, version_id, channel),
        )
        entry_id = new_id()
        canonical = json.dumps(
            {
                "id": str(entry_id),
                "desk": self.desk_text,
                "seq": audit_seq,
                "at": now.astimezone(UTC).replace(tzinfo=None).isoformat(),
                "officer": self.officer_text,
                "username": self.username,
                "action": "received",
                "code": code,
                "outcome": "ok",
                "detail": {},
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        digest = hashlib.sha256(prev.encode() + b"\n" + canonical).hexdigest()
        c.execute("UPDATE desks SET last_audit_hash = ? WHERE id = ?", (digest, self.desk))
        c.execute(
            "INSERT INTO audit_entries (id, desk_id, desk_seq, at, officer_id, username, "
            "action, code, outcome, detail, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, 'received', ?, 'ok', '{}', ?, ?)",
            (
                entry_id.bytes,
                self.desk,
                audit_seq,
                at,
                self.officer,
                self.username,
                code,
                prev,
                digest,
            ),
        )
        c.execute("COMMIT")

    def portal(
        self,
        event_id: uuid.UUID,
        desk_seq: int,
        dossier_id: bytes,
        code: str,
        doc: dict[str, Any],
        procedure: Procedure,
        now: Any,
        due_at: Any,
    ) -> None:
        """The national portal's two messages (facts/portal_outbox.py), their bodies built
        by the same functions."""
        a = doc["applicant"]
        dossier = SimpleNamespace(
            code=code,
            status="received",
            channel=doc.get("channel", "direct"),
            applicant_name=a["name"],
            id_number=a["id_number"],
            phone=a["phone"],
            email=None,
            received_at=now,
            due_at=due_at,
            returned_at=None,
            resolved_at=None,
        )
        body = dossier_object(dossier, procedure, now, [])
        step = progress_row(dossier, "received", now, self.full_name, None)
        at = self.utc(now)
        self.conn.executemany(
            "INSERT INTO portal_messages (id, event_id, dossier_id, code, position, service, "
            "is_update, body, state, attempts, error_code, reason, next_at, sent_at, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'pending', 0, NULL, NULL, ?, NULL, ?)",
            [
                (
                    message_id(event_id, service).bytes,
                    event_id.bytes,
                    dossier_id,
                    code,
                    desk_seq * 2 + offset,
                    service,
                    json.dumps([data], ensure_ascii=False),
                    at,
                    at,
                )
                for offset, service, data in (
                    (0, "DongBoHoSoMC", body),
                    (1, "CapNhatTienDoHoSoMC", step),
                )
            ],
        )

    def close(self) -> None:
        self.conn.close()


def run_for(
    seconds: float | None,
    step: Any,
    docs: list[dict[str, Any]],
    start: int,
    count: int | None = None,
) -> list[float]:
    """Run `step` for `seconds`, or `count` times; the latency of each call."""
    out: list[float] = []
    clock = time.perf_counter
    end = clock() + seconds if seconds is not None else None
    i = start
    while (clock() < end) if end is not None else (len(out) < (count or 0)):
        doc = docs[i % len(docs)]
        i += 1
        t0 = clock()
        step(doc)
        out.append(clock() - t0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds of service receptions")
    parser.add_argument(
        "--rounds", type=int, default=2, help="alternate service and baselines this many times"
    )
    parser.add_argument("--fresh", action="store_true", help="recreate --db first")
    parser.add_argument(
        "--no-raw-reception",
        action="store_true",
        help="skip the hand-written raw reception baseline",
    )
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    path = Path(args.db)
    path.parent.mkdir(parents=True, exist_ok=True)
    prepare(path, args.fresh)

    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    docs = intake_documents(data, random.Random(args.seed))
    engine = make_engine(sqlite_url(path))
    factory = session_factory(engine)
    with unit_of_work(factory, write=True) as s:
        who = desk.actor(s, "bench.receive", AGENCY_CODE)
        before = s.scalar(select(func.count()).select_from(Dossier)) or 0
        reception = (
            None
            if args.no_raw_reception
            else RawReception.for_actor(path, s, who, [p["code"] for p in data["procedures"]])
        )

    def service_step(doc: dict[str, Any]) -> None:
        document = read_intake(doc)
        with unit_of_work(factory, write=True) as s:
            intake.receive(s, who, document, clock_now())

    # Warm-up (statement caches, pages), not counted.
    for doc in docs[:20]:
        service_step(doc)
    floor = RawFloor(path.with_name(path.name + ".floor"))
    for doc in docs[:20]:
        floor.step(doc)
        if reception:
            reception.step(doc)

    latencies: dict[str, list[float]] = {"service": [], "floor": [], "reception": []}
    cpu: dict[str, float] = {"service": 0.0, "floor": 0.0, "reception": 0.0}  # process_time
    steps = {"service": service_step, "floor": floor.step}
    if reception:
        steps["reception"] = reception.step
    slice_s = args.seconds / args.rounds

    def side(name: str):  # type: ignore[no-untyped-def]
        def run(_i: int) -> None:
            c0 = time.process_time()
            latencies[name].extend(run_for(slice_s, steps[name], docs, len(latencies[name])))
            cpu[name] += time.process_time() - c0

        return run

    walls = interleave({name: side(name) for name in steps}, args.rounds, warm=0)
    t_service, t_floor, t_reception = (latencies[k] for k in ("service", "floor", "reception"))
    floor.close()
    if reception:
        reception.close()
    with unit_of_work(factory) as s:
        after = s.scalar(select(func.count()).select_from(Dossier)) or 0
    engine.dispose()
    size = path.stat().st_size

    print(f"Receptions on {path}; {environment()}")
    scope(
        f"{after - before:,} dossiers received ({before:,} before, {after:,} after, "
        f"{human_bytes(size)}); {args.seconds:g} s per path in {args.rounds} interleaved "
        f"rounds, order rotated"
    )
    rows = []
    results = [
        ("service: read_intake + receive + commit", t_service, walls["service"]),
        ("raw floor: 1 INSERT + COMMIT (scratch file)", t_floor, walls["floor"]),
    ]
    if reception:
        results.append(("raw reception: receive's SQL in sqlite3", t_reception, walls["reception"]))
    for (name, times, wall), used in zip(results, cpu.values(), strict=False):
        m = summary_ms(times)
        rows.append(
            [
                name,
                m["n"],
                m["n"] / sum(wall) if wall else float("nan"),
                m["mean"],
                m["p50"],
                m["p99"],
                m["max"],
                used * 1000 / m["n"],
            ]
        )
    print(
        table(
            ["path", "n", "per s (wall clock)", "mean ms", "p50 ms", "p99 ms", "max ms", "CPU ms"],
            rows,
        )
    )
    rate = rows[0][2]
    ratios = [
        ["service / raw floor (p50 latency)", rows[0][4] / rows[1][4]],
        ["raw floor / service (throughput)", rows[1][2] / rate],
    ]
    if reception:
        ratios.append(["service / raw reception (p50 latency)", rows[0][4] / rows[2][4]])
    print(table(["ratio", "value"], ratios))
    figures = [
        verdict(
            "service receptions/s (wall clock)",
            rate,
            200,
            "/s",
            at_least=True,
            n=rows[0][1],
            scope=after - before,
        )
    ]
    if reception:  # CPU (process_time, this process): what SQLAlchemy and the service add
        figures.append(
            verdict(
                "service CPU / raw reception CPU",
                rows[0][7] / rows[2][7],
                3,
                "×",
                below=False,
                n=rows[0][1],
                scope=after - before,
            )
        )
    print(verdict_table(figures))
    if rows[1][4] < 0.2:
        print(
            f"note: a durable commit costs {rows[1][4]:.3f} ms here (p50): this disk "
            "acknowledges fsync from a cache; on a disk that really flushes, add its fsync "
            "time to every reception."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
