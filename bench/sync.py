"""Several desks, one office server: the sync figures of issue 11 on a real PostgreSQL that
this script starts itself (tests/pg.py: initdb as a non-root user, a free localhost port,
durable unless --no-fsync, pg_stat_statements when present; removed at the end).

    python bench/sync.py [--quick] [--only 1 3 …] [sizes…]

1. visible: desk 1 receives a citizen (its number leased online) every 0.3–1.7 s and asks
   for a sync at once, as the desk window does; both desks run the GUI's own SyncRunner
   (off screen, every 2 s after the last sync ended);
   the latency runs from the reception's commit to the end of the desk-2 sync that brought
   it. Target p95 < 3 s. With --documents MB, desk 1 has that much of documents' files
   to send (digitised beforehand) and its SyncRunner sends them meanwhile.
2. push: 50 desks (roles of their own, in 5 agencies) push their backlog at once, in the
   engine's batches of 500 (hello, then push after push), from connections opened
   beforehand; the batches are shaped as outbox.batch shapes them, copied from what a real
   desk recorded through the services (new identities, codes leased from the server).
   Baseline: the same event rows by a plain INSERT from as many connections. Target
   ≥ 2,000 events/s.
3. week: desk 1 recorded 5,000 events through the services without syncing while desk 2
   recorded and synced 5,000; desk 1's one sync (push all, pull all) is timed. Target
   < 10 s.
4. idle: syncs with nothing to do by that desk (its agency holds the week's work): the
   server's time per sync (pg_stat_statements, and the server processes' CPU), on a kept
   connection as the GUI's SyncRunner keeps one, and on a new connection per sync.
   Baselines: SELECT 1 and connect + SELECT 1 by the same role. Target < 2 ms.
5. province: 100 simulated desks in 10 agencies, each syncing as the GUI does (hello,
   push of 3 new events, pull of the agency's new rows, then 2 s until the next), the
   receptions' numbers leased one by one; throughput, round latency, server CPU. Verdict:
   p95 round < 1 s (what keeps figure 1 within its 3 s).

Figures 2 and 5 run one thread per desk in this process; the client side's CPU is
printed beside the server's: both share the machine's cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from typing import Any

from _common import environment, spread_ms, summary_ms, table, verdict, verdict_table
from _sync_desks import catch_up, idle, scratch, visibility
from _sync_load import province_run, push_capacity
from _sync_office import BenchServer

QUICK = {
    "receptions": 12,
    "push_desks": 10,
    "push_events": 200,
    "push_agencies": 2,
    "own": 200,
    "others": 200,
    "idle": 30,
    "province_agencies": 4,
    "province_desks": 5,
    "province_seconds": 8.0,
}


def show_visible(r: dict[str, Any], rows: list[list[object]]) -> None:
    s = summary_ms(r["latencies"])
    print(
        table(
            ["figure", "n", "p50 ms", "p95 ms", "max ms", "unseen", "syncs (desk 1, 2)"],
            [
                [
                    "reception → visible at desk 2",
                    s["n"],
                    s["p50"],
                    s["p95"],
                    s["max"],
                    r["unseen"],
                    f"{r['syncs'][0]}, {r['syncs'][1]}",
                ]
            ],
            f"1. visible (SyncRunner every {r['interval_ms']} ms after the last sync; "
            f"failures: {len(r['failures'])})",
        ),
        flush=True,
    )
    if r["documents"]["loaded"]:
        d = r["documents"]
        print(
            f"   meanwhile desk 1 sent {d['sent'] / 2**20:.0f} of {d['loaded'] / 2**20:.0f} MiB "
            "of documents' files (a slice a round, sync/documents.py)",
            flush=True,
        )
    ok = r["unseen"] == 0 and not r["failures"]
    rows.append(
        verdict("1. reception visible at another desk, p95", s["p95"] / 1000, 3, "s", n=s["n"])
        if ok
        else ["1. reception visible", s["n"], f"{r['unseen']} never seen", "< 3 s", "MISSED"]
    )


def show_push(r: dict[str, Any], rows: list[list[object]]) -> None:
    rate, floor = r["events"] / r["push_s"], r["floor_rows"] / r["floor_s"]
    cores = os.cpu_count() or 1
    print(
        table(
            [
                "path",
                "events",
                "s",
                "events/s",
                "batch p50 ms",
                "p95 ms",
                "max ms",
                "server CPU s",
                "client CPU s",
            ],
            [
                [
                    "counter.push, " + f"{r['desks']} desks at once",
                    r["events"],
                    r["push_s"],
                    rate,
                    *spread_ms(r["latencies"]),
                    r["push_cpu"],
                    r["push_client"],
                ],
                [
                    "baseline: plain INSERT of the rows",
                    r["floor_rows"],
                    r["floor_s"],
                    floor,
                    "",
                    "",
                    "",
                    r["floor_cpu"],
                    r["floor_client"],
                ],
            ],
            f"2. push ({r['batches']} batches; applied on the server {r['applied']:,}, "
            f"refused {r['rejected']}; {cores} cores shared by server and client)",
        ),
        flush=True,
    )
    print(
        f"   push / plain INSERT: {floor / rate:.1f}× the time; server CPU per event "
        f"{r['push_cpu'] / r['events'] * 1000:.2f} ms (plain "
        f"{r['floor_cpu'] / max(r['floor_rows'], 1) * 1000:.3f} ms); the client used "
        f"{r['push_client'] / r['push_s'] / cores:.1%} of the machine",
        flush=True,
    )
    row = verdict(
        f"2. events/s pushed by {r['desks']} desks",
        rate,
        2000,
        "events/s",
        at_least=True,
        n=r["events"],
    )
    if r["applied"] != r["events"] or r["rejected"]:  # every event taken, or nothing counts
        row[-1] = f"MISSED: {r['applied']:,} of {r['events']:,} applied, {r['rejected']} refused"
    rows.append(row)


def show_week(r: dict[str, Any], rows: list[list[object]]) -> None:
    calls = r["calls"]
    parts = [[name, len(values), sum(values)] for name, values in sorted(calls.items())]
    local = r["seconds"] - sum(sum(v) for v in calls.values())
    print(
        table(
            ["part", "calls", "s"],
            [
                *parts,
                ["desk side (SQLite, batches, apply)", "", local],
                ["whole sync", 1, r["seconds"]],
            ],
            f"3. week offline: {r['own']:,} own events pushed ({r['pushed']:,}), "
            f"{r['pulled']:,} rows pulled (others' {r['others']:,} events and their "
            f"dossiers, audit, own rows back); prepared in {r['prepared']:.0f} s",
        ),
        flush=True,
    )
    ok = r["on_server"] == r["own"] and r["pending"] == 0
    rows.append(
        verdict("3. week offline caught up", r["seconds"], 10, "s", n=1, scope=r["own"])
        if ok
        else [
            "3. week offline",
            1,
            f"server has {r['on_server']} of {r['own']}",
            "< 10 s",
            "MISSED",
        ]
    )


def show_idle(r: dict[str, Any], rows: list[list[object]], statements: bool) -> None:
    lines = []
    names = {
        "kept": "idle sync, connection kept (GUI)",
        "gui": "idle sync, new connection",
        "select1": "baseline: SELECT 1",
        "connect": "baseline: connect + SELECT 1",
    }
    for key, name in names.items():
        one = r[key]
        server_ms = sum(total for _, total in one["statements"].values())
        calls = sum(c for c, _ in one["statements"].values())
        lines.append(
            [
                name,
                *spread_ms(one["wall"]),
                one["cpu"] * 1000,
                server_ms if statements else float("nan"),
                calls,
            ]
        )
    print(
        table(
            [
                "path",
                "wall p50 ms",
                "p95 ms",
                "max ms",
                "server CPU ms/sync",
                "statements ms/sync",
                "statements",
            ],
            lines,
            f"4. idle ({len(r['kept']['wall'])} syncs each; statements = "
            "pg_stat_statements' execution time)",
        ),
        flush=True,
    )
    for key in ("kept", "gui"):
        calls = ", ".join(
            f"{name} {summary_ms(v)['p50']:.2f}" for name, v in sorted(r[key]["calls"].items())
        )
        print(f"   {names[key]}: round trips p50 ms: {calls}")
    for key in ("kept", "gui"):
        each = ", ".join(
            f"{' '.join(q.split())[:40]} {t:.3f}"
            for q, (_, t) in sorted(r[key]["statements"].items(), key=lambda i: -i[1][1])
        )
        print(f"   {names[key]}: server ms per sync: {each}")
    wall = {k: summary_ms(r[k]["wall"])["p50"] for k in names}
    state = {k: sum(t for _, t in r[k]["statements"].values()) for k in names}
    print(
        f"   ratios to the baselines: wall p50 kept / SELECT 1 "
        f"{wall['kept'] / wall['select1']:.0f}×,"
        f" GUI / connect + SELECT 1 {wall['gui'] / wall['connect']:.1f}×; server time kept /"
        f" SELECT 1 {state['kept'] / (state['select1'] or float('nan')):.0f}×; server CPU GUI /"
        f" connect + SELECT 1 {r['gui']['cpu'] / (r['connect']['cpu'] or float('nan')):.1f}×",
        flush=True,
    )
    if statements:
        kept = sum(t for _, t in r["kept"]["statements"].values())
        idle = len(r["kept"]["wall"])
        rows.append(verdict("4. idle sync, server time (statements)", kept, 2, n=idle))
    rows.append(
        verdict(
            "4. idle sync, server CPU, connection kept",
            r["kept"]["cpu"] * 1000,
            2,
            n=len(r["kept"]["wall"]),
        )
    )
    print(
        f"   (a new connection for each sync, as the desk did before: "
        f"{r['gui']['cpu'] * 1000:.1f} ms of server CPU)",
        flush=True,
    )


def show_province(r: dict[str, Any], rows: list[list[object]]) -> None:
    cores = os.cpu_count() or 1
    rate = r["pushed"] / r["wall"]
    per_desk = len(r["rounds"]) / r["desks"] / r["wall"] * 60
    print(
        table(
            ["figure", "value"],
            [
                ["desks (agencies)", f"{r['desks']} ({r['agencies']})"],
                [
                    "rounds (per desk per minute)",
                    f"{len(r['rounds']):,} ({per_desk:.1f}; {60 / r['interval']:.0f} at most)",
                ],
                ["events pushed, per s", f"{r['pushed']:,}, {rate:,.0f}"],
                ["rows pulled", r["pulled"]],
                [
                    "sync round ms p50 / p95 / max",
                    " / ".join(f"{v:.0f}" for v in spread_ms(r["rounds"])),
                ],
                [
                    "lease at reception ms p50 / p95",
                    " / ".join(f"{v:.1f}" for v in spread_ms(r["leases"])[:2]),
                ],
                ["server CPU (of the machine)", f"{r['server_cpu'] / r['wall'] / cores:.1%}"],
                ["client CPU (of the machine)", f"{r['client_cpu'] / r['wall'] / cores:.1%}"],
                [
                    "server CPU per event pushed",
                    f"{r['server_cpu'] / max(r['pushed'], 1) * 1000:.2f} ms",
                ],
            ],
            f"5. province ({r['events']} events a desk a round, {r['interval']:g} s between "
            f"rounds, {r['wall']:.0f} s)",
        ),
        flush=True,
    )
    print(
        f"   a province of ~550,000 dossiers a year is ~0.4 events/s on average: this load "
        f"is {rate / 0.4:,.0f}× that",
        flush=True,
    )
    rows.append(
        verdict(
            f"5. province of {r['desks']} desks, sync round p95",
            summary_ms(r["rounds"])["p95"],
            1000,
            n=len(r["rounds"]),
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    add = parser.add_argument
    add("--quick", action="store_true", help="small sizes (a check that it runs)")
    add("--only", nargs="+", type=int, choices=range(1, 6), help="figures to run")
    add("--receptions", type=int, default=100, help="figure 1: receptions seen")
    add(
        "--documents",
        type=int,
        default=0,
        metavar="MB",
        help="figure 1 while desk 1 sends MB of documents' files (digitised beforehand)",
    )
    add("--push-desks", type=int, default=50, help="figure 2: desks pushing at once")
    add("--push-events", type=int, default=1000, help="figure 2: events per desk")
    add("--push-agencies", type=int, default=5, help="figure 2: agencies of those desks")
    add("--own", type=int, default=5000, help="figure 3: the desk's events while away")
    add("--others", type=int, default=5000, help="figure 3: the other desk's meanwhile")
    add("--idle", type=int, default=300, help="figure 4: idle syncs of each kind")
    add("--province-agencies", type=int, default=10, help="figure 5: agencies")
    add("--province-desks", type=int, default=10, help="figure 5: desks per agency")
    add("--province-events", type=int, default=3, help="figure 5: events a desk a round")
    add("--province-seconds", type=float, default=60.0, help="figure 5: duration")
    add("--no-fsync", action="store_true", help="the server without fsync (not a real one)")
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            if parser.get_default(name) == getattr(args, name):
                setattr(args, name, value)
    only = set(args.only or range(1, 6))
    if 4 in only:
        only.add(3)  # the idle desk is the one back from its week
    desks = args.province_agencies * args.province_desks
    pg = BenchServer(
        durable=not args.no_fsync, connections=max(100, desks + 40, args.push_desks * 2 + 40)
    )
    pg.start()
    print(
        f"{environment()}\nPostgreSQL {pg.bindir}, port {pg.port}, fsync "
        f"{'off' if args.no_fsync else 'on'}, pg_stat_statements "
        f"{'yes' if pg.statements else 'no'}",
        flush=True,
    )
    rows: list[list[object]] = []
    started = time.perf_counter()
    folder = scratch()
    try:
        if 1 in only:
            show_visible(visibility(pg, args.receptions, folder, args.documents), rows)
        if 2 in only:
            show_push(
                push_capacity(pg, args.push_desks, args.push_events, args.push_agencies, folder),
                rows,
            )
        if 3 in only:
            week, office, away = catch_up(pg, args.own, args.others, folder)
            show_week(week, rows)
            if 4 in only:
                show_idle(idle(pg, office, away, args.idle), rows, pg.statements)
            away.dispose()
        if 5 in only:
            show_province(
                province_run(
                    pg,
                    args.province_agencies,
                    args.province_desks,
                    args.province_events,
                    args.province_seconds,
                    2.0,
                    folder,
                ),
                rows,
            )
    finally:
        pg.destroy()
        shutil.rmtree(folder, ignore_errors=True)
    print(verdict_table(rows))
    print(f"({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
