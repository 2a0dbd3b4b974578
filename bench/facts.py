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

Pages alternate between the two. Targets: a page of recent dossiers' facts under 100 ms at
p95 (the sync applies a page in a few hundred ms), and under a tenth of the full recount.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from _common import environment, require_db, spread_ms, sqlite_url, table, verdict, verdict_table
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
    recent = ids[-max(len(ids) // 20, args.page):]
    times: dict[str, list[float]] = {}
    for pool_name, pool in (("recent", recent), ("whole history", ids)):
        for i in range(args.n * 2):
            kind = f"{pool_name}, {'now' if i % 2 == 0 else 'baseline (full recount)'}"
            page = rng.sample(pool, args.page)
            with engine.connect() as connection:
                transaction = connection.begin()
                started = time.perf_counter()
                rebuild.rebuild(connection, page)
                if "baseline" in kind:
                    rebuild.rebuild_counts(connection)
                times.setdefault(kind, []).append(time.perf_counter() - started)
                transaction.rollback()
    print(environment())
    rows = [[name, len(values), *spread_ms(values)] for name, values in times.items()]
    print(table(["path", "pages", "p50 ms", "p95 ms", "max ms"], rows,
                f"facts of a pulled page of {args.page} dossiers, desk of {dossiers:,} "
                "dossiers"))  # fmt: skip
    now, base = spread_ms(times["recent, now"]), spread_ms(times["recent, baseline (full recount)"])
    print(f"   recent pages, now / baseline at p50: {now[0] / base[0]:.3f}×")
    print(verdict_table([verdict("a page of recent dossiers' facts, p95", now[1], 100),
                         verdict("recent pages, now / full recount, p50", now[0] / base[0],
                                 0.1, "×")]))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
