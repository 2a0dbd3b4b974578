"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary directory, a free
port on 127.0.0.1 only, a generated superuser password, stopped and removed at the end.

PostgreSQL refuses to run as root: as root the cluster belongs to a system user
(`counterapp-pg`, created with useradd when missing) and every server command runs through
`runuser -u`; otherwise it runs as the current user. The server binaries (version 15 or
later) are looked up in COUNTER_APP_PG_BINDIR, on PATH, then in /usr/lib/postgresql/*/bin
(Debian's place); scripts/setup.sh --test installs Debian's `postgresql` when missing.

Durable by default (fsync on): the office sync's crash tests need what a real server
does. `durable=False` turns off fsync and synchronous_commit for speed where a test does
not care.
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

PG_USER = "counterapp-pg"
SUPERUSER = "postgres"
MIN_VERSION = 15
START_TIMEOUT_S = 60


class PostgresUnavailable(RuntimeError):
    """No usable PostgreSQL server: the message says what is missing and how to get it."""


def find_bindir() -> Path:
    """The directory holding initdb, pg_ctl and postgres, version 15 or later."""
    candidates = []
    if os.environ.get("COUNTER_APP_PG_BINDIR"):
        candidates.append(Path(os.environ["COUNTER_APP_PG_BINDIR"]))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(re.sub(r"\D", "", Path(p).parent.name) or 0),
        reverse=True,
    )
    candidates += [Path(p) for p in debian]
    for bindir in candidates:
        if all((bindir / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            version = _version(bindir)
            if version >= MIN_VERSION:
                return bindir
    raise PostgresUnavailable(
        f"PostgreSQL {MIN_VERSION}+ server binaries (initdb, pg_ctl) not found "
        f"(looked in COUNTER_APP_PG_BINDIR, PATH, /usr/lib/postgresql/*/bin). Install "
        "Debian's 'postgresql' package (scripts/setup.sh --test does it as root) or set "
        "COUNTER_APP_PG_BINDIR."
    )


def _version(bindir: Path) -> int:
    out = subprocess.run(
        [str(bindir / "initdb"), "--version"], capture_output=True, text=True, check=False
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ensure_system_user() -> None:
    if subprocess.run(["id", "-u", PG_USER], capture_output=True, check=False).returncode == 0:
        return
    done = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 and "already exists" not in done.stderr:
        raise PostgresUnavailable(f"cannot create the system user {PG_USER}: {done.stderr}")


class PgServer:
    """One cluster. `start()`, `stop(mode)`, `url(db)`, `create_database()`."""

    def __init__(self, durable: bool = True) -> None:
        self.bindir = find_bindir()
        self.durable = durable
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="counterapp-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.password = secrets.token_hex(16)
        self.port = 0
        if self.as_root:
            _ensure_system_user()
            shutil.chown(self.root, user=PG_USER)
        self._initdb()

    def _run(self, *command: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", PG_USER, "--"] if self.as_root else []
        return subprocess.run(
            [*prefix, *command],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=self.root,
        )

    def _initdb(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self.as_root:
            shutil.chown(pwfile, user=PG_USER)
        done = self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            f"--pwfile={pwfile}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        pwfile.unlink()
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb failed: {done.stderr.strip()[-2000:]}")

    def _options(self) -> str:
        options = [
            f"-p {self.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.root}",
            "-c max_connections=100",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        return " ".join(options)

    def start(self) -> None:
        """Start (again) on the same port once chosen; a first start picks a free port."""
        tries = 1 if self.port else 3
        for _ in range(tries):
            self.port = self.port or free_port()
            done = self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-t",
                str(START_TIMEOUT_S),
                "-o",
                self._options(),
                "start",
                timeout=START_TIMEOUT_S + 30,
            )
            if done.returncode == 0:
                return
            if tries > 1:
                self.port = 0  # taken meanwhile by someone else: another port
        raise PostgresUnavailable(
            f"PostgreSQL did not start: {done.stderr.strip()}\n{self.server_log()[-2000:]}"
        )

    def stop(self, mode: str = "fast") -> None:
        """`mode="immediate"` kills the server as a crash would (no checkpoint)."""
        done = self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"
        )
        if done.returncode != 0 and "not running" not in done.stderr + done.stdout:
            raise PostgresUnavailable(f"pg_ctl stop failed: {done.stderr.strip()}")

    def restart(self) -> None:
        self.stop("fast")
        self.start()

    def running(self) -> bool:
        done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "status")
        return done.returncode == 0

    def destroy(self) -> None:
        """Stop the server and remove its directory (safe to call twice)."""
        try:
            if self.data.exists():
                self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def server_log(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def url(
        self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None
    ) -> str:
        secret = self.password if password is None else password
        return f"postgresql+psycopg://{user}:{secret}@127.0.0.1:{self.port}/{database}"

    def execute(self, *statements: str, database: str = "postgres") -> None:
        """Run statements outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            password=self.password,
            dbname=database,
            autocommit=True,
        ) as connection:
            for statement in statements:
                connection.execute(statement)  # type: ignore[arg-type]

    def create_database(self, name: str | None = None) -> str:
        """A fresh empty database (from template0); returns its SQLAlchemy URL."""
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"database name {name!r}: lower-case letters, digits, _")
        self.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return self.url(name)
