"""The citizens' queue on the office server (issue 22): 20 desks pressing F12 at once.

    python bench/queue_calls.py [--quick] [--desks 20] [--calls 10000] [--kiosks 4] [--no-fsync]

A throwaway PostgreSQL (tests/pg.py, fsync on unless --no-fsync) with the office's schema
(`server install`), the sample catalog, one login role per desk and per kiosk (`server
add-desk`), and three services: A called by every counter, B by the first half, C by the
second half. One thread per desk and kiosk in this process, each with its own connection
kept open (as the desk window keeps one): the client side shares the machine's two cores
with the server.

1. the morning: the kiosks issue `--calls` tickets at once (one in ten a priority ticket,
   each with its retry token), through `ServerQueue.issue`;
2. the rush: every desk calls in a loop through `ServerQueue.call_next`, all at once,
   until the line is empty: the most desks can press F12 on one line, every call taking
   a ticket from its head.
3. for scale, one desk alone: `--alone` more tickets issued, then called by one desk, one
   after the other (the same server, nothing else running).

Figures: each issue's and each call's time as the kiosk or desk sees it (p50/p95/max
with n), the server's CPU per call; then, counted from the server's tables, tickets called
twice and tickets issued but never called. Verdicts: call p95 ≤ 100 ms, 0 double calls,
0 lost. (tests/integration/test_queue_server.py calls while tickets are being issued.)
"""

from __future__ import annotations

import argparse
import sys
import threading
import time

from _common import (
    AGENCY_CODE,
    environment,
    scope,
    spread_ms,
    summary_ms,
    table,
    verdict,
    verdict_table,
)
from _sync_office import BenchServer, Office

from counter_app.queue.server import ServerQueue

QUICK = {"calls": 1000, "alone": 50}


class Hall:
    """What the kiosks and desks share: the samples each side took, and what went wrong."""

    def __init__(self) -> None:
        self.call_s: list[float] = []
        self.empty_s: list[float] = []
        self.issue_s: list[float] = []
        self.failures: list[str] = []


def kiosk(url: str, hall: Hall, start: threading.Barrier, kiosk_no: int, count: int) -> None:
    try:
        with ServerQueue(url) as q:
            start.wait()
            for i in range(count):
                started = time.perf_counter()
                q.issue("ABC"[i % 3], priority=i % 10 == 0, token=f"kiosk{kiosk_no}:{i}")
                hall.issue_s.append(time.perf_counter() - started)
    except Exception as error:  # told after the run
        hall.failures.append(f"kiosk {kiosk_no}: {type(error).__name__}: {error}")


def desk(url: str, counter: int, hall: Hall, start: threading.Barrier) -> None:
    """F12 again and again until the line has nothing for this counter (a call that finds
    nobody: the rest is being called by the others, SKIP LOCKED)."""
    try:
        with ServerQueue(url) as q:
            start.wait()
            while True:
                started = time.perf_counter()
                called = q.call_next(counter, f"canbo{counter}")
                took = time.perf_counter() - started
                if called is None:
                    hall.empty_s.append(took)
                    return
                hall.call_s.append(took)
    except Exception as error:  # told after the run
        hall.failures.append(f"desk {counter}: {type(error).__name__}: {error}")


