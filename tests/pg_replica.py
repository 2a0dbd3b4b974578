"""A streaming replica of a tests/pg.py cluster: `pg_basebackup -R` from the running
primary into a temporary directory (the same non-root user), started on a free port of
127.0.0.1 as a hot standby; `destroy()` stops and removes it. `wait_replayed()` waits
until the replica has replayed everything the primary had written when it was called."""

from __future__ import annotations

import time

from tests.pg import SUPERUSER, PgServer, PostgresUnavailable

REPLAY_TIMEOUT_S = 120  # a bound for a stuck replica, not a speed measured


class PgReplica(PgServer):
    def __init__(self, primary: PgServer) -> None:
        self.primary = primary
        super().__init__(durable=primary.durable)
        self.password = primary.password  # the same cluster, the same superuser

    def _initdb(self) -> None:  # the primary's copy, not a new cluster
        p = self.primary
        done = self._run(
            str(self.bindir / "pg_basebackup"),
            "-d",
            f"host=127.0.0.1 port={p.port} user={SUPERUSER} password={p.password}",
            "-D",
            str(self.data),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        if done.returncode != 0:
            raise PostgresUnavailable(f"pg_basebackup failed: {done.stderr.strip()[-2000:]}")

    def wait_replayed(self) -> None:
        import psycopg

        with psycopg.connect(self.primary.url().replace("+psycopg", ""), autocommit=True) as db:
            # the insert position: with synchronous_commit off (durable=False) a commit may
            # not be written out yet, and the write position would be before it
            target = db.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]  # type: ignore[index]
        deadline = time.monotonic() + REPLAY_TIMEOUT_S
        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as db:
            while True:
                row = db.execute(
                    "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s::pg_lsn) >= 0",
                    (target,),
                ).fetchone()
                if row and row[0]:
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError("the replica did not replay the primary's WAL")
                time.sleep(0.05)
