"""The smallest honest Patroni cluster for a test: one etcd member and two PostgreSQL nodes,
each under its own Patroni, all under one temporary directory, on free ports of 127.0.0.1,
stopped and removed at the end. The drill (bench/cluster_drill.py) asks for the documented
shape instead: three etcd members, three nodes (tests/cluster_faults.py adds its faults).

It runs as tests/pg.py does: as root, every process belongs to the system user
`counterapp-pg` (started with that user's ids, so that the PID we keep is the process's
own); otherwise as the current user. PostgreSQL's binaries are the ones tests/pg.py finds.
Patroni and etcd are Debian's packages `patroni` and `etcd-server` (scripts/setup.sh --test
installs them); without them the test fails and says so.

`synchronous_mode: true` as docs/province-cluster.md recommends: a commit returns once the
standby has it, and Patroni promotes only a standby that has every acknowledged commit.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.patroni_node import node_config
from tests.pg import PG_USER, SUPERUSER, _ensure_system_user, find_bindir, free_port

READY_TIMEOUT_S = 180  # a slow CI machine: bootstrap, base backup, streaming
SETUP_HINT = "chạy `bash scripts/setup.sh --test` bằng quyền root (cài gói patroni, etcd-server)"


class ClusterUnavailable(RuntimeError):
    """Patroni or etcd missing, or the cluster did not come up: the message says why."""


def _tool(name: str) -> str:
    found = (  # COUNTER_APP_PATRONI=/path/to/patroni: another Patroni than Debian's
        os.environ.get(f"COUNTER_APP_{name.upper()}")
        or shutil.which(name)
        or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    )
    if not found:
        raise ClusterUnavailable(f"Không tìm thấy '{name}' để dựng cụm Patroni: {SETUP_HINT}.")
    return found


def _etcd_client_of(patroni: str) -> None:
    """Patroni's etcd support needs python3-etcd in the Python Patroni runs with (Debian
    lets `patroni` be installed with another store's client instead)."""
    python = Path(patroni).read_text(errors="replace").split("\n", 1)[0].removeprefix("#!")
    python = python.strip().split()[0] if python.strip() else "/usr/bin/python3"
    done = subprocess.run([python, "-c", "import etcd"], capture_output=True, check=False)
    if done.returncode != 0:
        raise ClusterUnavailable(f"Patroni thiếu thư viện etcd (gói python3-etcd): {SETUP_HINT}.")


