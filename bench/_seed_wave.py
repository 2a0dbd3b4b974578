"""The rows a dossier's life writes beside its dossier, documents and events (bench/seed.py;
`--without-wave` leaves them out, to give the figures of before):

* the national portal's outbox (facts/portal_outbox.py): two messages for every event the
  portal shows (every seeded kind), their bodies built by the program's own functions
  from the dossier as it stood after the event, `sent` (the last minute's still
  `pending`); those written more than KEEP_DAYS ago with their bodies given back, as the
  desk's daily compaction leaves them (portal/compaction.py; `--bodies-kept`: all whole);
* the audit trail (audit/trail.py): one chained entry per event (`_audited` detail), and
  one `view` per dossier opened: before each return and each supplement taken in (the
  officer opens the dossier with the citizen at the desk), and `EXTRA_VIEWS` more
  (a citizen asking) within ten days of the reception;
* the hand-over list printed (ui/handover/batch_window.py: a `printed` event per dossier
  of the batch, `HANDOVER_PRINTED` of the hand-overs), with its audit entry;
* fees (fees/payments.py): `FEE_SHARE` of all dossiers pay, drawn among the versions that
  owe a fee (as bench/fees_report.py: 90 % in full 5-15 minutes after the reception, 10 %
  in two parts, the rest 3-10 days later): a `paid` event, its audit entry, its
  fee_payments row and its ereceipt_outbox row, receipts numbered per yearly series;
* the digitisation facts (facts/digitised.py), folded at the end by the program's own
  `refresh` from the dossiers and events (one row a dossier; no paper is digitised).
Not seeded: digitised papers (dossier_files), queue tickets, logins, lists shown, cash
shifts (one a shift, not a dossier). Its own random generator: the dossiers and their
events are the same with or without it.
"""

from __future__ import annotations

import json
import random
import uuid
from collections import defaultdict
from datetime import datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from counter_app.audit import trail
from counter_app.facts import digitised
from counter_app.facts import portal_messages as bodies
from counter_app.facts.portal_outbox import KINDS, _procedure, message_id
from counter_app.models import AuditEntry, Desk, Officer, ProcedureVersion, SyncState, Unit
from counter_app.models.fees import EReceiptMessage, FeePayment, ReceiptCounter
from counter_app.models.portal import DOSSIER, PROGRESS, PortalMessage, sent_stub
from counter_app.portal.compaction import KEEP_DAYS, MARK
from counter_app.services.catalog.fee_schedule import schedule_of
from counter_app.services.dossiers.events import _audited

FEE_SHARE = 0.30  # of all dossiers (bench/fees_report.py)
TWO_PARTS = 0.10
METHODS = (("cash", 0.60), ("qr", 0.85), ("transfer", 1.0))  # cumulative
TEMPLATE = "01BLP0-001"
EXTRA_VIEWS = 0.25
HANDOVER_PRINTED = 1.0
VIEWED_BEFORE = ("returned", "supplement_received")
TABLES: dict[str, Table] = {
    "portal_messages": PortalMessage.__table__,  # type: ignore[dict-item]
    "audit_entries": AuditEntry.__table__,  # type: ignore[dict-item]
    "fee_payments": FeePayment.__table__,  # type: ignore[dict-item]
    "ereceipt_outbox": EReceiptMessage.__table__,  # type: ignore[dict-item]
}


