"""A province on an office server for bench/report_replica.py: ~100 agencies (one large
provincial centre, the sample catalog's agency, and communes), each with the catalog
published by `server publish_catalog`, desks, and their dossiers and events in
counter.dossiers / counter.events as desks' pushes leave them.

The shapes come from rows a real desk pushed: `harvest` runs a desk (tests/integration's
Desk: intake, handoff, result, return, supplement, withdrawal, then a sync) on the same
server and keeps the received event's data (the dossier and its documents) and the other
events' data as templates. `seed` then writes the province with COPY as the administrator
(bypassing the push function: the same rows, new ids, codes, times, desks and
sequences), the dossiers' non-key indexes dropped during the load and built again after.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from counter_app.config import SAMPLE_CATALOG

LARGE = "000.00.20.H26"  # the sample catalog's agency: the provincial centre here
START = datetime(2024, 6, 3, tzinfo=UTC)  # dossiers received from here…
END = datetime(2026, 11, 28, tzinfo=UTC)  # …to here
LOCAL = timedelta(hours=7)
# lifecycle shape: (weight, kinds after the reception)
SHAPES = (
    (8, ()),
    (10, ("handed_over",)),
    (62, ("handed_over", "result_back", "returned")),
    (10, ("supplement_requested", "supplement_received", "handed_over", "result_back", "returned")),
    (5, ("handed_over", "result_back")),
    (5, ("withdrawn",)),
)
STATUS = {
    "received": "received",
    "handed_over": "in_progress",
    "supplement_requested": "awaiting_supplement",
    "supplement_received": "received",
    "result_back": "resolved",
    "returned": "returned",
    "withdrawn": "withdrawn",
}


def commune_code(i: int) -> str:
    return f"000.{10 + i // 90:02d}.{10 + i % 90:02d}.H26"


def agency_catalog(code: str) -> dict[str, Any]:
    """The sample catalog; for a commune, under the commune's code and name."""
    data = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    if code != LARGE:
        data["agency"] |= {"code": code, "name": f"UBND xã Thử {code.split('.')[2]}"}
    return data


def publish(admin_url: str, communes: int, now: datetime) -> list[str]:
    """The large agency's catalog and each commune's (the sample's procedures and units
    under the commune's code and name); returns the agencies' codes, large first."""
    from counter_app.sync import server

    codes = [LARGE, *(commune_code(i) for i in range(communes))]
    for code in codes:
        server.publish_catalog(admin_url, agency_catalog(code), now)
    return codes