def wait_for(what: str, check: Callable[[], Any], timeout: float = READY_TIMEOUT_S) -> Any:
    """Poll `check` until it returns something true; fail after `timeout` with `what`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = check()
        except Exception:  # not up yet: a refused connection, a 503, a missing file
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise ClusterUnavailable(f"Hết {timeout:.0f} s chờ: {what}")
        time.sleep(0.2)


class Node:
    def __init__(self, cluster: PatroniCluster, name: str, tags: dict[str, bool]) -> None:
        self.name = name
        self.tags = tags  # Patroni's tags: {"nofailover": True, "nosync": True} for reports
        self.dir = cluster.root / name
        self.data = self.dir / "data"
        self.port = free_port()
        self.api = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.killed = False

    def status(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.api}/patroni", timeout=2) as r:
            return dict(json.load(r))

    def role(self) -> str | None:
        try:
            status = self.status()
        except Exception:  # its Patroni is down or not up yet
            return None
        if status.get("state") != "running":
            return None
        return "leader" if status.get("role") in ("master", "primary") else status.get("role")

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None


class PatroniCluster:
    """`start()`, `admin_url()`, `leader()`, `members()`, `kill_leader()`, `stop()`."""

    def __init__(self, nodes: int = 2, etcd_members: int = 1) -> None:
        self.bindir = find_bindir()
        self.patroni, self.etcd = _tool("patroni"), _tool("etcd")
        _etcd_client_of(self.patroni)
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="counterapp-cluster-"))
        self.scope = f"counterapp-{secrets.token_hex(4)}"
        self.password = secrets.token_hex(16)
        self.replication_password = secrets.token_hex(16)
        self.etcd_ports = [(free_port(), free_port()) for _ in range(etcd_members)]  # client, peer
        self.nodes = [Node(self, f"n{i + 1}", {}) for i in range(nodes)]
        self._etcd: list[subprocess.Popen[bytes]] = []
        if self.as_root:
            _ensure_system_user()

    # -- processes, as the cluster's user, each PID its own -----------------------------
    def _spawn(self, command: list[str], log: Path) -> subprocess.Popen[bytes]:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.root), "LANG": "C.UTF-8"}
        ids: dict[str, Any] = {}
        if self.as_root:
            user = pwd.getpwnam(PG_USER)
            ids = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        with log.open("ab") as out:
            return subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.root,
                env=env,
                start_new_session=True,
                **ids,
            )

    def _own(self, path: Path) -> None:
        if self.as_root:
            shutil.chown(path, user=PG_USER, group=pwd.getpwnam(PG_USER).pw_gid)

    def start(self) -> None:
        self._own(self.root)
        self.root.chmod(0o700)
        members = ",".join(
            f"e{i + 1}=http://127.0.0.1:{p}" for i, (_, p) in enumerate(self.etcd_ports)
        )
        for i, (client_port, peer_port) in enumerate(self.etcd_ports):
            peer, client = f"http://127.0.0.1:{peer_port}", f"http://127.0.0.1:{client_port}"
            command = [
                self.etcd,
                f"--name=e{i + 1}",
                f"--data-dir={self.root / f'etcd{i + 1}'}",
                f"--listen-client-urls={client}",
                f"--advertise-client-urls={client}",
                f"--listen-peer-urls={peer}",
                f"--initial-advertise-peer-urls={peer}",
                f"--initial-cluster={members}",
                "--initial-cluster-state=new",
            ]
            self._etcd.append(self._spawn(command, self.root / f"etcd{i + 1}.log"))
        for client_port, _ in self.etcd_ports:  # healthy once a quorum has formed
            health = f"http://127.0.0.1:{client_port}/health"
            wait_for("etcd trả lời", lambda h=health: _get(h).get("health") == "true", 60)  # type: ignore[misc]
        for node in self.nodes:  # the first bootstraps, the next ones clone it
            node.dir.mkdir()
            self._own(node.dir)
            node.dir.chmod(0o700)
            config = node.dir / "node.yml"
            config.write_text(json.dumps(node_config(self, node), indent=1))  # YAML reads JSON
            self._own(config)
            node.process = self._spawn([self.patroni, str(config)], node.dir / "patroni.log")
            if node is self.nodes[0]:
                wait_for("nút đầu tiên thành nút chính", lambda: self.nodes[0].role() == "leader")
        wait_for("bản sao đồng bộ đang nhận WAL", self.synchronous_standby)
        wait_for("mọi bản sao đang nhận WAL", lambda: len(self.streaming()) == len(self.nodes) - 1)

    # -- what the cluster is now ----------------------------------------------------------
    def members(self) -> dict[str, str | None]:
        """Each node's role as its Patroni says it: 'leader', 'replica', or None (down)."""
        return {node.name: None if node.killed else node.role() for node in self.nodes}

    def leader(self) -> Node | None:
        found = [n for n in self.nodes if not n.killed and n.role() == "leader"]
        return found[0] if len(found) == 1 else None

    def synchronous_standby(self) -> str | None:
        """The name of a replica streaming to the leader as its synchronous standby."""
        leader = self.leader()
        if leader is None:
            return None
        import psycopg

        with psycopg.connect(self.url(leader, "postgres"), connect_timeout=3) as db:
            row = db.execute(
                "SELECT application_name FROM pg_stat_replication "
                "WHERE state = 'streaming' AND sync_state = 'sync'"
            ).fetchone()
        return str(row[0]) if row else None

    def streaming(self) -> dict[str, str]:
        """The leader's replicas that stream from it now: name -> sync_state."""
        leader = self.leader()
        if leader is None:
            return {}
        import psycopg

        with psycopg.connect(self.url(leader, "postgres"), connect_timeout=3) as db:
            rows = db.execute(
                "SELECT application_name, sync_state FROM pg_stat_replication "
                "WHERE state = 'streaming'"
            ).fetchall()
        return {str(name): str(state) for name, state in rows}

    def url(self, node: Node, database: str) -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{node.port}/{database}"

    def hosts(self) -> str:
        return ",".join(f"127.0.0.1:{n.port}" for n in self.nodes)

    def admin_url(self, database: str) -> str:
        """Every node, libpq keeping the one that takes writes (as the desks connect)."""
        return (
            f"postgresql://{SUPERUSER}:{self.password}@{self.hosts()}/{database}"
            "?target_session_attrs=read-write"
        )

    # -- faults ---------------------------------------------------------------------------
    def kill_leader(self) -> Node:
        """SIGKILL the leader's Patroni, its postmaster and the postmaster's children, as
        when the machine dies; only PIDs this cluster started or read from postmaster.pid."""
        leader = self.leader()
        if leader is None or leader.process is None:
            raise ClusterUnavailable(f"Không có nút chính để tắt: {self.members()}")
        postmaster = leader.postmaster_pid()
        children = _children(postmaster) if postmaster else []
        leader.killed = True
        _kill(leader.process.pid)
        leader.process.wait(timeout=30)
        for pid in [postmaster, *children]:
            if pid:
                _kill(pid)
        return leader

    def stop(self) -> None:
        """Stop everything and remove the directory (safe to call twice)."""
        for node in self.nodes:
            if node.process is not None and node.process.poll() is None:
                node.process.terminate()  # Patroni stops its PostgreSQL
        for node in self.nodes:
            _reap(node.process)
            postmaster = node.postmaster_pid()  # a PostgreSQL whose Patroni did not stop it
            if postmaster and _alive(postmaster):
                for pid in [postmaster, *_children(postmaster)]:
                    _kill(pid)
        for etcd in self._etcd:
            if etcd.poll() is None:
                etcd.terminate()
        for etcd in self._etcd:
            _reap(etcd)
        shutil.rmtree(self.root, ignore_errors=True)

    def logs(self) -> str:
        parts = []  # each log's last lines that say something ("no action." says nothing)
        for path in sorted(self.root.glob("**/*.log")):
            lines = [
                x for x in path.read_text(errors="replace").split("\n") if "no action." not in x
            ]
            parts.append(f"== {path.name} ({path.parent.name})\n" + "\n".join(lines[-25:]))
        return "\n".join(parts)[-9000:]


def _get(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=2) as r:
        return dict(json.load(r))


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # gone already
        os.kill(pid, signal.SIGKILL)


def _reap(process: subprocess.Popen[bytes] | None) -> None:
    if process is None:
        return
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)
