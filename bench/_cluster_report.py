"""The tables and verdicts of bench/cluster_cost.py: each round, then each mode over its
kept rounds, the ratios synchronous / asynchronous, and sentences computed from them."""

from __future__ import annotations

import argparse
import os
from typing import Any

from _common import spread_ms, summary_ms, table, verdict, verdict_table

TARGET = 2000  # events/s: bench/sync.py's own target for figure 2 (50 desks at once)
MODES = {True: "synchronous", False: "asynchronous"}


def _rate(r: dict[str, Any]) -> float:
    return float(r["events"] / r["push_s"])


def _checked(r: dict[str, Any]) -> str:
    standbys = r["before"]["standbys"]
    named = r["before"]["names"] or "''"
    states = ", ".join(f"{s['name']} {s['sync']}" for s in standbys)
    return f"{named}: {states}{'' if r['held'] else '; CHANGED'}"


def round_table(rounds: list[dict[str, Any]]) -> str:
    rows = []
    for r in rounds:
        behind = max((s["behind"] for s in r["after"]["standbys"]), default=0)
        rows.append(
            [
                r["tag"] + (" warm" if r["warm"] else ""),
                "sync" if r["synchronous"] else "async",
                r["events"],
                r["push_s"],
                _rate(r),
                len(r["latencies"]),
                *spread_ms(r["latencies"]),
                *spread_ms(r["small"])[:2],
                r["push_cpu"],
                r["standby_cpu"],
                behind / 1024,
                r["switched"] or "",
                f"{r['load'][0]:.2f}–{r['load'][1]:.2f}",
                _checked(r),
            ]
        )
    return table(
        [
            "round",
            "mode",
            "events",
            "s",
            "events/s",
            "pushes",
            "push p50 ms",
            "p95 ms",
            "max ms",
            "alone p50 ms",
            "p95 ms",
            "leader CPU s",
            "standbys CPU s",
            "WAL behind KiB",
            "switch s",
            "load",
            "checked on the leader: synchronous_standby_names: sync_state",
        ],
        rows,
        "each round (alone: one desk's small pushes one after the other, after the others; "
        "WAL behind: not yet flushed on the standby furthest behind when the last push of "
        "the 50 returned; switch: from Patroni's PATCH to the mode checked on the leader)",
    )


def mode_figures(kept: list[dict[str, Any]]) -> dict[str, Any]:
    events = sum(r["events"] for r in kept)
    seconds = sum(r["push_s"] for r in kept)
    latencies = [t for r in kept for t in r["latencies"]]
    return {
        "rounds": len(kept),
        "events": events,
        "rate": events / seconds if seconds else float("nan"),
        "rates": [_rate(r) for r in kept],
        "latencies": latencies,
        "summary": summary_ms(latencies),
        "leader_ms": sum(r["push_cpu"] for r in kept) / max(events, 1) * 1e6,
        "standby_ms": sum(r["standby_cpu"] for r in kept) / max(events, 1) * 1e6,
        "small": summary_ms([t for r in kept for t in r["small"]]),
        "small_events": sum(r["small_events"] for r in kept),
        "applied": sum(r["applied"] for r in kept),
        "rejected": sum(r["rejected"] + r["small_rejected"] for r in kept),
    }


def compare(name: str, sync: list[float], asyn: list[float], digits: int = 0) -> str:
    """Whether every round of one mode lies above or below every round of the other, or
    the two overlap (the difference is then within the spread between rounds)."""
    if not sync or not asyn or any(v != v for v in sync + asyn):
        return f"{name}: no comparison (a mode without a figure)"
    f = f",.{digits}f"
    span = f"sync {min(sync):{f}}–{max(sync):{f}}, async {min(asyn):{f}}–{max(asyn):{f}}"
    if max(sync) < min(asyn):
        return f"{name}: every synchronous round below every asynchronous one ({span})"
    if min(sync) > max(asyn):
        return f"{name}: every synchronous round above every asynchronous one ({span})"
    return f"{name}: the rounds of the two modes overlap ({span}): within the spread of rounds"


