"""Officers: how long a login takes with the Argon2id parameters chosen, and what the audit
trail adds to a reception.

    python bench/officers.py [--logins 20] [--receptions 400] [--rounds 3]

Login: `officers.session.sign_in` (read the officer, verify the Argon2id hash, count,
record the entry, commit) on a scratch SQLite file, against the bare `argon2` verify of
the same hash, interleaved (`_common.interleave`: one of each per round, the order rotated
each round; the floor: what the parameters cost). Target: p95 ≤ 0.5 s (p95 needs 20
logins; with fewer the verdict is refused).

Audit: receptions through the service path (`read_intake` → one write unit of work →
`intake.receive`, which writes its event and, through `events.record`, its audit entry),
interleaved by chunks of 25 with the same receptions while `trail.record` is replaced by a
function that writes nothing (the baseline: the desk without an audit trail), the side
that goes first changing every chunk. Both on
fresh scratch files with the sample catalog; WAL and synchronous=FULL as the desk runs.
Target: the trail adds ≤ 10 % to a reception.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    CATALOG,
    environment,
    interleave,
    scope,
    sqlite_url,
    summary_ms,
    table,
    verdict,
    verdict_table,
)
from sqlalchemy import select

from counter_app.clock import now
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import Officer
from counter_app.officers import accounts, passwords
from counter_app.officers.session import Place, sign_in
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.dossiers import events
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake

PASSWORD = "mật khẩu của bàn 1"


def fresh(folder: Path, name: str) -> Any:
    engine = make_engine(sqlite_url(folder / name))
    migrate(engine)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, json.loads(CATALOG.read_text(encoding="utf-8")), now())
    return engine, sessions


def bench_login(folder: Path, n: int) -> tuple[list[float], list[float]]:
    _, sessions = fresh(folder, "login.db")
    with unit_of_work(sessions, write=True) as session:
        accounts.add(
            session,
            desk.actor(session, "motcua", None),
            "admin",
            "Quản Trị",
            "admin",
            PASSWORD,
            now(),
        )
        stored = session.scalar(select(Officer.password_hash).where(Officer.username == "admin"))
    place = Place(sessions)
    found = interleave(
        {
            "login": lambda _i: (sign_in(place, "admin", PASSWORD, now()), None)[1],
            "verify": lambda _i: (passwords.HASHER.verify(str(stored), PASSWORD), None)[1],
        },
        n,
    )
    return found["login"], found["verify"]


def intakes(n: int, seed: int) -> list[dict[str, Any]]:
    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    chosen = []
    for i in range(n):
        procedure = rng.choice(data["procedures"])
        chosen.append(
            {
                "procedure": procedure["code"],
                "applicant": {
                    "name": f"Nguyễn Văn Thử {i}",
                    "id_number": f"0261{i:08d}",
                    "phone": f"09{i:08d}",
                    "address": "Thôn 3, xã Tam Đảo",
                },
                "documents": [
                    {"name": d["name"], "count": d["count"]}
                    for d in procedure["documents"]
                    if d["required"]
                ],
                "channel": "direct",
            }
        )
    return chosen


CHUNK = 25  # receptions of one side before the other's: both see the same machine


def receive_all(
    sessions: Any, docs: list[dict[str, Any]], wall: list[float], cpu: list[float]
) -> None:
    """Receive each intake in its own write unit of work; wall and CPU time of each."""
    for doc in docs:
        started, used = time.perf_counter(), time.process_time()
        with unit_of_work(sessions, write=True) as session:
            intake.receive(session, desk.actor(session, "motcua", None), read_intake(doc), now())
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)


def bench_audit(folder: Path, n: int, rounds: int) -> dict[str, list[float]]:
    _, with_trail = fresh(folder, "with.db")
    _, without_trail = fresh(folder, "without.db")
    real = events.trail.record
    times: dict[str, list[float]] = {k: [] for k in ("wall", "cpu", "bare_wall", "bare_cpu")}

    def without(chunk: list[dict[str, Any]]) -> None:
        events.trail.record = lambda *a, **k: None  # type: ignore[assignment]
        try:
            receive_all(without_trail, chunk, times["bare_wall"], times["bare_cpu"])
        finally:
            events.trail.record = real  # type: ignore[assignment]

    for r in range(rounds):
        docs = intakes(n, seed=r)
        chunks = [docs[start : start + CHUNK] for start in range(0, n, CHUNK)]
        interleave(
            {
                "with": lambda i, chunks=chunks: receive_all(
                    with_trail, chunks[i], times["wall"], times["cpu"]
                ),
                "without": lambda i, chunks=chunks: without(chunks[i]),
            },
            len(chunks),
            warm=0,
        )
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--logins", type=int, default=20)
    parser.add_argument("--receptions", type=int, default=400, help="per round and side")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    print(environment())
    print(
        f"Argon2id: time_cost={passwords.HASHER.time_cost}, "
        f"memory_cost={passwords.HASHER.memory_cost} KiB, "
        f"parallelism={passwords.HASHER.parallelism}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-officers-") as scratch:
        folder = Path(scratch)
        logins, floors = bench_login(folder, args.logins)
        times = bench_audit(folder, args.receptions, args.rounds)
    scope(
        f"{len(logins)} logins of one officer; {len(times['wall']):,} receptions with the "
        f"trail and {len(times['bare_wall']):,} without, in chunks of {CHUNK}, "
        f"{args.rounds} rounds"
    )
    login, floor = summary_ms(logins), summary_ms(floors)
    with_trail, without = summary_ms(times["wall"]), summary_ms(times["bare_wall"])
    cpu, bare_cpu = summary_ms(times["cpu"]), summary_ms(times["bare_cpu"])
    print(
        table(
            ["what", "n", "p50 ms", "p95 ms", "max ms"],
            [
                ["login (sign_in)", login["n"], login["p50"], login["p95"], login["max"]],
                ["argon2 verify alone", floor["n"], floor["p50"], floor["p95"], floor["max"]],
                [
                    "reception with audit trail",
                    with_trail["n"],
                    with_trail["p50"],
                    with_trail["p95"],
                    with_trail["max"],
                ],
                [
                    "reception, trail not written",
                    without["n"],
                    without["p50"],
                    without["p95"],
                    without["max"],
                ],
                ["  CPU, with audit trail", cpu["n"], cpu["p50"], cpu["p95"], cpu["max"]],
                [
                    "  CPU, trail not written",
                    bare_cpu["n"],
                    bare_cpu["p50"],
                    bare_cpu["p95"],
                    bare_cpu["max"],
                ],
            ],
        )
    )
    overhead = with_trail["p50"] / without["p50"] - 1
    cpu_overhead = cpu["p50"] / bare_cpu["p50"] - 1
    print(
        f"login p50 {login['p50'] / floor['p50']:.2f}× the bare verify; the audit trail "
        f"adds {overhead * 100:+.1f} % to a reception's median wall time, "
        f"{cpu_overhead * 100:+.1f} % to its CPU time"
    )
    print(
        verdict_table(
            [
                verdict("login p95", login["p95"], 500, below=False, n=login["n"]),
                verdict(
                    "audit trail, added to a reception's p50 (wall)",
                    overhead * 100,
                    10,
                    "%",
                    below=False,
                    n=with_trail["n"],
                ),
                verdict(
                    "audit trail, added to a reception's p50 (CPU)",
                    cpu_overhead * 100,
                    10,
                    "%",
                    below=False,
                    n=cpu["n"],
                ),
            ]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
