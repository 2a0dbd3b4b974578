"""Simulated desks for the load figures: each one is a desk role of its own on the server
(`add_desk`) calling the very functions a desk calls (hello, lease, push, pull), with
batches shaped exactly as `outbox.batch` shapes them. The dossiers' lives are those a real
desk recorded through the services (a template per agency), copied with new identities,
codes leased from the server, and the desk's own gapless sequences. What is not simulated
is the desk's SQLite side: the client here costs a fraction of a real desk, so the server
is what is measured.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _sync_office import LIFE, Office, RealDesk, agency_codes

from counter_app.models.event import EVENT_SCHEMA_VERSION
from counter_app.sync import server
from counter_app.sync.engine import PULL_PAGE
from counter_app.sync.feed import STREAMS
from counter_app.sync.link import Link

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Life:
    """One dossier's events and audit entries as a desk pushes them, as JSON text, with
    the identities that are its own (to be renewed in a copy) and its code."""

    text: str
    own_ids: tuple[str, ...]
    code: str
    events: int
    audit: int


@dataclass(frozen=True)
class Template:
    lives: list[Life]
    versions: list[dict[str, Any]]


def template(office: Office, agency: str, folder: Path, dossiers: int = 8) -> Template:
    """A real desk of `agency` records `dossiers` lives through the services; its outbox
    is the template (never pushed itself)."""
    real = RealDesk(folder, f"Mau {agency}", office, agency)
    with real.link() as link:
        real.work(dossiers * LIFE, link)
    batch = real.unsent()
    real.dispose()
    lives = []
    for dossier in dict.fromkeys(e["dossier_id"] for e in batch["events"]):
        events = [e for e in batch["events"] if e["dossier_id"] == dossier]
        code = events[0]["data"]["dossier"]["code"]
        audit = [a for a in batch["audit"] if a["code"] == code]
        own = [
            dossier,
            *(e["id"] for e in events),
            *(a["id"] for a in audit),
            *(d["id"] for e in events for d in e["data"].get("documents", [])),
        ]
        lives.append(
            Life(
                json.dumps({"events": events, "audit": audit}),
                tuple(own),
                code,
                len(events),
                len(audit),
            )
        )
    return Template(lives, batch["versions"])


class SimDesk:
    """A desk's calls, without its database: events made on demand from the template."""

    def __init__(self, url: str, shape: Template, lease_each: bool = True) -> None:
        self.url = url
        self.link = Link(url)
        self.shape, self.lease_each = shape, lease_each
        self.events_seq = self.audit_seq = 0
        self._last_hash = ""
        self.cursors: dict[str, Any] = {}
        self._numbers: list[str] = []
        self._queue: list[tuple[str, dict[str, Any]]] = []
        self._lives: Iterator[Life] = self._cycle()

    def _cycle(self) -> Iterator[Life]:
        while True:
            yield from self.shape.lives

    def _code(self, like: str) -> str:
        if not self._numbers:
            lease = self.link.lease(None, 1 if self.lease_each else 50)
            day = str(lease["day"]).replace("-", "")[2:]
            head = like.rsplit("-", 2)[0]
            self._numbers = [
                f"{head}-{day}-{n:04d}" for n in range(int(lease["first"]), int(lease["last"]) + 1)
            ]
        return self._numbers.pop(0)

    def _copy(self) -> None:
        """One more dossier's life: new identities, a code leased now (as at a reception)."""
        life = next(self._lives)
        text = life.text.replace(life.code, self._code(life.code))
        fresh = {old: str(uuid.uuid4()) for old in life.own_ids}
        text = _UUID.sub(lambda m: fresh.get(m.group(0), m.group(0)), text)
        copy = json.loads(text)
        self._queue += [("events", e) for e in copy["events"]]
        self._queue += [("audit", a) for a in copy["audit"]]

    def batch(self, events: int) -> dict[str, Any]:
        """The next `events` events of this desk (and the audit entries that came with
        them), numbered on from the last, as `outbox.batch` would send them."""
        out: dict[str, Any] = {
            "schema": EVENT_SCHEMA_VERSION,
            "events": [],
            "audit": [],
            "officers": [],
            "voids": [],
            "versions": [],
        }
        while len(out["events"]) < events:
            if not self._queue:
                self._copy()
            kind, row = self._queue.pop(0)
            if kind == "events":
                self.events_seq += 1
                row["desk_seq"] = self.events_seq
                if row["kind"] == "received":
                    out["versions"] = self.shape.versions
            else:  # chained on from this desk's last entry, as the server checks (SQL 0014)
                self.audit_seq += 1
                row["desk_seq"] = self.audit_seq
                row["prev_hash"] = self._last_hash
                row["hash"] = hashlib.sha256(f"{self._last_hash}{row['id']}".encode()).hexdigest()
                self._last_hash = row["hash"]
            out[kind].append(row)
        return out

    def pull(self) -> int:
        """Everything new for this desk, page after page, cursors kept as a desk keeps
        them (the rows are not applied anywhere)."""
        rows = 0
        while True:
            got = self.link.pull(self.cursors, PULL_PAGE)
            full = False
            for stream in STREAMS:
                found = got.get(stream) or []
                if found:
                    self.cursors[stream] = {
                        "tx": str(found[-1]["tx"]),
                        "gpos": int(found[-1]["gpos"]),
                    }
                rows += len(found)
                full = full or len(found) >= PULL_PAGE
            self.cursors["catalog_rev"] = got.get("catalog_rev")
            if not full:
                return rows

    def close(self) -> None:
        self.link.close()


def province(
    office: Office,
    agencies: int,
    per_agency: int,
    lease_each: bool,
    folder: Path,
    prefix: str = "Ban",
) -> list[SimDesk]:
    """`agencies` × `per_agency` simulated desks, with a template per agency."""
    desks = []
    for code in agency_codes(agencies):
        shape = template(office, code, folder)
        for i in range(per_agency):
            url = office.add_desk(f"{prefix} {code[7:9]}-{i + 1:02d}", code)
            desks.append(SimDesk(url, shape, lease_each))
    return desks


FLOOR_TABLE = """
CREATE SCHEMA IF NOT EXISTS floor;
DROP TABLE IF EXISTS floor.events;
CREATE TABLE floor.events (LIKE counter.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS
                           INCLUDING INDEXES);
"""
FLOOR_INSERT = """
INSERT INTO floor.events (id, dossier_id, agency_id, desk_id, desk_seq, kind, at, officer_id,
    from_unit_id, to_unit_id, note, data, schema_version, status)
SELECT (x->>'id')::uuid, (x->>'dossier_id')::uuid,
       %(agency)s, %(desk)s, (x->>'desk_seq')::int, x->>'kind',
       (x->>'at')::timestamptz, (x->>'officer_id')::uuid, (x->>'from_unit_id')::uuid,
       (x->>'to_unit_id')::uuid, x->>'note', coalesce(x->'data', '{}'),
       (x->>'schema_version')::int, 'applied'
FROM jsonb_array_elements(%(batch)s::jsonb->'events') x
"""


def floor_connection(office: Office) -> Any:
    """The administrator's connection for the baseline: a plain INSERT of the same event
    rows (same columns, defaults and indexes as counter.events; no function, no state
    machine, no dossier, no row security)."""
    return server.connect(office.url, autocommit=True)
