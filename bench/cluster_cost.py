"""What synchronous replication costs the desks' pushes, against asynchronous, in one run on
the province's cluster (docs/province-cluster.md): etcd and PostgreSQL nodes under Patroni
(tests/cluster.py; 3 nodes by default: the leader, its synchronous standby and a further
standby), durable as a real server (fsync on, synchronous_commit on).

    python bench/cluster_cost.py [--quick] [--desks 50] [--events 1000] [--rounds 3]

The office schema is installed through the leader (`server.install`, `publish_catalog`).
Then rounds, synchronous and asynchronous in turn, the order rotated each pair (S A, A S,
S A…), after one warm round that is not kept: in each, `--desks` desks (in `--agencies`
agencies) push their backlog at once, as figure 2 of bench/sync.py does (its
`push_together`: hello, then the engine's batches of 500, from connections opened
beforehand). Each round has desks and agencies of its own, so nothing is pushed twice and
no agency runs out of its day's numbers. Before a round the mode is set with Patroni's REST
API (`PATCH /config` `synchronous_mode`) and checked on the leader: synchronous, a standby
named in `synchronous_standby_names` and in `sync` state in `pg_stat_replication`;
asynchronous, none named and every standby `async`; every standby streaming. The same check
runs after the round; a round that fails it is not counted. After the desks' burst, one more
desk alone pushes `--small-events` events `--small` times one after the other: the everyday
push, where a commit's wait for the standby is not hidden in the queue of 50.

Figures: events/s (wall clock, events of the round / time until the last desk finished),
p50/p95/max of one push call, with n; the lone desk's p50/p95; the ratios synchronous /
asynchronous; the leader's and the standbys' CPU; the WAL not yet flushed on a standby when
the last push returned; whether the rounds of the two modes overlap.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from typing import Any

from _cluster_modes import LeaderServer
from _cluster_report import show
from _common import environment, percentile
from _sync_desks import scratch
from _sync_load import push_together
from _sync_office import Office, agency_codes
from _sync_sim import SimDesk, template

from counter_app.sync.engine import PAGE
from tests.cluster import ClusterUnavailable, PatroniCluster

QUICK = {"desks": 10, "events": 200, "agencies": 2, "rounds": 3, "small": 20}
MAX_AGENCIES = 80  # agency_codes: 000.00.20.H26 … 000.00.99.H26


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def desks_of(
    office: Office, shapes: dict[str, Any], codes: list[str], per_agency: int, tag: str
) -> list[SimDesk]:
    return [
        SimDesk(office.add_desk(f"{tag} {code[7:9]}-{i + 1:02d}", code), shapes[code], False)
        for code in codes
        for i in range(per_agency)
    ]


def one_round(
    leader: LeaderServer,
    office: Office,
    shapes: dict[str, Any],
    codes: list[str],
    args: argparse.Namespace,
    tag: str,
    synchronous: bool,
) -> dict[str, Any]:
    """Fresh desks of fresh agencies make their backlog (codes leased from the server, not
    timed), the mode is set and checked, then they push it all at once."""
    sims = desks_of(office, shapes, codes, args.desks // args.agencies, tag)
    pages = [
        [sim.batch(min(PAGE, args.events - done)) for done in range(0, args.events, PAGE)]
        for sim in sims
    ]
    total = sum(len(p["events"]) for each in pages for p in each)
    texts = [[json.dumps(p) for p in each] for each in pages]
    urls = [sim.url for sim in sims]
    alone = desks_of(office, shapes, codes[:1], 1, f"{tag} small")[0]
    small = [json.dumps(alone.batch(args.small_events)) for _ in range(args.small)]
    for sim in [*sims, alone]:  # the desks' lease connections: room for the pushes' own
        sim.close()
    switched = 0.0
    before = leader.in_mode(synchronous)
    if before is None:
        before = leader.switch(synchronous)
        switched = before["seconds"]
    standby_cpu, load_before = leader.standby_cpu_s(), os.getloadavg()[0]
    pushed = push_together(leader, urls, texts)
    standby_cpu = leader.standby_cpu_s() - standby_cpu
    after = leader.replication()
    each = push_together(leader, [alone.url], [small])  # one desk alone, push after push
    held = leader.still_leader() and leader.in_mode(synchronous) is not None
    applied = office.count(
        "SELECT count(*) FROM counter.events e JOIN counter.desks d ON d.id = e.desk_id "
        f"WHERE d.name LIKE '{tag} %' AND e.status = 'applied'"
    )
    return {
        **pushed,
        "tag": tag,
        "synchronous": synchronous,
        "desks": len(sims),
        "events": total,
        "applied": applied,
        "small": each["latencies"],
        "small_events": args.small * args.small_events,
        "small_rejected": each["rejected"],
        "standby_cpu": standby_cpu,
        "switched": switched,
        "before": before,
        "after": after,
        "held": held,
        "load": (load_before, os.getloadavg()[0]),
    }


def order(rounds: int) -> list[bool]:
    """True (synchronous) and False in pairs, the order rotated each pair."""
    return [mode for pair in range(rounds) for mode in ((True, False), (False, True))[pair % 2]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    add = parser.add_argument
    add("--quick", action="store_true", help="small sizes (a check that it runs)")
    add("--desks", type=int, default=50, help="desks pushing at once in a round")
    add("--events", type=int, default=1000, help="events per desk per round")
    add("--agencies", type=int, default=5, help="agencies of a round's desks")
    add("--rounds", type=int, default=3, help="rounds of each mode (kept)")
    add("--small", type=int, default=100, help="small pushes of one desk alone a round")
    add("--small-events", type=int, default=3, help="events of a small push")
    add("--nodes", type=int, default=3, choices=(2, 3), help="PostgreSQL nodes")
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            if parser.get_default(name) == getattr(args, name):
                setattr(args, name, value)
    modes = [True, *order(args.rounds)]  # the first one warms up, not kept
    if args.agencies * len(modes) > MAX_AGENCIES or args.desks % args.agencies:
        parser.error(f"--desks a multiple of --agencies; --agencies × rounds ≤ {MAX_AGENCIES}")
    started = time.perf_counter()
    cluster = PatroniCluster(nodes=args.nodes)
    folder = scratch()
    try:
        cluster.start()
        leader = LeaderServer(cluster)
        setting = leader.settings()
        print(
            f"{environment()}\nload average {load()} (1, 5, 15 min)\nPostgreSQL "
            f"{setting['server_version']} under Patroni, {args.nodes} nodes and 1 etcd on this "
            f"machine (up in {time.perf_counter() - started:.0f} s); leader {leader.node.name}; "
            f"fsync {setting['fsync']}, synchronous_commit {setting['synchronous_commit']}, "
            f"full_page_writes {setting['full_page_writes']}",
            flush=True,
        )
        codes = agency_codes(args.agencies * len(modes))
        office = Office(leader, "motcua", codes)
        shapes = {code: template(office, code, folder) for code in codes}
        print(
            f"measured: {len(modes)} rounds (1 warm-up), each {args.desks} desks in "
            f"{args.agencies} agencies of its own pushing {args.events} events each at once "
            f"(set up in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        rounds = []
        for i, synchronous in enumerate(modes):
            block = codes[i * args.agencies : (i + 1) * args.agencies]
            tag = f"R{i:02d}"
            done = one_round(leader, office, shapes, block, args, tag, synchronous)
            done["warm"] = i == 0
            rounds.append(done)
            print(
                f"  {tag} {'sync ' if synchronous else 'async'}{' (warm-up)' if i == 0 else ''}"
                f": {done['events'] / done['push_s']:,.0f} events/s, push p95 "
                f"{percentile(sorted(done['latencies']), 95) * 1000:.0f}"
                f" ms; alone, a push of {args.small_events} p50 "
                f"{percentile(sorted(done['small']), 50) * 1000:.1f} ms; "
                f"load {done['load'][1]:.2f}",
                flush=True,
            )
        print(f"load average {load()} (1, 5, 15 min) at the end", flush=True)
        show(rounds, args)
    except ClusterUnavailable as error:
        print(f"{error}\n{cluster.logs()}", file=sys.stderr)
        return 1
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
