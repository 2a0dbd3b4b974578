"""Seed a big realistic database: the sample catalog plus N synthetic dossiers with events.

    python bench/seed.py --db /tmp/bench/2m.db --dossiers 2000000

Schema by `migrate`, catalog by `catalog.import_catalog`, desk and officers by
`desk.actor` / `desk.officer`; then the dossiers, their documents and events are written
with SQLAlchemy Core `insert()` executemany (so every column goes through the models'
own types: UUIDs as 16 bytes (`DeskUuid`, schema 0009), naive-UTC `TZDateTime`,
JSON) in a few big transactions.

What the data looks like:
* ~1,500 receptions per working day (Vietnam holidays and weekends skipped by the
  agency's `WorkingCalendar`), going back from the last working day before today, codes
  `000.00.20.H26-YYMMDD-NNNN` contiguous per day in reception order; `dossier_counters`
  holds each day's last number.
* the dossier's whole life is planned (hand-over in batches, supplement requests,
  extensions, results early/on time/late, returns, withdrawals...), then cut at "now":
  the status and current-state columns follow from the events that happened, events are
  numbered gaplessly in time order on the one local desk, and `desks.last_seq` = count.
* UUIDv7 ids carry the simulated time (as `new_id()` would have at that moment), so
  rowids and primary keys grow with time like on a real desk.
* Vietnamese names with diacritics (weighted family names, middle, given), name_key =
  `counter_app.text.fold(name)`, 12-digit citizen IDs, mobile phones, some repeat
  applicants.
* what the rest of a dossier's life writes (bench/_seed_wave.py, left out by
  `--without-wave`): the portal outbox's messages as sent, the chained audit entries of
  every event and of the dossiers viewed, the hand-over list's prints, fee payments for
  30 % of the dossiers, the digitisation facts.

Speed settings, on the seeding connection only: PRAGMA synchronous=OFF, a 4 GiB page
cache, and the FTS insert trigger dropped during the load, recreated with its exact
original SQL, then `INSERT INTO dossier_fts(dossier_fts) VALUES('rebuild')`
(`--fts trigger` keeps the trigger instead). Nothing else is dropped; foreign keys stay
on. Ends with `ANALYZE` and a WAL checkpoint, then checks a random code with
`views.dossier_by_code` and a name with `search.find_ids`.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sqlite3
import sys
import time
import unicodedata
import uuid
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from _common import (
    AGENCY_CODE,
    CATALOG,
    db_files_size,
    environment,
    human_bytes,
    sqlite_url,
    table,
)
from _seed_wave import TABLES as WAVE_TABLES
from _seed_wave import Wave
from sqlalchemy import insert, select, text, update

from counter_app.calendar import DurationUnit, WorkingCalendar, parse_clock, timeliness
from counter_app.clock import LOCAL_TZ
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.facts import fold as facts
from counter_app.facts.rebuild import rebuild_counts
from counter_app.models import (
    Agency,
    AgencyName,
    Desk,
    Dossier,
    DossierCounter,
    DossierDocument,
    Event,
    Procedure,
    ProcedureVersion,
    Unit,
)
from counter_app.models.dossier import Checklist, checklist, stored_document
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.dossiers import search, views
from counter_app.services.intake.intake import duration_for
from counter_app.text import fold

# --------------------------------------------------------------------------- names


def _nfc(words: str) -> list[str]:
    return [unicodedata.normalize("NFC", w) for w in words.split(",")]


# Approximate shares of Vietnamese family names (Nguyễn ~38 %), plus rare ones.
FAMILY_WEIGHTS = {
    "Nguyễn": 380,
    "Trần": 110,
    "Lê": 95,
    "Phạm": 70,
    "Hoàng": 40,
    "Phan": 45,
    "Vũ": 32,
    "Võ": 7,
    "Đặng": 21,
    "Bùi": 20,
    "Đỗ": 14,
    "Hồ": 13,
    "Ngô": 13,
    "Dương": 10,
    "Lý": 5,
    "Huỳnh": 5,
    "Đào": 4,
    "Đinh": 4,
    "Trương": 4,
    "Lương": 3,
    "Đoàn": 3,
    "Mai": 3,
    "Cao": 3,
    "Hà": 3,
    "Vương": 2,
    "Tạ": 2,
    "Nông": 1,
    "Kiều": 1,
    "Lưu": 1,
    "Tô": 1,
    "Triệu": 1,
    "Chu": 1,
    "Thái": 0.5,
    "Quách": 0.3,
    "Lã": 0.3,
    "Hứa": 0.3,
    "Khổng": 0.2,
    "Mạc": 0.2,
    "Giáp": 0.2,
    "Âu": 0.1,
    "Ông": 0.1,
    "Tăng": 0.1,
    "Khúc": 0.05,
}
MIDDLE_MALE = _nfc(
    "Văn,Văn,Văn,Đức,Minh,Hữu,Quang,Xuân,Ngọc,Thanh,Công,Tuấn,Mạnh,Trung,Quốc,Gia,Bảo,Đình,Tiến,Duy"
)
MIDDLE_FEMALE = _nfc(
    "Thị,Thị,Thị,Thị,Thu,Ngọc,Thanh,Minh,Hồng,Kim,Phương,Thuỳ,Mai,Bích,Diệu,Khánh,Hải,Lan"
)
GIVEN_MALE = _nfc(
    "An,Bình,Cường,Dũng,Đạt,Đức,Hải,Hiếu,Hoà,Hùng,Huy,Khánh,Khoa,Kiên,Lâm,Long,"
    "Minh,Nam,Nghĩa,Phong,Phúc,Quân,Quang,Sơn,Tài,Thắng,Thành,Tiến,Toàn,Trung,"
    "Tuấn,Tùng,Việt,Vinh,Vũ,Hoàng,Duy,Hưng,Lộc,Thịnh,Hiệp,Khải,Chiến,Tú,Hoan"
)
GIVEN_FEMALE = _nfc(
    "Anh,Chi,Dung,Giang,Hà,Hằng,Hạnh,Hiền,Hoa,Hồng,Huyền,Hương,Lan,Liên,Linh,"
    "Loan,Mai,My,Nga,Ngân,Ngọc,Nhung,Oanh,Phương,Quỳnh,Tâm,Thảo,Thanh,Thuý,Thu,"
    "Trang,Tuyết,Uyên,Vân,Yến,Hoài,Nhàn,Thơm,Lụa,Huệ,Xuân,Nhi,Vy,Ánh"
)
HAMLETS = _nfc(
    "Thôn 1,Thôn 2,Thôn 3,Thôn 4,Thôn 5,Thôn Đồng Bùa,Thôn Làng Hà,Thôn Núi Đinh,"
    "Thôn Đồng Giếng,Thôn Xóm Giữa,Thôn Tân Lập,Thôn Đồng Thỏng,Tổ dân phố 1,"
    "Tổ dân phố 2,Tổ dân phố 3,Thôn Sơn Đồng,Thôn Cầu Tre,Thôn Hợp Thành"
)
ADDRESS_TAIL = unicodedata.normalize("NFC", ", xã Tam Đảo, tỉnh Phú Thọ")
MOBILE_PREFIXES = [
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "38",
    "39",
    "70",
    "76",
    "77",
    "78",
    "79",
    "81",
    "82",
    "83",
    "84",
    "85",
    "86",
    "88",
    "89",
    "90",
    "91",
    "93",
    "94",
    "96",
    "97",
    "98",
    "99",
]
OFFICERS = ("mc.lan", "mc.hung", "mc.thao", "mc.duc", "mc.huong", "mc.tuan")
SUPPLEMENT_ITEMS = _nfc(
    "Bản sao giấy tờ tùy thân có chứng thực,Giấy xác nhận nơi cư trú,"
    "Bản chính giấy tờ để đối chiếu,Tờ khai ký đủ chữ ký hai bên"
)
SUPPLEMENT_REASONS = _nfc(
    "Bản chụp không rõ,Thiếu chữ ký,Thông tin tờ khai không khớp giấy tờ,Cần bản chính để đối chiếu"
)
EXTEND_REASONS = _nfc(
    "Cần xác minh thêm thông tin,Chờ ý kiến cơ quan liên quan,Lãnh đạo đi công tác vắng"
)
CLOSE_REASONS = {
    "withdrawn": _nfc("Công dân xin rút hồ sơ,Công dân đổi ý không làm nữa"),
    "stopped": _nfc("Quá hạn bổ sung hồ sơ,Không đủ điều kiện giải quyết"),
    "refused": _nfc("Hồ sơ không thuộc thẩm quyền,Giấy tờ không hợp lệ"),
}
# Civil status and certifications dominate a commune's counter (weights by procedure).
PROCEDURE_WEIGHTS = {
    "1.001193": 120,
    "1.000894": 45,
    "1.000656": 35,
    "2.000815": 260,
    "2.000884": 120,
    "2.000635": 60,
    "1.004873": 70,
    "1.004859": 15,
    "2.001035": 25,
    "2.001406": 12,
}
DEFAULT_PROCEDURE_WEIGHT = 6

STATUS_RANK = (
    "received",
    "in_progress",
    "supplement_requested",
    "resolved",
    "returned",
    "withdrawn",
    "stopped",
    "refused",
)


# --------------------------------------------------------------------------- ids and times


def uuid7(at: datetime, rng: random.Random) -> uuid.UUID:
    """A version-7 UUID for the instant `at` (the layout of `counter_app.models.new_id`)."""
    millis = int(at.timestamp() * 1000)
    rnd = rng.getrandbits(74)
    value = (millis << 80) | (0x7 << 76) | ((rnd >> 62) << 64) | (0b10 << 62) | (rnd & (2**62 - 1))
    return uuid.UUID(int=value)


def at(day: date, minute_of_day: int, second: int = 0) -> datetime:
    return datetime(
        day.year,
        day.month,
        day.day,
        minute_of_day // 60,
        minute_of_day % 60,
        second,
        tzinfo=LOCAL_TZ,
    )


@dataclass
class Version:
    id: uuid.UUID
    code: str
    label: str
    unit_id: uuid.UUID | None
    cutoff: clock_time | None
    pauses: bool
    documents: list[tuple[str, str, int, bool]]
    duration_unit: str  # the fields `intake.duration_for` reads
    duration_value: int | None
    online_duration_unit: str | None
    online_duration_value: int | None
    checklist: Checklist  # how a desk keeps a document the checklist names (0010)


class Planner:
    """Builds the rows of one day's receptions and of every event, in time order."""

    def __init__(
        self,
        rng: random.Random,
        calendar: WorkingCalendar,
        versions: list[Version],
        agency_id: uuid.UUID,
        desk_id: uuid.UUID,
        officers: list[uuid.UUID],
        now: datetime,
        with_documents: bool,
    ) -> None:
        self.rng = rng
        self.cal = calendar
        self.versions = versions
        weights = [PROCEDURE_WEIGHTS.get(v.code, DEFAULT_PROCEDURE_WEIGHT) for v in versions]
        self.version_cum = list(itertools.accumulate(weights))
        self.agency_id = agency_id
        self.desk_id = desk_id
        self.officers = officers
        self.now = now
        self.with_documents = with_documents
        fam = list(FAMILY_WEIGHTS.items())
        self.families = [f for f, _ in fam]
        self.family_cum = list(itertools.accumulate(w for _, w in fam))
        self.fold_cache: dict[str, str] = {}
        self.due_cache: dict[tuple[date, str, int | None], datetime | None] = {}
        self.pending: dict[date, list[tuple[datetime, int, dict[str, Any]]]] = defaultdict(list)
        self.tiebreak = itertools.count()
        self.desk_seq = 0
        self.recent_people: list[tuple[str, str | None, str | None, str | None]] = []
        self.status_counts: Counter[str] = Counter()
        self.events_per_dossier: Counter[int] = Counter()
        self.batches: dict[tuple[date, int, uuid.UUID], str] = {}
        self.opening = calendar.hours.opening
        self.periods = [
            (p[0].hour * 60 + p[0].minute, p[1].hour * 60 + p[1].minute)
            for p in calendar.hours.periods
        ]
        self.working_minutes = sum(e - s for s, e in self.periods)
        # Local row number for the FTS index, when the schema has it (1, 2, ... in order).
        self.has_search_no = "search_no" in Dossier.__table__.c
        self.search_no = 0
        # The report facts (facts/fold.py) folded from each dossier's events, as the
        # services keep them; ids of their own (a separate generator: the data stay as
        # before this was added).
        self.id_rng = random.Random(2026)
        self.facts: dict[str, list[dict[str, Any]]] = {
            "report_dossiers": [],
            "report_pauses": [],
            "report_steps": [],
        }

    # ---------------------------------------------------------------- helpers

    def working_minute(self, offset: int) -> int:
        """Minute of day for the offset-th working minute of a day."""
        for start, end in self.periods:
            if offset < end - start:
                return start + offset
            offset -= end - start
        return self.periods[-1][1] - 1

    def random_working_time(self, day: date, lo_min: int = 0) -> datetime:
        lo = max(0, min(lo_min, self.working_minutes - 1))
        return at(
            day,
            self.working_minute(self.rng.randrange(lo, self.working_minutes)),
            self.rng.randrange(60),
        )

    def add_working_days(self, day: date, n: int) -> date:
        for _ in range(n):
            day = self.cal.next_working_day(day)
        return day

    def person(self) -> tuple[str, str | None, str | None, str | None]:
        rng = self.rng
        if self.recent_people and rng.random() < 0.25:  # a returning applicant
            return rng.choice(self.recent_people)
        family = self.families[bisect.bisect(self.family_cum, rng.random() * self.family_cum[-1])]
        female = rng.random() < 0.55
        middles = MIDDLE_FEMALE if female else MIDDLE_MALE
        middle = rng.choice(middles)
        if rng.random() < 0.15:
            second = rng.choice(middles)
            if second != middle:
                middle = f"{middle} {second}"
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        name = f"{family} {middle} {given}"
        r = rng.random()
        if r < 0.02:
            id_type, id_number = None, None
        elif r < 0.025:
            id_type, id_number = "passport", f"{rng.choice('BCKN')}{rng.randrange(10**7):07d}"
        else:
            province = rng.choice(("025", "025", "025", "026", "001", "019", "022"))
            born_2000s = rng.random() >= 0.8
            century_sex = ("3" if female else "2") if born_2000s else ("1" if female else "0")
            yy = rng.randrange(100) if century_sex in "01" else rng.randrange(0, 10)
            id_type, id_number = None, f"{province}{century_sex}{yy:02d}{rng.randrange(10**6):06d}"
        if rng.random() < 0.1:
            phone = None
        else:
            phone = f"0{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
        person = (name, id_type, id_number, phone)
        if len(self.recent_people) < 200_000:
            self.recent_people.append(person)
        else:
            self.recent_people[rng.randrange(200_000)] = person
        return person

    def fold(self, name: str) -> str:
        key = self.fold_cache.get(name)
        if key is None:
            key = self.fold_cache[name] = fold(name)
        return key

    def due(self, effective: datetime, version: Version, channel: str) -> datetime | None:
        duration = duration_for(version, channel)  # type: ignore[arg-type]
        if duration.unit == DurationUnit.WORKING_HOUR:
            return self.cal.due(duration, effective)
        key = (effective.date(), duration.unit.value, duration.value)
        if key not in self.due_cache:
            self.due_cache[key] = self.cal.due(duration, effective)
        return self.due_cache[key]

    def event(
        self,
        when: datetime,
        dossier_id: uuid.UUID,
        kind: str,
        officer: uuid.UUID,
        *,
        from_unit: uuid.UUID | None = None,
        to_unit: uuid.UUID | None = None,
        note: str | None = None,
        data: dict[str, Any],
    ) -> dict[str, Any]:
        return {
            "id": None,
            "dossier_id": dossier_id,
            "desk_id": self.desk_id,
            "desk_seq": None,
            "kind": kind,
            "at": when,
            "officer_id": officer,
            "from_unit_id": from_unit,
            "to_unit_id": to_unit,
            "note": note,
            "data": data,
            "schema_version": 1,
        }

    def handoff_time(self, received: datetime) -> tuple[datetime, int]:
        """Hand-overs go in batches: 11:00 for the morning, 16:30 for the afternoon."""
        day = received.date()
        minute = received.hour * 60 + received.minute
        if self.cal.is_working_day(day):
            if minute < 10 * 60 + 45:
                return at(day, 11 * 60 + self.rng.randrange(20), self.rng.randrange(60)), 0
            if minute < 16 * 60 + 15:
                return at(day, 16 * 60 + 30 + self.rng.randrange(20), self.rng.randrange(60)), 1
        nxt = self.cal.next_working_day(day)
        return at(nxt, 7 * 60 + 45 + self.rng.randrange(30), self.rng.randrange(60)), 2

    # ---------------------------------------------------------------- one dossier

    def dossier(
        self, day: date, seq: int, received: datetime, channel: str, code: str
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        rng = self.rng
        version = self.versions[
            bisect.bisect(self.version_cum, rng.random() * self.version_cum[-1])
        ]
        effective = self.cal.effective_receipt(received, version.cutoff)
        due = self.due(effective, version, channel)
        name, id_type, id_number, phone = self.person()
        receiver_officer = rng.choice(self.officers)
        dossier_id = uuid7(received, rng)
        return_by_post = channel == "postal" or rng.random() < 0.03
        d: dict[str, Any] = {
            "id": dossier_id,
            "code": code,
            "agency_id": self.agency_id,
            "procedure_version_id": version.id,
            "channel": channel,
            "status": "received",
            "applicant_name": name,
            "name_key": self.fold(name),
            "id_type": id_type,
            "id_number": id_number,
            "phone": phone,
            "phone_key": phone,
            "address": rng.choice(HAMLETS) + ADDRESS_TAIL,
            "email": f"cd{rng.randrange(10**6)}@gmail.com" if rng.random() < 0.05 else None,
            "sets": 1 if rng.random() < 0.95 else 2,
            "note": None,
            "return_by_post": return_by_post,
            "received_at": received,
            "effective_received_at": effective,
            "original_due_at": due,
            "due_at": due,
            "paused_at": None,
            "status_before_pause": None,
            "current_unit_id": None,
            "resolved_at": None,
            "outcome": None,
            "timeliness": None,
            "timeliness_original": None,
            "returned_at": None,
            "receiver_name": None,
            "receiver_id_number": None,
            "post_tracking": None,
            "received_by_id": receiver_officer,
        }
        if self.has_search_no:
            self.search_no += 1
            d["search_no"] = self.search_no
        documents = []
        if self.with_documents:
            position = 0
            for doc_name, kind, count, required in version.documents:
                if required or rng.random() < 0.15:
                    documents.append(
                        stored_document(
                            {
                                "id": uuid7(received, rng),
                                "dossier_id": dossier_id,
                                "position": position,
                                "name": doc_name,
                                "kind": kind,
                                "count": count,
                            },
                            version.checklist,
                        )
                    )
                    position += 1
        plan = self.plan(d, version, received, effective, due, receiver_officer)
        # The history as far as it has happened: the current state follows from it.
        happened = [e for e in plan if e["at"] <= self.now]
        self.apply(d, happened)
        self.status_counts[d["status"]] += 1
        self.events_per_dossier[len(happened)] += 1
        for e in happened:
            self.pending[e["at"].date()].append((e["at"], next(self.tiebreak), e))
        self.fold_facts(d, version, happened)
        return d, documents

    def fold_facts(
        self, d: dict[str, Any], version: Version, happened: list[dict[str, Any]]
    ) -> None:
        reception = facts.Reception(
            d["id"], d["agency_id"], version.id, d["channel"], d["original_due_at"]
        )
        folded = facts.fold(
            reception,
            [
                facts.Happening(
                    uuid7(e["at"], self.id_rng),
                    e["kind"],
                    e["at"],
                    e["officer_id"],
                    e["from_unit_id"],
                    e["to_unit_id"],
                    e["data"],
                )
                for e in happened
            ],
        )
        if folded is not None:
            self.facts["report_dossiers"].append(folded.row)
            self.facts["report_pauses"] += folded.pauses
            self.facts["report_steps"] += folded.steps

    def plan(
        self,
        d: dict[str, Any],
        version: Version,
        received: datetime,
        effective: datetime,
        due: datetime | None,
        officer: uuid.UUID,
    ) -> list[dict[str, Any]]:
        """The dossier's whole life, as events (not yet cut at now)."""
        rng, did = self.rng, d["id"]
        ev = [
            self.event(
                received,
                did,
                "received",
                officer,
                data={
                    "recorded_at": received.isoformat(),
                    "procedure_version": version.label,
                    "legal_due_at": due.isoformat() if due else None,
                },
            )
        ]
        roll = rng.random()
        if roll < 0.003:  # refused after the record was made
            when = received + timedelta(minutes=rng.randrange(5, 40))
            ev.append(
                self.event(
                    when,
                    did,
                    "refused",
                    officer,
                    note=rng.choice(CLOSE_REASONS["refused"]),
                    data={},
                )
            )
            return ev
        if roll < 0.01:  # withdrawn before the hand-over
            when = self.random_working_time(self.add_working_days(received.date(), 1))
            ev.append(
                self.event(
                    when,
                    did,
                    "withdrawn",
                    rng.choice(self.officers),
                    note=rng.choice(CLOSE_REASONS["withdrawn"]),
                    data={},
                )
            )
            return ev
        unit = version.unit_id
        handed, slot = self.handoff_time(received)
        batch_key = (handed.date(), slot, unit)
        batch = self.batches.get(batch_key)
        if batch is None:
            batch = self.batches[batch_key] = str(uuid7(handed, rng))
            if len(self.batches) > 5000:
                self.batches.clear()
        ev.append(
            self.event(
                handed,
                did,
                "handed_over",
                rng.choice(self.officers),
                to_unit=unit,
                data={"batch": batch},
            )
        )
        # When the result comes back: mostly before or on the appointment, ~6 % late.
        base_due = due or (effective + timedelta(days=30))
        due_day = base_due.date()
        if rng.random() < 0.06:
            result_day = self.add_working_days(due_day, rng.choice((1, 1, 2, 3, 5, 8)))
        else:
            start = handed.date()
            span = max(0, (due_day - start).days)
            result_day = start + timedelta(days=rng.randint(span // 3, span) if span else 0)
            if not self.cal.is_working_day(result_day):
                result_day = self.cal.next_working_day(result_day)
                if result_day > due_day:
                    result_day = due_day
        result_at = self.random_working_time(result_day)
        if result_at <= handed:
            result_at = handed + timedelta(minutes=rng.randrange(20, 90))
        roll = rng.random()
        if roll < 0.05:  # supplement requested one working day after the hand-over
            asked = self.random_working_time(self.add_working_days(handed.date(), 1))
            clock_paused = version.pauses and due is not None
            ev.append(
                self.event(
                    asked,
                    did,
                    "supplement_requested",
                    rng.choice(self.officers),
                    note=rng.choice(SUPPLEMENT_REASONS),
                    data={"items": rng.choice(SUPPLEMENT_ITEMS), "clock_paused": clock_paused},
                )
            )
            if rng.random() < 0.2:  # never supplied: stopped after the deadline
                when = self.random_working_time(self.add_working_days(asked.date(), 15))
                who = rng.choice(self.officers)
                reason = rng.choice(CLOSE_REASONS["stopped"])
                ev.append(self.event(when, did, "stopped", who, note=reason, data={}))
                return ev
            supplied_day = self.add_working_days(asked.date(), rng.randint(1, 5))
            supplied = self.random_working_time(supplied_day)
            data: dict[str, Any] = {"clock_paused": clock_paused}
            new_due = due
            if clock_paused and due is not None:
                paused = self.cal.working_minutes_between(asked, supplied)
                new_due = self.cal.resume(due, asked, supplied)
                data |= {
                    "paused_minutes": paused,
                    "previous_due_at": due.isoformat(),
                    "due_at": new_due.isoformat() if new_due else None,
                    "legal_due_at": new_due.isoformat() if new_due else None,
                }
            ev.append(
                self.event(
                    supplied, did, "supplement_received", rng.choice(self.officers), data=data
                )
            )
            result_at = max(result_at, supplied) + timedelta(minutes=rng.randrange(30, 600))
            if new_due is not None and result_at > new_due and rng.random() < 0.9:
                result_at = self.random_working_time(
                    supplied.date() if supplied.date() < new_due.date() else new_due.date()
                )
                if result_at <= supplied:
                    result_at = supplied + timedelta(minutes=rng.randrange(30, 120))
            ev.append(self.result_event(did, result_at, unit, ev, due, new_due))
            return ev  # resolved, waiting to be collected (keeps 2-5 events)
        if roll < 0.065:  # withdrawn or stopped while in progress
            kind = "withdrawn" if roll < 0.06 else "stopped"
            when = handed + timedelta(minutes=rng.randrange(60, 3 * 24 * 60))
            ev.append(
                self.event(
                    when,
                    did,
                    kind,
                    rng.choice(self.officers),
                    note=rng.choice(CLOSE_REASONS[kind]),
                    data={},
                )
            )
            return ev
        current_due = due
        if roll < 0.09 and due is not None:  # extension with a new appointment (form 04)
            asked = handed + timedelta(minutes=rng.randrange(30, 600))
            new_due = self.add_working_days(due.date(), rng.choice((2, 3, 5)))
            current_due = at(
                new_due, self.cal.hours.closing.hour * 60 + self.cal.hours.closing.minute
            )
            ev.append(
                self.event(
                    asked,
                    did,
                    "extended",
                    rng.choice(self.officers),
                    note=rng.choice(EXTEND_REASONS),
                    data={"previous_due_at": due.isoformat(), "due_at": current_due.isoformat()},
                )
            )
            result_at = max(result_at, asked + timedelta(minutes=30))
        ev.append(self.result_event(did, result_at, unit, ev, due, current_due))
        if rng.random() < 0.03:  # never collected
            return ev
        r = rng.random()
        wait = 0 if r < 0.45 else 1 if r < 0.7 else 2 if r < 0.82 else rng.randint(3, 20)
        returned_day = self.add_working_days(result_at.date(), wait)
        returned_at = self.random_working_time(returned_day)
        if returned_at <= result_at:
            returned_at = result_at + timedelta(minutes=rng.randrange(10, 60))
        if d["return_by_post"]:
            tracking = f"E{rng.choice('BEIR')}{rng.randrange(10**9):09d}VN"
            data = {"by_post": True, "post_tracking": tracking, "receiver": None}
        else:
            receiver = d["applicant_name"] if rng.random() < 0.9 else self.person()[0]
            data = {"by_post": False, "post_tracking": None, "receiver": receiver}
        ev.append(self.event(returned_at, did, "returned", rng.choice(self.officers), data=data))
        return ev

    def result_event(
        self,
        did: uuid.UUID,
        when: datetime,
        unit: uuid.UUID | None,
        ev: list[dict[str, Any]],
        original_due: datetime | None,
        due: datetime | None,
    ) -> dict[str, Any]:
        outcome = "approved" if self.rng.random() < 0.97 else "refused"
        return self.event(
            when,
            did,
            "result_back",
            self.rng.choice(self.officers),
            from_unit=unit,
            data={
                "outcome": outcome,
                "timeliness": str(timeliness(when, due)),
                "timeliness_original": str(timeliness(when, original_due)),
            },
        )

    def apply(self, d: dict[str, Any], events: list[dict[str, Any]]) -> None:
        """Current-state columns after these events (what lifecycle.* would have set)."""
        for e in events:
            kind, when, data = e["kind"], e["at"], e["data"]
            if kind == "handed_over":
                d["status"], d["current_unit_id"] = "in_progress", e["to_unit_id"]
            elif kind == "supplement_requested":
                d["status_before_pause"], d["status"] = d["status"], "supplement_requested"
                d["paused_at"] = when if data["clock_paused"] else None
            elif kind == "supplement_received":
                d["status"], d["status_before_pause"] = d["status_before_pause"], None
                if "due_at" in data:
                    d["due_at"] = datetime.fromisoformat(data["due_at"])
                d["paused_at"] = None
            elif kind == "extended":
                d["due_at"] = datetime.fromisoformat(data["due_at"])
            elif kind == "result_back":
                d["status"], d["current_unit_id"], d["resolved_at"] = "resolved", None, when
                d["outcome"] = data["outcome"]
                d["timeliness"] = data["timeliness"]
                d["timeliness_original"] = data["timeliness_original"]
            elif kind == "returned":
                d["status"], d["returned_at"] = "returned", when
                d["receiver_name"], d["post_tracking"] = data["receiver"], data["post_tracking"]
                if data["receiver"] and data["receiver"] != d["applicant_name"]:
                    d["receiver_id_number"] = f"025{self.rng.randrange(10**9):09d}"
                elif data["receiver"]:
                    d["receiver_id_number"] = d["id_number"]
            elif kind in ("withdrawn", "stopped", "refused"):
                d["status"], d["paused_at"], d["status_before_pause"] = kind, None, None

    # ---------------------------------------------------------------- one day

    def day(
        self, day: date, count: int, code_prefix: str
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        rng = self.rng
        arrivals = []
        for _ in range(count):
            r = rng.random()
            channel = "direct" if r < 0.8 else "online" if r < 0.95 else "postal"
            if channel == "online":  # online submissions arrive at any hour of the day
                when = at(day, rng.randrange(24 * 60), rng.randrange(60))
            else:
                when = self.random_working_time(day)
            arrivals.append((when, channel))
        arrivals.sort(key=lambda a: a[0])
        dossiers, documents = [], []
        for seq, (when, channel) in enumerate(arrivals, 1):
            d, docs = self.dossier(day, seq, when, channel, f"{code_prefix}-{day:%y%m%d}-{seq:04d}")
            dossiers.append(d)
            documents.extend(docs)
        return dossiers, documents

    def events_until(self, day: date) -> list[dict[str, Any]]:
        """Every planned event dated on or before `day`, numbered in time order."""
        out = []
        for d in sorted(k for k in self.pending if k <= day):
            batch = self.pending.pop(d)
            batch.sort(key=lambda t: (t[0], t[1]))
            for when, _, e in batch:
                self.desk_seq += 1
                e["desk_seq"] = self.desk_seq
                if e["id"] is None:  # bench/_seed_wave.py gives its events their own
                    e["id"] = uuid7(when, self.rng)
                out.append(e)
        return out


# --------------------------------------------------------------------------- main


def working_days(
    cal: WorkingCalendar, last: date, target: int, per_day: int, rng: random.Random
) -> list[tuple[date, int]]:
    """Working days going back from `last`, with ~per_day receptions each, summing to target."""
    days: list[tuple[date, int]] = []
    total = 0
    day = last
    while total < target:
        if cal.is_working_day(day):
            n = int(rng.gauss(per_day, per_day * 0.18))
            if day.weekday() == 0:  # Mondays are busier
                n = int(n * 1.2)
            n = min(max(per_day // 3, min(9999, n)), target - total)
            days.append((day, n))
            total += n
        day -= timedelta(days=1)
    days.reverse()
    return days


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True, help="database file (created; must not exist)")
    parser.add_argument("--dossiers", type=int, default=2_000_000)
    parser.add_argument("--per-day", type=int, default=1500, help="mean receptions per day")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch", type=int, default=50_000, help="rows per executemany")
    parser.add_argument(
        "--commit-every", type=int, default=250_000, help="dossiers per transaction"
    )
    parser.add_argument(
        "--fts",
        choices=("rebuild", "trigger"),
        default="rebuild",
        help="drop the FTS insert trigger and rebuild at the end (default), "
        "or keep the trigger during the load",
    )
    parser.add_argument(
        "--no-documents",
        action="store_true",
        help="skip dossier_documents rows (receptions always write them)",
    )
    parser.add_argument(
        "--without-wave",
        action="store_true",
        help="only the dossiers, documents, events and report facts (as before 0012): no "
        "portal messages, audit entries, fees, prints or digitisation facts (_seed_wave.py)",
    )
    parser.add_argument(
        "--bodies-kept",
        action="store_true",
        help="every sent portal message keeps its body (the desk before its compaction)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing --db")
    args = parser.parse_args(argv)

    path = Path(args.db)
    if path.exists():
        if not args.force:
            sys.exit(f"{path} exists (use --force to overwrite)")
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"Seeding {args.dossiers:,} dossiers into {path}  ({environment()})", flush=True)

    rng = random.Random(args.seed)
    now = datetime.now(LOCAL_TZ).replace(microsecond=0)
    t_start = time.perf_counter()
    timings: list[tuple[str, float]] = []

    engine = make_engine(sqlite_url(path))
    migrate(engine)
    factory = session_factory(engine)
    last_day = now.date() - timedelta(days=1)

    # Catalog, desk and officers through the services (as a real installation would).
    catalog_data = json.loads(CATALOG.read_text(encoding="utf-8"))
    with unit_of_work(factory, write=True) as s:
        report = catalog.import_catalog(s, catalog_data, now)  # imported_at fixed below
        who = desk.actor(s, OFFICERS[0], AGENCY_CODE)
        officer_ids = [who.officer_id] + [desk.officer(s, u).id for u in OFFICERS[1:]]
        agency = s.get_one(Agency, who.agency_id)
        calendar = desk.working_calendar(s, agency)
        rows = s.execute(
            select(ProcedureVersion, Procedure.code).join(
                Procedure, Procedure.id == ProcedureVersion.procedure_id
            )
        ).all()
        versions = []
        for v, code in rows:
            versions.append(
                Version(
                    id=v.id,
                    code=code,
                    label=v.label,
                    unit_id=v.unit_id,
                    cutoff=parse_clock(v.cutoff) if v.cutoff else None,
                    pauses=v.pauses_on_supplement,
                    documents=[
                        (doc.name, doc.kind, doc.count, doc.required) for doc in v.documents
                    ],
                    duration_unit=v.duration_unit,
                    duration_value=v.duration_value,
                    online_duration_unit=v.online_duration_unit,
                    online_duration_value=v.online_duration_value,
                    checklist=checklist(s, v.id),
                )
            )
        unit_count = len(s.scalars(select(Unit)).all())
    days = working_days(calendar, last_day, args.dossiers, args.per_day, rng)
    first_day = days[0][0]
    # The catalog was imported before the first dossier (imported_at only; the versions
    # keep their published effective_from: older dossiers point at them anyway).
    with engine.connect().execution_options(write=True) as c, c.begin():
        first_moment = at(first_day, 7 * 60)
        c.execute(update(ProcedureVersion).values(imported_at=first_moment))
        c.execute(update(AgencyName).values(valid_from=first_moment))
    timings.append(("schema + catalog (services)", time.perf_counter() - t_start))
    print(
        f"catalog: {report.procedures} procedures, {unit_count} units; "
        f"days {first_day} .. {days[-1][0]} ({len(days)} working days)",
        flush=True,
    )

    planner = Planner(
        rng, calendar, versions, who.agency_id, who.desk_id, officer_ids, now, not args.no_documents
    )
    wave = None
    if not args.without_wave:
        with unit_of_work(factory) as s:
            wave = Wave(s, planner, list(OFFICERS), args.seed, kept=args.bodies_kept)
    counts = {
        "dossiers": 0,
        "dossier_documents": 0,
        "events": 0,
        "dossier_counters": 0,
        "report_dossiers": 0,
        "report_pauses": 0,
        "report_steps": 0,
    }
    gen_s = insert_s = 0.0

    t_load = time.perf_counter()
    conn = engine.connect().execution_options(write=True)
    raw = conn.connection.driver_connection  # autocommit (isolation_level None) outside SA
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA cache_size=-4000000")  # 4 GiB page cache (KiB)
    raw.execute("PRAGMA temp_store=MEMORY")
    trigger_sql = None
    if args.fts == "rebuild":
        trigger_sql = raw.execute(
            "SELECT sql FROM sqlite_master WHERE type='trigger' AND name='dossiers_fts_insert'"
        ).fetchone()[0]
        raw.execute("DROP TRIGGER dossiers_fts_insert")

    stmts = {
        "dossiers": insert(Dossier.__table__),
        "dossier_documents": insert(DossierDocument.__table__),
        "events": insert(Event.__table__),
        "dossier_counters": insert(DossierCounter.__table__),
        "report_dossiers": insert(facts.DOSSIERS),
        "report_pauses": insert(facts.PAUSES),
        "report_steps": insert(facts.STEPS),
    }
    if wave is not None:
        stmts |= {name: insert(t) for name, t in WAVE_TABLES.items()}
        counts |= {name: 0 for name in WAVE_TABLES}
    buffers: dict[str, list[dict[str, Any]]] = {k: [] for k in stmts}

    def flush() -> None:
        nonlocal insert_s
        t0 = time.perf_counter()
        # Parents before children: dossiers, then their documents and events.
        for name in stmts:
            rows_ = buffers[name]
            if rows_:
                conn.execute(stmts[name], rows_)
                counts[name] += len(rows_)
                buffers[name] = []
        insert_s += time.perf_counter() - t0

    try:
        conn.begin()
        since_commit = 0
        done = 0
        last_report = time.perf_counter()
        for day, n in days:
            t0 = time.perf_counter()
            dossiers, documents = planner.day(day, n, agency.code)
            if wave is not None:
                wave.received(dossiers)
            events_ = planner.events_until(day)
            if wave is not None:
                wave.events(events_)
                for name, rows_ in wave.take().items():
                    buffers[name] += rows_
            gen_s += time.perf_counter() - t0
            buffers["dossiers"].extend(dossiers)
            buffers["dossier_documents"].extend(documents)
            buffers["events"].extend(events_)
            for name, rows_ in planner.facts.items():
                buffers[name] += rows_
                rows_.clear()
            buffers["dossier_counters"].append(
                {"agency_id": who.agency_id, "day": day, "last_seq": n}
            )
            done += n
            since_commit += n
            if len(buffers["dossiers"]) >= args.batch:
                flush()
            if since_commit >= args.commit_every:
                flush()
                conn.commit()
                conn.begin()
                since_commit = 0
            if time.perf_counter() - last_report > 15:
                last_report = time.perf_counter()
                el = last_report - t_load
                print(
                    f"  {done:>10,} dossiers  {el:7.1f} s  {done / el:8,.0f}/s  "
                    f"(generate {gen_s:.0f} s, insert {insert_s:.0f} s)",
                    flush=True,
                )
        t0 = time.perf_counter()
        tail = planner.events_until(now.date())
        buffers["events"].extend(tail)
        if wave is not None:
            wave.events(tail)
            for name, rows_ in wave.take().items():
                buffers[name] += rows_
        gen_s += time.perf_counter() - t0
        flush()
        if wave is not None:
            t0 = time.perf_counter()
            counts["digitisation_dossiers"] = wave.finish(conn)
            timings.append(("wave: digitisation facts (SQL)", time.perf_counter() - t0))
        conn.execute(update(Desk).where(Desk.id == who.desk_id).values(last_seq=planner.desk_seq))
        conn.commit()
    finally:
        if conn.in_transaction():
            conn.rollback()
        if trigger_sql is not None:
            raw.execute(trigger_sql)
    t_rows = time.perf_counter() - t_load
    timings.append(("generate rows (Python)", gen_s))
    timings.append(("Core insert executemany", insert_s))

    t0 = time.perf_counter()
    with conn.begin():  # the report facts' daily sums, in SQL from report_dossiers
        rebuild_counts(conn)
    timings.append(("report_counts (SQL)", time.perf_counter() - t0))
    if args.fts == "rebuild":
        t0 = time.perf_counter()
        raw.execute("INSERT INTO dossier_fts(dossier_fts) VALUES('rebuild')")
        timings.append(("FTS rebuild", time.perf_counter() - t0))
    t0 = time.perf_counter()
    raw.execute("ANALYZE")
    timings.append(("ANALYZE", time.perf_counter() - t0))
    t0 = time.perf_counter()
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    timings.append(("WAL checkpoint", time.perf_counter() - t0))
    conn.close()
    engine.dispose()
    elapsed = time.perf_counter() - t_start

    # Checks through a fresh engine and the service layer.
    engine = make_engine(sqlite_url(path))
    factory = session_factory(engine)
    check_rng = random.Random(args.seed + 1)
    with unit_of_work(factory) as s:
        maxrow = s.execute(text("SELECT max(rowid) FROM dossiers")).scalar_one()
        code, name = s.execute(
            text("SELECT code, applicant_name FROM dossiers WHERE rowid = :r"),
            {"r": check_rng.randint(1, maxrow)},
        ).one()
        view = views.dossier_by_code(s, code)
        ids = search.find_ids(s, fold(name))
        found_id = s.scalar(select(Dossier.id).where(Dossier.code == code))
        name_ok = found_id in ids or len(ids) == search.DEFAULT_LIMIT
        ids_accents = search.find_ids(s, name.upper())
        fts_rows = s.execute(
            text("SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH '\"nguyen\"'")
        ).scalar_one()
        last_seq = s.execute(select(Desk.last_seq)).scalar_one()
        max_seq, n_events = s.execute(text("SELECT max(desk_seq), count(*) FROM events")).one()
        counter_sum = s.execute(text("SELECT sum(last_seq) FROM dossier_counters")).scalar_one()
        n_dossiers = s.execute(text("SELECT count(*) FROM dossiers")).scalar_one()
        trig = s.execute(
            text(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' "
                "AND name LIKE 'dossiers_fts_%'"
            )
        ).scalar_one()
    engine.dispose()
    assert view.code == code and view.history, "dossier_by_code failed"
    assert ids and name_ok and ids_accents, "search.find_ids failed"
    assert last_seq == max_seq == n_events, (last_seq, max_seq, n_events)
    assert counter_sum == n_dossiers == args.dossiers, (counter_sum, n_dossiers)
    assert trig == 3, "FTS triggers missing"

    main_size, extra = db_files_size(path)
    with closing(sqlite3.connect(path)) as c:
        free_pages = c.execute("PRAGMA freelist_count").fetchone()[0]
    total_rows = sum(counts.values())
    print()
    print(
        table(
            ["table", "rows"],
            [[k, v] for k, v in counts.items()] + [["total", total_rows]],
            "Rows written",
        )
    )
    print()
    print(
        table(["phase", "seconds"], [[k, v] for k, v in timings] + [["total", elapsed]], "Timings")
    )
    print()
    summary = [
        ["dossiers", n_dossiers],
        ["events (mean per dossier)", f"{n_events:,} ({n_events / n_dossiers:.2f})"],
        ["elapsed seconds (total)", elapsed],
        ["dossiers/s (total elapsed)", n_dossiers / elapsed],
        ["rows/s (load phase)", total_rows / t_rows],
        [
            "database file size",
            human_bytes(main_size) + (f" (+{human_bytes(extra)} wal/shm)" if extra else ""),
        ],
        # the main file after the WAL checkpoint (TRUNCATE: the WAL is empty, not counted),
        # without VACUUM: free pages are counted too, and told
        [
            "size per million dossiers",
            human_bytes(main_size / n_dossiers * 1_000_000)
            + f" (main file, WAL not counted; {free_pages:,} free pages)",
        ],
        ["days", f"{first_day} .. {days[-1][0]} ({len(days)} working days)"],
        ["pragmas during load", "synchronous=OFF, cache_size=4GiB, WAL, foreign_keys=ON"],
        [
            "FTS",
            "insert trigger dropped, re-created, 'rebuild'"
            if args.fts == "rebuild"
            else "trigger kept",
        ],
    ]
    print(table(["figure", "value"], summary, "Summary"))
    print()
    print(
        table(
            ["status", "dossiers", "share %"],
            [
                [k, v, 100 * v / n_dossiers]
                for k, v in sorted(
                    planner.status_counts.items(), key=lambda kv: STATUS_RANK.index(kv[0])
                )
            ],
            "Status mix",
        )
    )
    print()
    print(
        table(
            ["events per dossier", "dossiers"],
            sorted(planner.events_per_dossier.items()),
            "History lengths",
        )
    )
    try:  # where the bytes go (dbstat is compiled into most sqlite3 builds)
        with closing(sqlite3.connect(path)) as c:
            sizes = c.execute(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12"
            ).fetchall()
        print()
        print(
            table(
                ["table or index", "size", "share %"],
                [[n, human_bytes(b), 100 * b / main_size] for n, b in sizes],
                "Largest tables and indexes",
            )
        )
    except Exception as exc:  # noqa: BLE001 - informative only
        print(f"(no size breakdown: {exc})")
    print()
    print(
        f"check: views.dossier_by_code({code!r}) -> {view.status}, "
        f"{len(view.history)} events, {view.applicant.name}"
    )
    print(
        f"check: search.find_ids({fold(name)!r}) -> {len(ids)} ids (dossier found: {name_ok}); "
        f"{name.upper()!r} -> {len(ids_accents)} ids; FTS 'nguyen' rows: {fts_rows:,}"
    )
    print(
        f"check: desks.last_seq = max(events.desk_seq) = count(events) = {last_seq:,}; "
        f"sum(dossier_counters.last_seq) = {counter_sum:,}; FTS triggers: {trig}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
