"""The national portal's outbox at scale (issue 21): draining it, what it adds to a
reception, and `portal status` over a year.

    python bench/portal.py [--only drain reception status] [--quick]
    python bench/portal.py --only drain --messages 10000
    python bench/portal.py --only reception --receptions 1000
    python bench/portal.py --only status --dossiers 2000000 [--n 30] [--cold 5]

1. drain: `--messages` pending messages (their dossiers' 4 events each, bodies built by
   facts/portal_messages.py) drained by `sender.drain` (claimed 20 at a time, sent,
   settled in the transaction claiming the next: WAL, synchronous=FULL) against the
   stand-in gateway (tests/portal_gateway.py) run in a process of its own. Interleaved in
   chunks of 500 (order rotated) with the baseline: the same request through the
   product's client alone (`Gateway.send`, no database). Per message: from its send to
   the next one's (a batch's commit falls in one of them). Total, messages/s,
   p50/p95/max; verdict: the whole drain < 60 s (the sum of the drain's chunks); the
   gateway's count of what it accepted is checked.
2. reception: receptions through the service path (`read_intake` → write unit of work →
   `intake.receive`) with the outbox writing its two messages, interleaved by chunks of 25
   (order rotated) with the same receptions while `facts.portal_outbox.apply` is replaced
   in this process by a function that writes nothing (the baseline: the desk without the
   outbox), each side on a fresh file of its own (the sample catalog). Wall and CPU
   (process_time) a reception; verdict: with / without, p50, ≤ 1.10 for each.
3. status: a scratch SQLite (under /tmp/bench-portal, kept for the next run) with a year
   of messages for `--dossiers` dossiers (2 a reception; 300 refused; the newest 1,000
   pending; the rest sent), written with SQL straight into the
   migrated schema. `portal status` as the command runs it (`status.status` +
   `status_json` in a snapshot unit of work), whole and `--from` a year ago `--to` today:
   warm, `--n` rounds interleaved with the baseline `SELECT count(*)` in raw sqlite3;
   cold, `--cold` fresh processes with the file dropped from the OS cache first, their
   first call. Verdicts: warm p95 < 1 s (from 20 runs), cold max < 1 s.

`--quick`: 1,000 messages, 100 receptions a side, 100,000 dossiers, 10 rounds, 2 cold.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _common import (
    CATALOG,
    drop_from_os_cache,
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
from _portal_data import GatewayProcess, write_pending, year_db

from counter_app.clock import now
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.facts import portal_outbox
from counter_app.portal import outbox, sender, status
from counter_app.portal.gateway import Gateway
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake

DRAIN_CHUNK, RECEPTION_CHUNK = 500, 25
USER, PASSWORD, AGENCY = "motcua-tamdao", "mat-khau-thu", "000.00.00.H99"  # the stand-in's
STATUS_DIR = Path("/tmp/bench-portal")


def row(name: str, seconds: list[float]) -> list[object]:
    s = summary_ms(seconds)
    return [name, s["n"], s["p50"], s["p95"], s["max"]]


def bench_drain(folder: Path, messages: int, seed: int) -> list[list[object]]:
    path = folder / "drain.db"
    engine = make_engine(sqlite_url(path))
    migrate(engine)
    written = write_pending(path, max(messages // 8, 1), 4, now(), seed)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as session:
        bodies = [(m.service, m.is_update, m.body) for m in _some(session)]
    gateway = GatewayProcess()
    ours = Gateway(gateway.url, USER, PASSWORD, AGENCY, gateway.ca)
    bare = Gateway(gateway.url, USER, PASSWORD, AGENCY, gateway.ca)
    begun: list[float] = []  # when each message's send began

    def timed(gateway: Gateway, claimed: Any) -> Any:
        begun.append(time.perf_counter())
        return sender.deliver(gateway, claimed)

    per_message: list[float] = []  # from its send to the next one's (or the pass's end)
    per_request: list[float] = []

    def drain_chunk(_i: int) -> float:
        first, started = len(begun), time.perf_counter()
        sender.drain(
            sessions,
            ours,
            now,
            once=True,
            lease=120,
            backoff=30,
            deliver=timed,
            stop=lambda: len(begun) - first >= DRAIN_CHUNK,
        )
        ended = time.perf_counter()
        mine = begun[first:] + [ended]
        per_message.extend(b - a for a, b in zip(mine, mine[1:], strict=False))
        return ended - started

    def bare_chunk(_i: int) -> None:
        for service, _, body in bodies[:DRAIN_CHUNK]:  # as updates: the gateway has them
            t0 = time.perf_counter()
            assert bare.send(str(uuid.uuid4()), service, True, body).code == 0
            per_request.append(time.perf_counter() - t0)

    try:
        rounds = -(-written // DRAIN_CHUNK)
        walls = interleave({"drain": drain_chunk, "bare": bare_chunk}, rounds, warm=0)
    finally:
        ours.close()
        bare.close()
        accepted, repeats, _ = gateway.stop()
    with unit_of_work(sessions) as session:
        left = outbox.pending_count(session)
    engine.dispose()
    total = sum(walls["drain"])
    scope(
        f"{written:,} pending messages of {written // 8:,} dossiers (4 events each), "
        f"{left:,} left; the gateway accepted {accepted:,} ({len(per_request):,} of them "
        f"the baseline's), absorbed {repeats} repeats; chunks of {DRAIN_CHUNK}, {rounds} "
        "interleaved rounds"
    )
    print(
        table(
            ["a message", "n", "p50 ms", "p95 ms", "max ms"],
            [
                row("drain: claim + send + settle", per_message),
                row("baseline: Gateway.send alone", per_request),
            ],
        )
    )
    ratio = summary_ms(per_message)["p50"] / summary_ms(per_request)["p50"]
    print(
        f"drained {written:,} in {total:.1f} s: {written / total:,.0f} messages/s; "
        f"a message p50 {ratio:.2f}× the request alone"
    )
    assert accepted - len(per_request) == written and left == 0, "not all accepted"
    return [
        verdict(f"drain {written:,} messages", total, 60, "s", n=len(per_message), scope=written),
    ]


def _some(session: Any) -> list[Any]:
    from sqlalchemy import select

    from counter_app.models import PortalMessage as M

    return list(session.scalars(select(M).order_by(M.position).limit(DRAIN_CHUNK)))


def fresh(folder: Path, name: str) -> Any:
    engine = make_engine(sqlite_url(folder / name))
    migrate(engine)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, json.loads(CATALOG.read_text(encoding="utf-8")), now())
    return engine, sessions


def bench_reception(folder: Path, n: int, seed: int) -> list[list[object]]:
    from receive import intake_documents  # the same varied intakes as bench/receive.py

    docs = intake_documents(json.loads(CATALOG.read_text(encoding="utf-8")), random.Random(seed))
    sides = {"on": fresh(folder, "on.db"), "off": fresh(folder, "off.db")}
    times: dict[str, dict[str, list[float]]] = {k: {"wall": [], "cpu": []} for k in sides}
    real = portal_outbox.apply

    def receive(side: str, chunk: int) -> None:
        sessions = sides[side][1]
        start = (chunk % (len(docs) // RECEPTION_CHUNK)) * RECEPTION_CHUNK
        if side == "off":
            portal_outbox.apply = lambda *a, **k: None  # type: ignore[assignment]
        try:
            for doc in docs[start : start + RECEPTION_CHUNK]:
                t0, c0 = time.perf_counter(), time.process_time()
                with unit_of_work(sessions, write=True) as session:
                    intake.receive(
                        session, desk.actor(session, "motcua", None), read_intake(doc), now()
                    )
                if chunk >= 0:
                    times[side]["wall"].append(time.perf_counter() - t0)
                    times[side]["cpu"].append(time.process_time() - c0)
        finally:
            portal_outbox.apply = real  # type: ignore[assignment]

    interleave(
        {"on": lambda i: receive("on", i), "off": lambda i: receive("off", i)},
        -(-n // RECEPTION_CHUNK),
        warm=1,
    )
    written = {}
    for side, (engine, _) in sides.items():
        with engine.connect() as c:
            written[side] = c.exec_driver_sql("SELECT count(*) FROM portal_messages").scalar()
        engine.dispose()
    on, off = times["on"], times["off"]
    scope(
        f"{len(on['wall']):,} receptions with the outbox ({written['on']:,} messages written) "
        f"and {len(off['wall']):,} without ({written['off']:,}), chunks of "
        f"{RECEPTION_CHUNK}, interleaved, after one warm chunk each"
    )
    print(
        table(
            ["a reception", "n", "p50 ms", "p95 ms", "max ms"],
            [
                row("outbox on: wall", on["wall"]),
                row("outbox off: wall", off["wall"]),
                row("outbox on: CPU", on["cpu"]),
                row("outbox off: CPU", off["cpu"]),
            ],
        )
    )
    figures = []
    for what in ("wall", "cpu"):
        ratio = summary_ms(on[what])["p50"] / summary_ms(off[what])["p50"]
        label = f"reception {what} p50, outbox on / off"
        figures.append(verdict(label, ratio, 1.10, "×", below=False, n=len(on[what])))
    return figures


def status_once(url: str, first: date | None, last: date | None) -> float:
    engine = make_engine(url)
    try:
        t0 = time.perf_counter()
        with unit_of_work(session_factory(engine), snapshot=True) as session:
            status.status_json(status.status(session, first, last))
        return time.perf_counter() - t0
    finally:
        engine.dispose()


def year() -> tuple[date, date]:
    today = now().date()
    return today - timedelta(days=365), today


def bench_status(
    folder: Path, dossiers: int, rounds: int, cold: int, seed: int
) -> list[list[object]]:
    path, rows, seeding = year_db(folder, dossiers, 1, now(), seed)
    url = sqlite_url(path)
    engine = make_engine(url)
    sessions = session_factory(engine)
    first, last = year()
    counts: dict[str, Any] = {}

    def ours(key: str, first: date | None, last: date | None) -> Any:
        def run(_i: int) -> None:
            with unit_of_work(sessions, snapshot=True) as session:
                counts[key] = status.status_json(status.status(session, first, last))

        return run

    import sqlite3

    raw = sqlite3.connect(path)

    def count(_i: int) -> None:
        raw.execute("SELECT count(*) FROM portal_messages").fetchone()

    found = interleave(
        {
            "status": ours("all", None, None),
            "status --from a year ago": ours("year", first, last),
            "count(*) in raw sqlite3": count,
        },
        rounds,
    )
    raw.close()
    engine.dispose()
    colds: dict[str, list[float]] = {"status": [], "status --from a year ago": []}
    for _ in range(cold):
        for name, args in (("status", []), ("status --from a year ago", ["--year"])):
            drop_from_os_cache(path)
            child = [sys.executable, __file__, "--child-status", url, *args]
            done = subprocess.run(child, capture_output=True, text=True, check=True, timeout=600)
            colds[name].append(float(done.stdout.split()[-1]))
    size = path.stat().st_size
    c = counts["year"]
    scope(
        f"{rows:,} messages of {dossiers:,} dossiers over a year ({human_bytes(size)}; "
        f"{'seeded in ' + format(seeding, '.0f') + ' s' if seeding else 'seeded before'}): "
        f"the year {first} to {last} has {c['pending']:,} pending, {c['sent']:,} sent, "
        f"{c['failed']:,} failed ({len(c['failures'])} listed)"
    )
    print(
        table(
            ["portal status", "n", "p50 ms", "p95 ms", "max ms"],
            [row(f"warm: {name}", times) for name, times in found.items()]
            + [row(f"cold: {name}", times) for name, times in colds.items()],
        )
    )
    base = summary_ms(found["count(*) in raw sqlite3"])["p50"]
    for name in ("status", "status --from a year ago"):
        print(f"{name}: p50 {summary_ms(found[name])['p50'] / base:.2f}× the raw count(*)")
    figures = []
    for name in ("status", "status --from a year ago"):
        s, k = summary_ms(found[name]), summary_ms(colds[name])
        figures.append(verdict(f"warm {name}, p95", s["p95"], 1000, n=s["n"], scope=rows))
        figures.append(verdict(f"cold {name}, max", k["max"], 1000, n=k["n"], scope=rows))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--only", nargs="+", choices=("drain", "reception", "status"))
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--receptions", type=int, default=1_000, help="a side")
    parser.add_argument("--dossiers", type=int, default=2_000_000)
    parser.add_argument("--n", type=int, default=30, help="warm status rounds")
    parser.add_argument("--cold", type=int, default=5, help="cold status processes")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument(
        "--status-dir", type=Path, default=STATUS_DIR, help="where the year's database is kept"
    )
    parser.add_argument("--child-status", help=argparse.SUPPRESS)
    parser.add_argument("--year", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_status:  # a fresh process's first `portal status`
        print(status_once(args.child_status, *(year() if args.year else (None, None))))
        return 0
    if args.quick:
        args.messages, args.receptions, args.dossiers = 1_000, 100, 100_000
        args.n, args.cold = 10, 2
    only = args.only or ["drain", "reception", "status"]
    print(environment())
    figures: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="bench-portal-") as scratch:
        if "drain" in only:
            print("\n1. Draining the outbox against the stand-in gateway")
            figures += bench_drain(Path(scratch), args.messages, args.seed)
        if "reception" in only:
            print("\n2. What the outbox adds to a reception")
            figures += bench_reception(Path(scratch), args.receptions, args.seed)
    if "status" in only:
        print("\n3. portal status over a year")
        figures += bench_status(args.status_dir, args.dossiers, args.n, args.cold, args.seed)
    print(verdict_table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
