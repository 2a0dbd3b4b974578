"""Biểu 06 read from the office's reporting replica against the same read on the leader,
at a province's size (issue 24's figure).

    python bench/report_replica.py [--dossiers 2000000] [--n 5] [--period 2025]
                                   [--old-source FILE.py]

A throwaway PostgreSQL primary (tests/pg.py, fsync and synchronous_commit off: a bench,
not a crash test) gets the office schema (`server install`), ~100 agencies' catalogs
published, and a province of `--dossiers` dossiers with their events in counter.dossiers
and counter.events (bench/_replica_seed.py: shapes from rows a real desk pushed, written
with COPY as the administrator; one provincial centre holds `--large-share` of them, the
communes the rest). A streaming replica is then made from it (`pg_basebackup -R`,
tests/pg_replica.py) and waited for until it has replayed everything; reading roles of
the large agency and of one commune are made with `server add-reader`.

Each report is the CLI's own path, a new process each time: `python -m counter_app --db
DESK report bieu06 --period P --report-url URL --json` (a desk database of the agency with
its catalog, COUNTER_APP_AGENCY set), the reading role's URL on the replica (source
"replica") and the same role on the primary (source "primary"), interleaved
(`_common.interleave`, one warm round), n of each; wall time of the process, p50 / p95 /
max, the ratio replica / primary of the p50s, and the peak RSS of the report process
(wait4's ru_maxrss). The figures (the JSON without its source keys) must be equal on both.

`--old-source FILE.py` adds a third side: the same command with
counter_app/sync/report_source.py replaced by FILE.py (e.g. `git show
BASE:counter_app/sync/report_source.py > /tmp/old.py`), on the replica: before / after in
the same run.

Seeding and measuring can be two runs: `--seed-only STATE.json` leaves both servers
running and writes where they are; `--state STATE.json` measures on them and then stops
and removes them (`--keep` leaves them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from _common import (
    REPO,
    environment,
    human_bytes,
    interleave,
    scope,
    spread_ms,
    table,
    verdict,
    verdict_table,
)

SOURCE_KEYS = ("source", "source_server", "replication_lag_s", "replication_lag_bytes")
RATIO_TARGET = 1.25  # the replica no more than 25 % slower than the leader (p50)
RSS_TARGET = 2 * 1024**3  # a desk PC of 4–8 GiB keeps working while the form is made
SHIM = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('counter_app.sync.report_source', "
    "sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "sys.modules['counter_app.sync.report_source'] = module\n"
    "spec.loader.exec_module(module)\n"
    "import counter_app.sync\n"
    "counter_app.sync.report_source = module\n"
    "from counter_app.cli import main\n"
    "raise SystemExit(main(sys.argv[2:]))\n"
)


def say(text: str) -> None:
    print(text, flush=True)


def start_primary() -> Any:
    from tests.pg import PgServer

    primary = PgServer(durable=False)
    primary.start()
    primary.execute(
        "ALTER SYSTEM SET max_wal_size = '2GB'",
        "ALTER SYSTEM SET checkpoint_timeout = '30min'",
        "ALTER SYSTEM SET shared_buffers = '512MB'",
        "ALTER SYSTEM SET maintenance_work_mem = '512MB'",
        # a report's long REPEATABLE READ on the replica is not cancelled by replay
        "ALTER SYSTEM SET hot_standby_feedback = on",
        "ALTER SYSTEM SET max_standby_streaming_delay = '-1'",
    )
    primary.restart()
    return primary


def desk_database(folder: Path, code: str, now: datetime) -> str:
    """A desk's SQLite database holding the agency's catalog (what `report bieu06` reads
    before it goes to the report URL)."""
    from _replica_seed import agency_catalog

    from counter_app.db import make_engine, migrate, session_factory, unit_of_work
    from counter_app.services.catalog import catalog

    url = f"sqlite:///{folder / (code.replace('.', '_') + '.db')}"
    engine = make_engine(url)
    migrate(engine)
    with unit_of_work(session_factory(engine), write=True) as session:
        catalog.import_catalog(session, agency_catalog(code), now)
    engine.dispose()
    return url


def run_report(desk: str, code: str, period: str, url: str, old: str | None) -> dict[str, Any]:
    """One `report bieu06` process: its JSON, wall seconds and peak RSS in bytes."""
    args = ["--db", desk, "report", "bieu06", "--period", period, "--report-url", url, "--json"]
    command = (
        [sys.executable, "-c", SHIM, old, *args]
        if old
        else [sys.executable, "-m", "counter_app", *args]
    )
    env = os.environ | {"COUNTER_APP_AGENCY": code, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=REPO)
        _, status, usage = os.wait4(child.pid, 0)
        took = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            sys.exit(f"report failed ({child.returncode}): {err.read().decode()[-2000:]}")
        found = json.loads(out.read())
    return {"json": found, "seconds": took, "rss": usage.ru_maxrss * 1024}


def measure(
    sides: dict[str, tuple[str, str | None]],
    desk: str,
    code: str,
    period: str,
    n: int,
    warm: int = 1,
) -> dict[str, list[dict[str, Any]]]:
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sides}

    def work(name: str) -> Any:
        url, old = sides[name]

        def one(i: int) -> float:
            run = run_report(desk, code, period, url, old)
            say(f"  {code} {name} round {i}: {run['seconds']:.1f} s, {human_bytes(run['rss'])}")
            if i >= 0:
                runs[name].append(run)
            return float(run["seconds"])

        return one

    interleave({name: work(name) for name in sides}, n, warm)
    return runs


def figures(run: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in run["json"].items() if k not in SOURCE_KEYS}


def servers(state: dict[str, Any]) -> tuple[Any, Any]:
    """The primary and replica a seeding left running, from their state file."""
    from tests.pg import PgServer
    from tests.pg_replica import PgReplica

    primary = object.__new__(PgServer)
    replica = object.__new__(PgReplica)
    for server, kept in ((primary, state["primary"]), (replica, state["replica"])):
        server.__dict__.update(kept)
        server.root, server.data = Path(kept["root"]), Path(kept["data"])
        server.log, server.bindir = Path(kept["log"]), Path(kept["bindir"])
    replica.primary = primary
    return primary, replica


def kept(server: Any) -> dict[str, Any]:
    return {
        k: str(v) if isinstance(v, Path) else v
        for k, v in vars(server).items()
        if k in ("root", "data", "log", "bindir", "password", "port", "durable", "as_root")
    }


def seed_province(args: argparse.Namespace) -> dict[str, Any]:
    """The primary seeded and its replica caught up; their state (to measure, to stop)."""
    import _replica_seed as seed

    from counter_app.clock import now
    from counter_app.sync import server
    from tests.pg_replica import PgReplica

    primary = start_primary()
    replica = None
    try:
        admin = primary.create_database("province")
        server.install(admin)
        started = time.perf_counter()
        codes = seed.publish(admin, args.agencies - 1, now())
        templates = seed.harvest(admin)
        say(
            f"catalogs of {len(codes)} agencies published, templates harvested in "
            f"{time.perf_counter() - started:.0f} s"
        )
        started = time.perf_counter()
        sizes = seed.load(admin, templates, codes, args.dossiers, args.large_share, say)
        seeded = time.perf_counter() - started
        primary.execute("CHECKPOINT")
        counts = server_counts(admin)
        say(
            f"seeded {counts['dossiers']:,} dossiers, {counts['events']:,} events in "
            f"{seeded:.0f} s (COPY as the administrator, fsync off); database "
            f"{human_bytes(counts['bytes'])}; load average {os.getloadavg()}"
        )
        started = time.perf_counter()
        replica = PgReplica(primary)
        replica.start()
        replica.wait_replayed()
        say(
            f"replica made (pg_basebackup -R) and caught up in "
            f"{time.perf_counter() - started:.0f} s"
        )
    except BaseException:
        if replica is not None:
            replica.destroy()
        primary.destroy()
        raise
    return {
        "admin": admin,
        "codes": codes,
        "sizes": sizes,
        "counts": counts,
        "seconds": seeded,
        "primary": kept(primary),
        "replica": kept(replica),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--dossiers", type=int, default=2_000_000)
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--large-share", type=float, default=0.12)
    parser.add_argument("--n", type=int, default=5, help="interleaved runs of each side")
    parser.add_argument("--warm", type=int, default=1, help="warm rounds, not counted")
    parser.add_argument("--period", default="2025", help="the report's period (--period)")
    parser.add_argument("--old-source", help="report_source.py before a change: a 3rd side")
    parser.add_argument(
        "--which", choices=("both", "large", "commune"), default="both", help="agencies measured"
    )
    parser.add_argument(
        "--seed-only",
        metavar="STATE.json",
        help="seed, leave both servers running, write their state here",
    )
    parser.add_argument(
        "--state", metavar="STATE.json", help="measure on servers a --seed-only run left running"
    )
    parser.add_argument(
        "--keep", action="store_true", help="with --state: leave the servers running afterwards"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    say(environment())
    say(f"load average at start: {os.getloadavg()}")
    say(f"free on /tmp: {human_bytes(shutil.disk_usage('/tmp').free)}")
    if args.state:
        state = json.loads(Path(args.state).read_text())
    else:
        state = seed_province(args)
        if args.seed_only:
            Path(args.seed_only).write_text(json.dumps(state))
            say(f"servers left running; measure with --state {args.seed_only}")
            return 0
    primary, replica = servers(state)
    try:
        return measure_all(args, state, primary, replica)
    finally:
        if not args.keep:
            replica.destroy()
            primary.destroy()


def measure_all(args: argparse.Namespace, state: dict[str, Any], primary: Any, replica: Any) -> int:
    from counter_app.clock import now
    from counter_app.sync.readers import add_reader

    admin, codes, sizes, counts = state["admin"], state["codes"], state["sizes"], state["counts"]
    say(
        f"province: {counts['dossiers']:,} dossiers, {counts['events']:,} events over "
        f"{len(codes)} agencies, seeded in {state['seconds']:.0f} s; database "
        f"{human_bytes(counts['bytes'])} on each server"
    )
    folder = Path(tempfile.mkdtemp(prefix="bench-replica-"))
    try:
        commune = codes[1 + (len(codes) - 1) // 2]
        rows, checks, equal_rows = [], [], []
        chosen = {"both": (codes[0], commune), "large": (codes[0],), "commune": (commune,)}
        for code in chosen[args.which]:
            name = f"Doc {code} {time.time_ns() % 10**9}"
            url = add_reader(admin, name, code, f"127.0.0.1:{replica.port}")
            on_primary = url.replace(f":{replica.port}/", f":{primary.port}/")
            replica.wait_replayed()
            desk = desk_database(folder, code, now())
            sides: dict[str, tuple[str, str | None]] = {
                "replica": (url, None),
                "primary": (on_primary, None),
            }
            if args.old_source:
                sides["replica, before"] = (url, str(Path(args.old_source).resolve()))
            scope(
                f"agency {code}: {sizes[code]:,} dossiers of {counts['dossiers']:,} "
                f"(period {args.period}); {args.n} interleaved runs of each side"
            )
            runs = measure(sides, desk, code, args.period, args.n, args.warm)
            for side, found in runs.items():
                seconds = [r["seconds"] for r in found]
                rss = max(r["rss"] for r in found)
                source = {r["json"]["source"] for r in found}
                rows.append(
                    [
                        code,
                        side,
                        "/".join(sorted(source)),
                        len(found),
                        *spread_ms(seconds),
                        human_bytes(rss),
                    ]
                )
            ratio = median(runs["replica"]) / median(runs["primary"])
            received = figures(runs["primary"][0])["total"]["received"]["total"]
            same = all(figures(r) == figures(runs["primary"][0]) for f in runs.values() for r in f)
            equal_rows.append([code, received, "equal" if same else "DIFFERENT"])
            checks.append(
                verdict(
                    f"{code}: replica / primary, p50",
                    ratio,
                    RATIO_TARGET,
                    "×",
                    below=False,
                    n=args.n,
                    scope=received,
                )
            )
            checks.append(
                verdict(
                    f"{code}: peak RSS of the report",
                    max(r["rss"] for f in runs.values() for r in f) / 1024**2,
                    RSS_TARGET / 1024**2,
                    "MiB",
                    n=args.n,
                    scope=received,
                )
            )
            if "replica, before" in runs:
                checks.append(
                    verdict(
                        f"{code}: after / before on the replica, p50",
                        median(runs["replica"]) / median(runs["replica, before"]),
                        1.0,
                        "×",
                        n=args.n,
                        scope=received,
                    )
                )
        print(
            table(
                ["agency", "side", "source", "n", "p50 ms", "p95 ms", "max ms", "peak RSS"],
                rows,
                "Biểu 06 through the CLI (a new process each run)",
            )
        )
        print(
            table(
                ["agency", "received in the period", "replica = primary"],
                equal_rows,
                "The figures (JSON minus the source keys)",
            )
        )
        print(verdict_table(checks))
        say(f"load average at end: {os.getloadavg()}")
        return 0 if all(r[2] == "equal" for r in equal_rows) else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def median(found: list[dict[str, Any]]) -> float:
    return spread_ms([r["seconds"] for r in found])[0]


def server_counts(admin: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(admin.replace("+psycopg", "")) as db:
        dossiers = db.execute("SELECT count(*) FROM counter.dossiers").fetchone()[0]  # type: ignore[index]
        events = db.execute("SELECT count(*) FROM counter.events").fetchone()[0]  # type: ignore[index]
        size = db.execute("SELECT pg_database_size(current_database())").fetchone()[0]  # type: ignore[index]
    return {"dossiers": dossiers, "events": events, "bytes": size}


if __name__ == "__main__":
    sys.exit(main())
