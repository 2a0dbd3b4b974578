"""The report facts a sync keeps after each pulled page, on a desk with a long history.

    python bench/facts.py --db /tmp/bench/200k.db [--page 100] [--n 30]

After a pulled page, the desk folds again the dossiers the page touched
(`facts.rebuild.rebuild(connection, ids)`) in the page's transaction. Measured here on
pages of `--page` dossiers of the seeded database, each in a transaction rolled back: pages
of recent dossiers (the newest 5 %, where an office's work is), and pages drawn from the
whole history (the worst case: every dossier's rows on pages of their own);

* now: the dossiers folded again, their share taken off the daily sums and added back;
* baseline (what the sync did before, in the same run): the same fold, then the daily sums
  counted anew from every report row of the desk (`rebuild_counts`).

The two are interleaved (`_common.interleave`: each round draws a new page and times both
on it, the order rotated each round), `--n` rounds for each pool; p95 from 20 rounds.
Targets: a page of recent dossiers' facts under 100 ms at p95 (the sync applies a page in
a few hundred ms), and under a tenth of the full recount.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from _common import (
    environment,
    interleave,
    require_db,
    scope,
    spread_ms,
    sqlite_url,
    table,
    verdict,
    verdict_table,
)
from sqlalchemy import func, select

from counter_app.db import make_engine, migrate
from counter_app.facts import rebuild
from counter_app.models import Dossier


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--page", type=int, default=100, help="dossiers a pulled page touches")
    parser.add_argument("--n", type=int, default=30, help="pages of each kind")
    args = parser.parse_args(argv)
    engine = make_engine(sqlite_url(require_db(args.db)))
    migrate(engine)  # as the desk does at start (a seeded database may predate an index)
    with engine.connect() as connection:
        dossiers = connection.execute(select(func.count()).select_from(Dossier)).scalar_one()
        ids = list(connection.execute(select(Dossier.id)).scalars())
    rng = random.Random(6)
    ids.sort()  # UUIDv7: in the order they were made
    recent = ids[-max(len(ids) // 20, args.page) :]
    times: dict[str, list[float]] = {}
    for pool_name, pool in (("recent", recent), ("whole history", ids)):
        pages: dict[int, list] = {}  # type: ignore[type-arg]

        def fold(i: int, full: bool, pool: list = pool, pages: dict = pages) -> float:  # type: ignore[type-arg]
            page = pages.setdefault(i, rng.sample(pool, args.page))  # the round's page
            with engine.connect() as connection:
                transaction = connection.begin()
                started = time.perf_counter()
                rebuild.rebuild(connection, page)
                if full:
                    rebuild.rebuild_counts(connection)
                took = time.perf_counter() - started
                transaction.rollback()
            return took

        found = interleave(
            {"now": lambda i: fold(i, False), "baseline (full recount)": lambda i: fold(i, True)},
            args.n,
        )
        for kind, values in found.items():
            times[f"{pool_name}, {kind}"] = values
    print(environment())
    scope(
        f"pages of {args.page} dossiers drawn from {len(recent):,} recent and {len(ids):,} "
        f"dossiers in all; {args.n} interleaved rounds per pool"
    )
    rows = [[name, len(values), *spread_ms(values)] for name, values in times.items()]
    print(
        table(
            ["path", "pages", "p50 ms", "p95 ms", "max ms"],
            rows,
            f"facts of a pulled page of {args.page} dossiers, desk of {dossiers:,} dossiers",
        )
    )
    now, base = spread_ms(times["recent, now"]), spread_ms(times["recent, baseline (full recount)"])
    print(f"   recent pages, now / baseline at p50: {now[0] / base[0]:.3f}×")
    print(
        verdict_table(
            [
                verdict(
                    "a page of recent dossiers' facts, p95", now[1], 100, n=args.n, scope=dossiers
                ),
                verdict(
                    "recent pages, now / full recount, p50",
                    now[0] / base[0],
                    0.1,
                    "×",
                    n=args.n,
                    scope=dossiers,
                ),
            ]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
