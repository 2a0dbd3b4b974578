"""The two load figures: 50 desks pushing at once (against a plain INSERT of the same rows,
from as many connections), and a simulated province of desks syncing on the GUI's 2 s
cadence. Each desk is a thread with its own connection; the client side's CPU is measured
beside the server's (both share the machine's cores)."""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _sync_office import BenchServer, Office, agency_codes
from _sync_sim import FLOOR_INSERT, FLOOR_TABLE, SimDesk, province

from counter_app.sync import server
from counter_app.sync.engine import PAGE


def _together(work: list[Callable[[], None]]) -> float:
    """Run each piece of work in its own thread, released at once; the wall time until
    the last one ends."""
    gate = threading.Barrier(len(work) + 1)
    errors: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        gate.wait()
        try:
            job()
        except BaseException as error:  # reported after the others end
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for t in threads:
        t.start()
    gate.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - started


def push_together(pg: Any, urls: list[str], pages: list[list[str]]) -> dict[str, Any]:
    """Each desk (its URL) pushes its pages (JSON batches), all desks at once, from
    connections opened beforehand: hello, then push after push, as the engine does. `pg`
    is anything with `cpu_s()` (the server's CPU seconds so far). Returns the wall time
    (push_s), the server's and this process's CPU meanwhile, each push call's latency and
    the events the server refused."""
    latencies: list[float] = []
    rejected: list[int] = []
    connections = [server.connect(url, autocommit=True) for url in urls]

    def push_job(db: Any, batches: list[str]) -> Callable[[], None]:
        def job() -> None:
            db.execute("SELECT counter.hello()").fetchone()
            for text in batches:
                started = time.perf_counter()
                answer = db.execute("SELECT counter.push(%s::jsonb)", (text,)).fetchone()[0]
                latencies.append(time.perf_counter() - started)
                rejected.append(len(answer.get("rejected") or []))

        return job

    cpu, client = pg.cpu_s(), time.process_time()
    try:
        push_s = _together([push_job(db, b) for db, b in zip(connections, pages, strict=True)])
        push_cpu, push_client = pg.cpu_s() - cpu, time.process_time() - client
    finally:
        for db in connections:
            db.close()
    return {
        "push_s": push_s,
        "push_cpu": push_cpu,
        "push_client": push_client,
        "latencies": latencies,
        "rejected": sum(rejected),
    }


def push_capacity(
    pg: BenchServer, desks: int, per_desk: int, agencies: int, folder: Path
) -> dict[str, Any]:
    """`desks` desks (in `agencies` agencies) each push `per_desk` events in batches of
    PAGE (the engine's), all at once, from connections opened beforehand."""
    office = Office(pg, "push", agency_codes(agencies))
    sims = province(office, agencies, desks // agencies, False, folder, prefix="Day")
    pages = [
        [json.dumps(sim.batch(min(PAGE, per_desk - done))) for done in range(0, per_desk, PAGE)]
        for sim in sims
    ]
    total = sum(len(json.loads(p)["events"]) for each in pages for p in each)
    agency = uuid.uuid4()

    floor_db = server.connect(office.url, autocommit=True)
    floor_db.execute(FLOOR_TABLE)
    floor_connections = [server.connect(office.url, autocommit=True) for _ in sims]

    def floor_job(db: Any, batches: list[str]) -> Callable[[], None]:
        desk_id = uuid.uuid4()

        def job() -> None:
            for text in batches:
                db.execute(FLOOR_INSERT, {"agency": agency, "desk": desk_id, "batch": text})

        return job

    cpu, client = pg.cpu_s(), time.process_time()
    floor_s = _together([floor_job(db, b) for db, b in zip(floor_connections, pages, strict=True)])
    floor_cpu, floor_client = pg.cpu_s() - cpu, time.process_time() - client
    floor_rows = int(floor_db.execute("SELECT count(*) FROM floor.events").fetchone()[0])
    for db in floor_connections:
        db.close()

    pushed = push_together(pg, [sim.url for sim in sims], pages)
    on_server = int(
        floor_db.execute(
            "SELECT count(*) FROM counter.events e JOIN counter.desks d ON d.id = e.desk_id "
            "WHERE d.name LIKE 'Day %' AND e.status = 'applied'"
        ).fetchone()[0]
    )
    floor_db.close()
    for sim in sims:
        sim.close()
    return {
        "desks": len(sims),
        "events": total,
        "batches": sum(map(len, pages)),
        **pushed,
        "applied": on_server,
        "floor_s": floor_s,
        "floor_cpu": floor_cpu,
        "floor_client": floor_client,
        "floor_rows": floor_rows,
    }


def province_run(
    pg: BenchServer,
    agencies: int,
    per_agency: int,
    events: int,
    seconds: float,
    interval_s: float,
    folder: Path,
) -> dict[str, Any]:
    """Every desk syncs as the GUI does — hello, push of what it recorded since (`events`
    a round, its receptions' numbers leased one by one when they were made), pull — then
    waits `interval_s` from the end of that sync; for `seconds`, starting at random
    moments of the first interval."""
    office = Office(pg, "province", agency_codes(agencies))
    sims = province(office, agencies, per_agency, True, folder)
    for sim in sims:  # joined earlier: the catalog and the day's rows are there already
        sim.link.hello()
        sim.pull()
    rounds: list[float] = []
    pushed: list[int] = []
    pulled: list[int] = []
    leases: list[float] = []
    deadline = [0.0]

    def desk_job(sim: SimDesk, seed: int) -> Callable[[], None]:
        rng = random.Random(seed)

        def job() -> None:
            time.sleep(rng.uniform(0, interval_s))
            while time.perf_counter() < deadline[0]:
                started = time.perf_counter()
                batch = sim.batch(events)  # the receptions' leases, made before the sync
                leased = time.perf_counter()
                sim.link.hello()
                answer = sim.link.push(batch)
                rows = sim.pull()
                ended = time.perf_counter()
                leases.append(leased - started)
                rounds.append(ended - leased)
                pushed.append(len(batch["events"]) - len(answer.get("rejected") or []))
                pulled.append(rows)
                time.sleep(interval_s)

        return job

    cpu, client = pg.cpu_s(), time.process_time()
    deadline[0] = time.perf_counter() + seconds
    wall = _together([desk_job(sim, i) for i, sim in enumerate(sims)])
    server_cpu, client_cpu = pg.cpu_s() - cpu, time.process_time() - client
    for sim in sims:
        sim.close()
    return {
        "desks": len(sims),
        "agencies": agencies,
        "wall": wall,
        "rounds": rounds,
        "pushed": sum(pushed),
        "pulled": sum(pulled),
        "leases": leases,
        "server_cpu": server_cpu,
        "client_cpu": client_cpu,
        "events": events,
        "interval": interval_s,
    }