def harvest(admin_url: str) -> dict[str, Any]:
    """One dossier of each shape received and moved on by a real desk of the large agency,
    synced; the pushed events' data by kind (the received one's as a JSON template). The
    desk's folder is removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="bench-harvest-"))
    try:
        return _harvest(admin_url, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _harvest(admin_url: str, folder: Path) -> dict[str, Any]:
    import psycopg

    from counter_app.clock import now
    from counter_app.services.dossiers import lifecycle
    from counter_app.services.dossiers.workflow import Action
    from tests.integration.test_sync import Desk

    desk = Desk(folder, "Ban mau", admin_url)
    codes = [desk.receive(f"Người mẫu {i}") for i in range(4)]
    desk.act(lifecycle.supplement, codes[0], "Giấy", None, now())
    desk.act(lifecycle.supplied, codes[0], now())
    desk.act(lifecycle.handoff, codes[:3], "TP-HT", None, now())
    desk.act(lifecycle.result, codes[0], "approved", None, now())
    desk.act(lifecycle.return_result, codes[0], receiver="A", now=now())
    desk.act(lifecycle.close, codes[3], Action.WITHDRAW, "Lý do", now())
    desk.sync()
    desk.engine.dispose()
    with psycopg.connect(admin_url.replace("+psycopg", "")) as db:
        rows = db.execute(
            "SELECT kind, data, note FROM counter.events WHERE status = 'applied' ORDER BY gpos"
        ).fetchall()
    found: dict[str, Any] = {}
    for kind, data, note in rows:
        found.setdefault(kind, (data, note))
    return found


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128) & ~(0xF << 76) | (4 << 76)))


def _ts(at: datetime) -> str:
    return at.isoformat()


def _esc(value: str | None) -> str:
    if value is None:
        return "\\N"
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class Province:
    """Rows of one agency's dossiers and events, as COPY text lines."""

    def __init__(self, templates: dict[str, Any], seed: int = 24) -> None:
        self.templates = templates
        self.rng = random.Random(seed)
        self.days = [
            START + timedelta(days=d)
            for d in range((END - START).days)
            if (START + timedelta(days=d)).weekday() < 5
        ]
        self.weights = [w for w, _ in SHAPES]

    def agency(
        self,
        agency: tuple[str, str],
        versions: list[str],
        units: list[str],
        desks: list[str],
        count: int,
        seq: dict[str, int],
    ) -> Iterator[tuple[str, list[str]]]:
        """(dossier line, its event lines) for `count` dossiers of one agency."""
        rng = self.rng
        agency_id, code = agency
        days = sorted(rng.choice(self.days) for _ in range(count))
        numbers: dict[str, int] = {}
        received_t, received_note = self.templates["received"]
        for day in days:
            # 07:30–16:30 local (UTC+7): the working day's minutes from 00:30 UTC
            at = day + timedelta(minutes=rng.randrange(30, 570), microseconds=rng.randrange(10**6))
            local = at + LOCAL
            yymmdd = f"{local:%y%m%d}"
            numbers[yymmdd] = numbers.get(yymmdd, 0) + 1
            dossier_code = f"{code}-{yymmdd}-{numbers[yymmdd]:04d}"
            kinds = rng.choices(SHAPES, self.weights)[0][1]
            desk = rng.choice(desks)
            dossier_id, version, officer = _uuid(rng), rng.choice(versions), _uuid(rng)
            legal = (local + timedelta(days=rng.choice((1, 3, 7, 14, 21)))).replace(
                hour=17, minute=0, second=0, microsecond=0
            ) - LOCAL
            name = f"Người {rng.randrange(10**6)}"
            data = json.loads(json.dumps(received_t))
            d = data["dossier"]
            d |= {
                "code": dossier_code,
                "agency_id": agency_id,
                "procedure_version_id": version,
                "applicant_name": name,
                "name_key": name.lower().replace("ư", "u").replace("ờ", "o"),
                "received_at": _ts(local.replace(tzinfo=None)) + "+07:00",
                "original_due_at": _ts((legal + LOCAL).replace(tzinfo=None)) + "+07:00",
            }
            for doc in data["documents"]:
                doc["id"] = _uuid(rng)
            data["recorded_at"] = d["received_at"]
            data["legal_due_at"] = d["original_due_at"]
            events: list[tuple[str, datetime, str | None, str | None, str]] = [
                ("received", at, None, None, json.dumps(data, ensure_ascii=False))
            ]
            state = {"status": "received", "unit": None, "due": legal, "resolved": None}
            state |= {"outcome": None, "timeliness": None, "returned": None}
            when = at
            for kind in kinds:
                when = self._next(kind, when, state)
                if when > END:
                    break
                events.append(self._event(kind, when, state, units))
            lines = []
            for kind, when, from_unit, to_unit, payload in events:
                seq[desk] += 1
                note = received_note if kind != "withdrawn" else "Lý do"
                lines.append(
                    "\t".join(
                        (
                            _uuid(rng),
                            dossier_id,
                            agency_id,
                            desk,
                            str(seq[desk]),
                            kind,
                            _ts(when),
                            officer,
                            from_unit or "\\N",
                            to_unit or "\\N",
                            _esc(note if kind == "withdrawn" else None),
                            _esc(payload),
                            "1",
                            "applied",
                            _ts(when + timedelta(seconds=rng.randrange(5, 600))),
                        )
                    )
                )
            yield (
                self._dossier(
                    dossier_id,
                    dossier_code,
                    agency_id,
                    version,
                    name,
                    at,
                    legal,
                    state,
                    officer,
                    len(events),
                ),
                lines,
            )

    def _next(self, kind: str, when: datetime, state: dict[str, Any]) -> datetime:
        rng = self.rng
        if kind == "handed_over":
            return when + timedelta(minutes=rng.randrange(10, 240))
        if kind in ("supplement_requested", "withdrawn"):
            return when + timedelta(hours=rng.randrange(2, 48))
        if kind == "supplement_received":
            return when + timedelta(days=rng.randrange(1, 6))
        if kind == "result_back":  # mostly before the appointment, some late
            span = (state["due"] - when).total_seconds()
            late = rng.random() < 0.12
            return when + timedelta(
                seconds=span * (1 + rng.random()) if late else span * rng.random()
            )
        return when + timedelta(hours=rng.randrange(1, 96))  # returned

    def _event(
        self, kind: str, when: datetime, state: dict[str, Any], units: list[str]
    ) -> tuple[str, datetime, str | None, str | None, str]:
        template, _ = self.templates[kind]
        data = dict(template)
        from_unit = to_unit = None
        state["status"] = STATUS[kind]
        if kind == "handed_over":
            to_unit = state["unit"] = self.rng.choice(units)
            data["batch"] = _uuid(self.rng)
        elif kind == "supplement_requested":
            state["paused"] = when
        elif kind == "supplement_received":
            before = state["due"]
            state["due"] = before + (when - state.pop("paused"))
            due = _ts((state["due"] + LOCAL).replace(tzinfo=None)) + "+07:00"
            data |= {
                "due_at": due,
                "legal_due_at": due,
                "previous_due_at": _ts((before + LOCAL).replace(tzinfo=None)) + "+07:00",
            }
        elif kind == "result_back":
            from_unit, state["unit"] = state["unit"], None
            timely = "late" if when > state["due"] else "on_time"
            state |= {"resolved": when, "outcome": "approved", "timeliness": timely}
            data |= {"timeliness": timely, "timeliness_original": timely}
        elif kind == "returned":
            state["returned"] = when
        return kind, when, from_unit, to_unit, json.dumps(data, ensure_ascii=False)

    @staticmethod
    def _dossier(
        dossier_id: str,
        code: str,
        agency_id: str,
        version: str,
        name: str,
        at: datetime,
        legal: datetime,
        state: dict[str, Any],
        officer: str,
        events: int,
    ) -> str:
        def t(v: datetime | None) -> str:
            return "\\N" if v is None else _ts(v)

        returned = state["returned"]
        values = (
            dossier_id,
            code,
            agency_id,
            version,
            "direct",
            state["status"],
            name,
            name.lower(),
            "\\N",
            "026190001234",
            "0912345678",
            "0912345678",
            "Thôn 3",
            "\\N",
            "1",
            "\\N",
            "f",
            "\\N",
            _ts(at),
            _ts(at),
            _ts(legal),
            t(state["due"]),
            "\\N",
            "\\N",
            state["unit"] or "\\N",
            t(state["resolved"]),
            state["outcome"] or "\\N",
            state["timeliness"] or "\\N",
            state["timeliness"] or "\\N",
            t(returned),
            "A" if returned else "\\N",
            "\\N",
            "\\N",
            officer,
            str(events),
        )
        return "\t".join(values)