def show(rounds: list[dict[str, Any]], args: argparse.Namespace) -> None:
    print(round_table(rounds), flush=True)
    measured = [r for r in rounds if not r["warm"]]
    held = [r for r in measured if r["held"]]
    figures = {mode: mode_figures([r for r in held if r["synchronous"] is mode]) for mode in MODES}
    rows = []
    for mode, f in figures.items():
        s = f["summary"]
        rows.append(
            [
                MODES[mode],
                f["rounds"],
                f["events"],
                f["rate"],
                " / ".join(f"{v:,.0f}" for v in f["rates"]),
                s["n"],
                s["p50"],
                s["p95"],
                s["max"],
                f["leader_ms"] / 1000,
                f["standby_ms"] / 1000,
                f"{f['small']['p50']:.1f} / {f['small']['p95']:.1f} / {f['small']['max']:.1f}"
                f" (n {f['small']['n']})",
            ]
        )
    cores = os.cpu_count() or 1
    print(
        table(
            [
                "mode",
                "rounds",
                "events",
                "events/s",
                "each round in order",
                "pushes n",
                "push p50 ms",
                "p95 ms",
                "max ms",
                "leader CPU ms / event",
                "standbys CPU ms / event",
                "alone: push p50 / p95 / max ms",
            ],
            rows,
            f"each mode over its kept rounds ({args.desks} desks in {args.agencies} agencies, "
            f"{args.events} events each a round; events/s = events / push seconds; {cores} "
            "cores shared by the nodes, etcd and the desks' threads)",
        ),
        flush=True,
    )
    sync, asyn = figures[True], figures[False]
    ratio = sync["rate"] / asyn["rate"] if asyn["rate"] else float("nan")
    p50 = sync["summary"]["p50"] / asyn["summary"]["p50"]
    p95 = sync["summary"]["p95"] / asyn["summary"]["p95"]
    cost = (1 - ratio) * 100
    print(
        f"synchronous / asynchronous: events/s {ratio:.3f}×, push p50 {p50:.2f}×, push p95 "
        f"{p95:.2f}×",
        flush=True,
    )
    if ratio == ratio:
        print(
            f"synchronous replication {'costs' if cost > 0 else 'gains'} {abs(cost):.1f} % of "
            f"the throughput ({sync['rate']:,.0f} against {asyn['rate']:,.0f} events/s); a "
            f"push's p95 {sync['summary']['p95']:.0f} against {asyn['summary']['p95']:.0f} ms "
            f"({(p95 - 1) * 100:+.1f} %)",
            flush=True,
        )
    small50 = sync["small"]["p50"] / asyn["small"]["p50"]
    print(
        f"one desk alone, a push of {args.small_events} events: p50 "
        f"{sync['small']['p50']:.1f} against {asyn['small']['p50']:.1f} ms ({small50:.2f}×, "
        f"{sync['small']['p50'] - asyn['small']['p50']:+.1f} ms), p95 "
        f"{sync['small']['p95']:.1f} against {asyn['small']['p95']:.1f} ms",
        flush=True,
    )
    print("  " + compare("events/s", sync["rates"], asyn["rates"]), flush=True)
    per_round_p95 = {
        mode: [summary_ms(r["latencies"])["p95"] for r in held if r["synchronous"] is mode]
        for mode in MODES
    }
    print(
        "  " + compare("push p95 ms", per_round_p95[True], per_round_p95[False]),
        flush=True,
    )
    per_round_small = {
        mode: [summary_ms(r["small"])["p50"] for r in held if r["synchronous"] is mode]
        for mode in MODES
    }
    print(
        "  " + compare("alone, push p50 ms", per_round_small[True], per_round_small[False], 1),
        flush=True,
    )
    verdicts = [
        verdict(
            f"synchronous: events/s pushed by {args.desks} desks (bench/sync.py's target)",
            sync["rate"],
            TARGET,
            "events/s",
            at_least=True,
            n=sync["events"],
        )
    ]
    total = sum(f["events"] + f["small_events"] for f in figures.values())
    applied = sum(f["applied"] for f in figures.values())
    refused = sum(f["rejected"] for f in figures.values())
    verdicts.append(
        [
            "every event applied once, none refused",
            total,
            f"{applied:,} applied, {refused} refused",
            f"{total:,}",
            "met" if applied == total and not refused and total else "MISSED",
        ]
    )
    verdicts.append(
        [
            "rounds whose mode held (checked before and after)",
            len(measured),
            len(held),
            f"{len(measured)}",
            "met" if len(held) == len(measured) and held else "MISSED",
        ]
    )
    print(verdict_table(verdicts), flush=True)