def together(threads: list[threading.Thread]) -> float:
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def race(office: Office, desks: int, kiosks: int, calls: int) -> tuple[Hall, float, float]:
    urls = [office.add_desk(f"Ban {n}") for n in range(1, desks + 1)]
    kiosk_urls = [office.add_desk(f"Kiosk {n}") for n in range(1, kiosks + 1)]
    half = max(1, desks // 2)
    with ServerQueue(urls[0], office.url, AGENCY_CODE) as admin:
        admin.add_service("A", "Hộ tịch")
        admin.add_service("B", "Đất đai", tuple(range(1, half + 1)))
        admin.add_service("C", "Chứng thực", tuple(range(half + 1, desks + 1)) or (1,))
    hall = Hall()
    start = threading.Barrier(kiosks)
    shares = [calls // kiosks + (n < calls % kiosks) for n in range(kiosks)]
    issuing = together(
        [
            threading.Thread(target=kiosk, args=(u, hall, start, n, shares[n]))
            for n, u in enumerate(kiosk_urls)
        ]
    )
    start = threading.Barrier(desks)
    calling = together(
        [threading.Thread(target=desk, args=(u, n, hall, start)) for n, u in enumerate(urls, 1)]
    )
    return hall, issuing, calling


def alone(office: Office, count: int) -> list[float]:
    """One desk calling `count` tickets one after the other, nobody else on the server."""
    url = office.add_desk("Ban alone")
    samples = []
    with ServerQueue(url) as q:
        for i in range(count):
            q.issue("ABC"[i % 3])
        for _ in range(count):
            started = time.perf_counter()
            q.call_next(1, "canbo1")
            samples.append(time.perf_counter() - started)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    add = parser.add_argument
    add("--quick", action="store_true", help="1,000 calls (a check that it runs)")
    add("--desks", type=int, default=20, help="desks calling at once (default 20)")
    add("--calls", type=int, default=10_000, help="tickets called in all (default 10,000)")
    add("--kiosks", type=int, default=4, help="kiosks issuing the tickets (default 4)")
    add("--alone", type=int, default=200, help="calls of one desk alone, for scale")
    add("--no-fsync", action="store_true", help="the server without fsync (not a real one)")
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            if parser.get_default(name) == getattr(args, name):
                setattr(args, name, value)
    pg = BenchServer(durable=not args.no_fsync, connections=args.desks + args.kiosks + 20)
    pg.start()
    print(
        f"{environment()}\nPostgreSQL {pg.bindir}, port {pg.port}, fsync "
        f"{'off' if args.no_fsync else 'on'}",
        flush=True,
    )
    started = time.perf_counter()
    try:
        office = Office(pg, "queue_bench", [AGENCY_CODE])
        cpu = pg.cpu_s()
        hall, issuing, wall = race(office, args.desks, args.kiosks, args.calls)
        cpu = pg.cpu_s() - cpu
        issued = office.count("SELECT count(*) FROM counter.queue_tickets")
        calls = office.count("SELECT count(*) FROM counter.queue_calls")
        twice = office.count(
            "SELECT count(*) FROM (SELECT ticket_id FROM counter.queue_calls "
            "GROUP BY ticket_id HAVING count(*) > 1) t"
        )
        lost = office.count(
            "SELECT count(*) FROM counter.queue_tickets WHERE state <> 'called' "
            "OR id NOT IN (SELECT ticket_id FROM counter.queue_calls)"
        )
        single = alone(office, args.alone)  # after the counts: its own tickets and calls
    finally:
        pg.destroy()
    for failure in hall.failures:
        print(f"FAILED: {failure}", flush=True)
    scope(
        f"{args.kiosks} kiosks issued {issued:,} tickets in {issuing:.1f} s; {args.desks} desks "
        f"called them in {wall:.1f} s ({calls:,} calls in the server's table)"
    )
    print(
        table(
            ["what", "n", "p50 ms", "p95 ms", "max ms"],
            [
                ["a call (F12) that took a ticket", len(hall.call_s), *spread_ms(hall.call_s)],
                ["a ticket issued (kiosks at once)", len(hall.issue_s), *spread_ms(hall.issue_s)],
                ["the last call, line empty", len(hall.empty_s), *spread_ms(hall.empty_s)],
                ["for scale: a call of one desk alone", len(single), *spread_ms(single)],
            ],
            f"the queue, {args.desks} desks at once",
        ),
        flush=True,
    )
    requests = len(hall.call_s) + len(hall.empty_s) + len(hall.issue_s)
    print(
        f"   {len(hall.call_s) / wall:,.0f} calls/s, {len(hall.issue_s) / issuing:,.0f} "
        f"issues/s; server CPU {cpu * 1000 / max(1, requests):.2f} ms per request "
        f"({cpu:.1f} s over {issuing + wall:.1f} s)",
        flush=True,
    )
    p95 = summary_ms(hall.call_s)["p95"]
    rows = [
        verdict(f"call p95, {args.desks} desks at once", p95, 100, below=False, n=len(hall.call_s)),
        verdict("tickets called twice (server's table)", twice, 0, "", below=False, n=calls),
        verdict("tickets issued, never called", lost, 0, "", below=False, n=issued),
        verdict("calls made (all issued called)", calls, issued, "", at_least=True, n=calls),
    ]
    print(verdict_table(rows))
    print(f"({time.perf_counter() - started:.0f} s in all)")
    return 1 if hall.failures else 0


if __name__ == "__main__":
    sys.exit(main())