DOSSIER_COLUMNS = (
    "id, code, agency_id, procedure_version_id, channel, status, applicant_name, name_key, "
    "id_type, id_number, phone, phone_key, address, email, sets, note, return_by_post, "
    "request_id, received_at, effective_received_at, original_due_at, due_at, paused_at, "
    "status_before_pause, current_unit_id, resolved_at, outcome, timeliness, "
    "timeliness_original, returned_at, receiver_name, receiver_id_number, post_tracking, "
    "received_by_id, version"
)
EVENT_COLUMNS = (
    "id, dossier_id, agency_id, desk_id, desk_seq, kind, at, officer_id, from_unit_id, "
    "to_unit_id, note, data, schema_version, status, received_at"
)


def load(
    admin_url: str,
    templates: dict[str, Any],
    codes: list[str],
    total: int,
    large_share: float,
    say: Any,
) -> dict[str, int]:
    """`total` dossiers over the agencies (`large_share` of them the first's), desks of
    each agency (10 for the large one, 2 for a commune), written with COPY in one
    transaction per table; returns the counts per agency code."""
    import psycopg

    dsn = admin_url.replace("+psycopg", "")
    rng = random.Random(7)
    large = round(total * large_share)
    weights = [0.5 + rng.random() for _ in codes[1:]]
    rest = [round((total - large) * w / sum(weights)) for w in weights]
    rest[-1] += total - large - sum(rest)
    sizes = dict(zip(codes, [large, *rest], strict=True))
    province = Province(templates)
    with psycopg.connect(dsn) as dossiers_db, psycopg.connect(dsn) as events_db:
        kept = _drop_indexes(dossiers_db)
        agencies: dict[str, str] = dict(
            dossiers_db.execute(
                "SELECT code, id::text FROM counter.agencies WHERE code = ANY(%s)", (codes,)
            )
        )
        rows = {
            c: _agency_rows(dossiers_db, agencies[c], 10 if n == 0 else 2, c)
            for n, c in enumerate(codes)
        }
        dossiers_db.commit()  # the desks exist before their events come
        seqs: dict[str, int] = {}
        with (
            dossiers_db.cursor().copy(
                f"COPY counter.dossiers ({DOSSIER_COLUMNS}) FROM STDIN"
            ) as d_copy,
            events_db.cursor().copy(f"COPY counter.events ({EVENT_COLUMNS}) FROM STDIN") as e_copy,
        ):
            for n, code in enumerate(codes):
                versions, units, desks = rows[code]
                seq = dict.fromkeys(desks, 0)
                d_lines: list[str] = []
                e_lines: list[str] = []
                for dossier, events in province.agency(
                    (agencies[code], code), versions, units, desks, sizes[code], seq
                ):
                    d_lines.append(dossier)
                    e_lines += events
                    if len(d_lines) >= 5000:
                        d_copy.write("\n".join(d_lines) + "\n")
                        e_copy.write("\n".join(e_lines) + "\n")
                        d_lines, e_lines = [], []
                if d_lines:
                    d_copy.write("\n".join(d_lines) + "\n")
                    e_copy.write("\n".join(e_lines) + "\n")
                seqs |= seq
                if n % 10 == 0:
                    say(f"  agency {n + 1}/{len(codes)} {code}: {sizes[code]:,} dossiers")
        dossiers_db.commit()
        events_db.commit()
        for desk, upto in seqs.items():
            dossiers_db.execute(
                "UPDATE counter.desks SET events_upto = %s WHERE id = %s", (upto, desk)
            )
        say("  building the indexes again")
        for statement in kept:
            dossiers_db.execute(statement)
        dossiers_db.commit()
        dossiers_db.autocommit = True
        dossiers_db.execute("VACUUM ANALYZE counter.dossiers")
        dossiers_db.execute("VACUUM ANALYZE counter.events")
    return sizes