class Wave:
    """Rows of the wave, built from the planner's dossiers and numbered events."""

    def __init__(
        self, session: Any, planner: Any, usernames: list[str], seed: int, kept: bool = False
    ) -> None:
        """`kept`: every sent message keeps its body, as before the desk compacted them."""
        self.planner, self.rng = planner, random.Random(seed ^ 0x5EED)
        self.compacted_to = None if kept else planner.now - timedelta(days=KEEP_DAYS)
        self.desk_id, self.agency_id, self.now = planner.desk_id, planner.agency_id, planner.now
        desk = session.get_one(Desk, self.desk_id)
        self.audit_seq, self.prev = desk.last_audit_seq, desk.last_audit_hash
        ids = planner.officers
        self.username = dict(zip(ids, usernames, strict=True))
        names = dict(session.execute(select(Officer.id, Officer.full_name)).all())
        self.officer_name = {i: names.get(i) or u for i, u in self.username.items()}
        self.unit_name = dict(session.execute(select(Unit.id, Unit.name)).all())
        self.procedure: dict[uuid.UUID, Any] = {}
        self.fee: dict[uuid.UUID, int] = {}
        for vid, stored, fee in session.execute(
            select(ProcedureVersion.id, ProcedureVersion.fee_schedule, ProcedureVersion.fee)
        ):
            self.procedure[vid] = _procedure(session, SimpleNamespace(procedure_version_id=vid))
            self.fee[vid] = schedule_of(stored, fee).total
        self.info: dict[uuid.UUID, SimpleNamespace] = {}
        self.views: dict[Any, list[tuple[datetime, uuid.UUID, uuid.UUID]]] = defaultdict(list)
        self.numbers: dict[str, int] = {}
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self.owing_share = 0.0  # the draw among the dossiers whose version owes a fee

    def received(self, dossiers: list[dict[str, Any]]) -> None:
        """A day's new dossiers: their state for the portal's bodies, their payments and
        the views of citizens asking, put in the planner's time line."""
        if not self.owing_share:
            owing = sum(1 for d in dossiers if self.fee[d["procedure_version_id"]])
            self.owing_share = min(1.0, FEE_SHARE * len(dossiers) / max(owing, 1))
        rng, p = self.rng, self.planner
        for d in dossiers:
            did, at = d["id"], d["received_at"]
            self.info[did] = SimpleNamespace(
                code=d["code"],
                status="received",
                channel=d["channel"],
                applicant_name=d["applicant_name"],
                id_number=d["id_number"],
                phone=d["phone"],
                email=d["email"],
                received_at=at,
                due_at=d["original_due_at"],
                returned_at=None,
                resolved_at=None,
                procedure_version_id=d["procedure_version_id"],
                status_before=None,
            )
            total = self.fee[d["procedure_version_id"]]
            if total and rng.random() < self.owing_share:
                paid_at = at + timedelta(seconds=rng.randint(300, 900))
                if rng.random() < TWO_PARTS and total > 3:
                    later = paid_at + timedelta(days=rng.randint(3, 10))
                    self._pay(did, d["received_by_id"], paid_at, total // 4)
                    self._pay(did, d["received_by_id"], later, total - total // 4)
                else:
                    self._pay(did, d["received_by_id"], paid_at, total)
            if rng.random() < EXTRA_VIEWS:
                day = p.add_working_days(at.date(), rng.randint(1, 10))
                minute = p.working_minute(rng.randrange(p.working_minutes))
                when = datetime.combine(day, time(minute // 60, minute % 60, rng.randrange(60)))
                when = when.replace(tzinfo=at.tzinfo)
                if when <= self.now:
                    self.views[when.date()].append((when, did, rng.choice(p.officers)))
        if dossiers:  # the hand-over list printed: handed over the same or the next day
            ids = {d["id"] for d in dossiers}
            day = dossiers[0]["received_at"].date()
            for key in (day, p.cal.next_working_day(day)):
                for when, _, e in list(p.pending.get(key, ())):
                    if e["kind"] != "handed_over" or e["dossier_id"] not in ids:
                        continue
                    printed = when + timedelta(seconds=rng.randint(20, 120))
                    if printed <= self.now and rng.random() < HANDOVER_PRINTED:
                        data = {"form": "handover", "reprint": False}
                        ev = self._event(printed, e["dossier_id"], "printed", e["officer_id"], data)
                        p.pending[printed.date()].append((printed, next(p.tiebreak), ev))

    def _pay(self, did: uuid.UUID, officer: uuid.UUID, at: datetime, amount: int) -> None:
        if at > self.now:
            return
        x = self.rng.random()
        method = next(m for m, cum in METHODS if x < cum)
        series = f"AA-{at.year % 100:02d}E"
        number = self.numbers[series] = self.numbers.get(series, 0) + 1
        receipt = {"template": TEMPLATE, "series": series, "number": number}
        data = {"amount": amount, "method": method, "receipt": receipt}
        p = self.planner
        p.pending[at.date()].append(
            (at, next(p.tiebreak), self._event(at, did, "paid", officer, data))
        )

    def _event(self, at: datetime, did: uuid.UUID, kind: str, who: uuid.UUID, data: dict) -> dict:
        """An event of the wave, its id drawn here (the planner's draws stay as without it)."""
        return self.planner.event(at, did, kind, who, data=data) | {"id": uuid7(at, self.rng)}

    def events(self, numbered: list[dict[str, Any]]) -> None:
        """The rows that go with these events (numbered, in time order), and the views and
        prints that happened among them, chained in time order."""
        rng = self.rng
        entries: list[tuple[datetime, int, dict[str, Any] | None, uuid.UUID, uuid.UUID]] = []
        last = numbered[-1]["at"].date() if numbered else None
        for day in sorted(k for k in self.views if last is not None and k <= last):
            entries += [(w, 1, None, did, who) for w, did, who in self.views.pop(day)]
        for e in numbered:
            did, kind, when, who = e["dossier_id"], e["kind"], e["at"], e["officer_id"]
            if kind in VIEWED_BEFORE:
                seen = when - timedelta(seconds=rng.randint(30, 240))
                entries.append((seen, 0, None, did, who))
            entries.append((when, 0, e, did, who))
            if kind in KINDS:
                self._portal(e)
            elif kind == "paid":
                self._payment(e)
        entries.sort(key=lambda t: (t[0], t[1]))
        for when, _, e, did, who in entries:
            info = self.info[did]
            action = "view" if e is None else e["kind"]
            detail = {} if e is None else _audited(action, e["data"])
            self._audit(when, who, action, info.code, detail)

    def _audit(self, at: datetime, who: uuid.UUID, action: str, code: str, detail: dict) -> None:
        self.audit_seq += 1
        entry = trail.Entry(
            uuid7(at, self.rng),
            self.desk_id,
            self.audit_seq,
            at,
            who,
            trail.masked(self.username[who]),
            action,
            trail.masked(code),
            "ok",
            detail,
            self.prev,
        )
        entry.hash = self.prev = trail.chain_hash(self.prev, entry)
        self.rows["audit_entries"].append(vars(entry))

    def _portal(self, e: dict[str, Any]) -> None:
        info, kind, at = self.info[e["dossier_id"]], e["kind"], e["at"]
        follow(info, e)
        unit = self.unit_name.get(e["to_unit_id"]) if kind == "handed_over" else None
        procedure = self.procedure[info.procedure_version_id]
        body = bodies.dossier_object(info, procedure, at, [])
        step = bodies.progress_row(info, kind, at, self.officer_name[e["officer_id"]], unit)
        sent = at + timedelta(seconds=self.rng.randint(1, 60))
        done = sent <= self.now
        for offset, service, data in ((0, DOSSIER, body), (1, PROGRESS, step)):
            self.rows["portal_messages"].append(
                {
                    "id": message_id(e["id"], service),
                    "event_id": e["id"],
                    "dossier_id": e["dossier_id"],
                    "code": info.code,
                    "position": e["desk_seq"] * 2 + offset,
                    "service": service,
                    "is_update": service == DOSSIER and kind != "received",
                    "body": sent_stub(info.code) if self._compacted(done, at) else [data],
                    "state": "sent" if done else "pending",
                    "attempts": 1 if done else 0,
                    "error_code": 0 if done else None,
                    "reason": None,
                    "next_at": sent if done else at,
                    "sent_at": sent if done else None,
                    "created_at": at,
                }
            )

    def _compacted(self, done: bool, at: datetime) -> bool:
        """Given back by the desk's daily compaction (portal/compaction.py) by now."""
        return done and self.compacted_to is not None and at <= self.compacted_to

    def _payment(self, e: dict[str, Any]) -> None:
        data = e["data"]
        receipt = data["receipt"]
        self.rows["fee_payments"].append(
            {
                "event_id": e["id"],
                "dossier_id": e["dossier_id"],
                "agency_id": self.agency_id,
                "amount": data["amount"],
                "method": data["method"],
                "officer_id": e["officer_id"],
                "at": e["at"],
                "template": receipt["template"],
                "series": receipt["series"],
                "number": receipt["number"],
                "replaces": None,
                "replaced_by": None,
                "reason": None,
                "reference": None,
            }
        )
        state = {"state": "sent", "attempts": 1, "reference": None, "reason": None}
        self.rows["ereceipt_outbox"].append({"event_id": e["id"]} | state)

    def take(self) -> dict[str, list[dict[str, Any]]]:
        rows, self.rows = self.rows, {name: [] for name in TABLES}
        return rows

    def finish(self, conn: Connection) -> int:
        """The desk's audit head, the receipt counters, where its compaction stopped, and the
        digitisation facts folded by the program (returns their rows)."""
        if self.compacted_to is not None:
            compacted_up_to(conn, self.compacted_to)
        conn.execute(
            Desk.__table__.update()  # type: ignore[attr-defined]
            .where(Desk.id == self.desk_id)
            .values(last_audit_seq=self.audit_seq, last_audit_hash=self.prev)
        )
        if self.numbers:
            conn.execute(
                insert(ReceiptCounter.__table__),
                [
                    {
                        "agency_id": self.agency_id,
                        "template": TEMPLATE,
                        "series": s,
                        "last_number": n,
                    }
                    for s, n in self.numbers.items()
                ],
            )
        return digitised.refresh(conn, None)


def compacted_up_to(conn: Connection, cutoff: datetime) -> None:
    """Where the desk's daily compaction stopped (portal/compaction.py's MARK): its last
    message written up to `cutoff`. Without it the seeded desk's first start went through
    every message again (ten million at 1 M dossiers: half an hour of the background)."""
    last = conn.execute(
        select(PortalMessage.created_at, PortalMessage.id)
        .where(PortalMessage.created_at <= cutoff)
        .order_by(PortalMessage.created_at.desc(), PortalMessage.id.desc())
        .limit(1)
    ).first()
    if last is not None:
        value = json.dumps([last.created_at.isoformat(), str(last.id)], separators=(",", ":"))
        conn.execute(insert(SyncState.__table__).values(key=MARK, value=value))


def follow(info: SimpleNamespace, e: dict[str, Any]) -> None:
    """The dossier's state after the event, as far as the portal's bodies show it."""
    kind, when, data = e["kind"], e["at"], e["data"]
    if kind == "handed_over":
        info.status = "in_progress"
    elif kind == "supplement_requested":
        info.status_before, info.status = info.status, "supplement_requested"
    elif kind == "supplement_received":
        info.status = info.status_before or "in_progress"
        if data.get("due_at"):
            info.due_at = datetime.fromisoformat(data["due_at"])
    elif kind == "extended":
        info.due_at = datetime.fromisoformat(data["due_at"])
    elif kind == "result_back":
        info.status, info.resolved_at = "resolved", when
    elif kind == "returned":
        info.status, info.returned_at = "returned", when
    elif kind in ("withdrawn", "stopped", "refused"):
        info.status = kind


def uuid7(at: datetime, rng: random.Random) -> uuid.UUID:
    millis = int(at.timestamp() * 1000)
    rnd = rng.getrandbits(74)
    value = (millis << 80) | (0x7 << 76) | ((rnd >> 62) << 64) | (0b10 << 62) | (rnd & (2**62 - 1))
    return uuid.UUID(int=value)
