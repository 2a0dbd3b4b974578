"""Is the office server back? A TCP connection to its port, opened and closed at once.

While a desk is offline it asks this every second rather than attempting a sync: a probe
costs the server no login, no query and no log line (PostgreSQL says nothing of a
connection that sends no data), and costs the desk at most PROBE_TIMEOUT_S of a worker
thread. When a probe that failed succeeds again, the desk syncs at once: a server back
after an outage is noticed within a probe's period, whatever the sync's backing off.
"""

from __future__ import annotations

import socket
from urllib.parse import parse_qs, urlsplit

PROBE_TIMEOUT_S = 1.0


def endpoints(url: str) -> list[tuple[str, int]]:
    """The (host, port) pairs of a postgresql:// URL (a cluster's URL names several);
    empty when it names none that TCP reaches (a Unix socket)."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.rpartition("@")[2]
    query = parse_qs(parts.query)
    hosts = netloc.split(",") if netloc else query.get("host", [""])[0].split(",")
    default_port = int((query.get("port") or ["5432"])[0].split(",")[0] or 5432)
    found = []
    for host in hosts:
        if host.startswith("["):  # [::1]:5432
            name, _, rest = host[1:].partition("]")
            port = rest.removeprefix(":")
        else:
            name, _, port = host.partition(":")
        if name and not name.startswith("/"):
            found.append((name, int(port) if port.isdigit() else default_port))
    return found


def reachable(url: str, timeout: float = PROBE_TIMEOUT_S) -> bool | None:
    """True when one of the server's ports accepts a connection, False when none does,
    None when the URL names no TCP endpoint (nothing to probe: sync as planned)."""
    targets = endpoints(url)
    if not targets:
        return None
    for host, port in targets:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return True
        except OSError:
            continue
    return False