def _agency_rows(
    db: Any, agency_id: str, desks: int, code: str
) -> tuple[list[str], list[str], list[str]]:
    versions = [
        r[0]
        for r in db.execute(
            "SELECT v.id::text FROM counter.procedure_versions v JOIN counter.procedures p "
            "ON p.id = v.procedure_id WHERE p.agency_id = %s",
            (agency_id,),
        )
    ]
    units = [
        r[0]
        for r in db.execute("SELECT id::text FROM counter.units WHERE agency_id = %s", (agency_id,))
    ]
    made = []
    for i in range(desks):
        desk = str(uuid.uuid4())
        db.execute(
            "INSERT INTO counter.desks (id, name, agency_id) VALUES (%s, %s, %s)",
            (desk, f"Bàn {i + 1} {code}", agency_id),
        )
        made.append(desk)
    return versions, units, made


def _drop_indexes(db: Any) -> list[str]:
    """The non-constraint indexes of dossiers and events, dropped for the load; returns
    the statements that build them again (the schema's own definitions)."""
    rows = db.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'counter' "
        "AND i.tablename IN ('dossiers', 'events') AND NOT EXISTS (SELECT 1 FROM "
        "pg_constraint c WHERE c.conname = i.indexname)"
    ).fetchall()
    for name, _ in rows:
        db.execute(f'DROP INDEX counter."{name}"')
    return [definition for _, definition in rows]
