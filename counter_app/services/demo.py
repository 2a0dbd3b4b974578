"""Demo data: the sample catalog and a few working days of dossiers in every state.

Everything goes through the same services as real work (codes, dates, events), with the
clock set to the simulated moment of each action.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.models import Agency, Dossier, ProcedureVersion, Unit
from counter_app.services import catalog, desk, intake, lifecycle
from counter_app.services.calendar import Duration, DurationUnit
from counter_app.services.intake_file import Applicant, Intake, ReceivedDocument
from counter_app.services.workflow import Action, Status

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đào", "Đinh"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu", "Thanh", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hà", "Hải", "Hoà", "Hùng", "Hương", "Lan",
         "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Thảo", "Trang", "Tuấn",
         "Vân", "Yến"]  # fmt: skip
HAMLETS = ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn Đồng Bùa", "Thôn Làng Hà", "Tổ dân phố 2"]
PER_DAY = 12
DAYS = 6


def fake_applicant(rng: random.Random, agency: Agency) -> Applicant:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    id_number = f"0{rng.choice(['25', '26'])}{rng.choice('0123')}{rng.randint(50, 99)}" \
                f"{rng.randint(0, 999_999):06d}"  # fmt: skip
    phone = f"0{rng.choice(['9', '8', '3'])}{rng.randint(0, 99_999_999):08d}"
    return Applicant(name=name, id_type=None, id_number=id_number, phone=phone, phone_key=phone,
                     address=f"{rng.choice(HAMLETS)}, {agency.name.replace('UBND ', '')}",
                     email=None)  # fmt: skip


def load(session: Session, catalog_path: Path, now: datetime, officer: str) -> int:
    """Import the sample catalog and add demo dossiers; 0 when dossiers already exist."""
    if session.scalar(select(func.count()).select_from(Dossier)):
        return 0
    data = json.loads(catalog_path.read_text(encoding="utf-8"))
    first_day = now - timedelta(days=14)
    catalog.import_catalog(session, data, first_day)
    who = desk.actor(session, officer, data["agency"]["code"])
    agency = session.get_one(Agency, who.agency_id)
    calendar = desk.working_calendar(session, agency)
    rng = random.Random(2026)
    day = now.date()
    days: list[date] = []
    while len(days) < DAYS:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days.append(day)
    codes = []
    for age, day in enumerate(reversed(days)):
        for at in sorted(_arrivals(rng, day, now)):  # numbers follow the order of arrival
            codes.append((age, _receive(session, who, agency, rng, at)))
    _advance(session, who, rng, codes, now)
    return len(codes)


def _arrivals(rng: random.Random, day: date, now: datetime) -> list[datetime]:
    """Arrival times of one day's citizens, in working hours."""
    times = []
    for _ in range(PER_DAY):
        at = datetime.combine(day, time(7, 40), tzinfo=now.tzinfo) + timedelta(
            minutes=rng.randint(0, 7 * 60))
        if at.time() > time(11, 25):  # after the morning: into the afternoon
            at += timedelta(hours=2, minutes=5)
        times.append(at)
    return times


def _receive(session: Session, who: desk.Actor, agency: Agency, rng: random.Random,
             at: datetime) -> str:  # fmt: skip
    summaries = catalog.procedures_in_force(session, agency, at.date())
    summary = rng.choice(summaries[:12] * 3 + summaries)  # civil status and copies dominate
    version = catalog.version_in_force(session, agency, summary.code, at.date())
    documents = tuple(ReceivedDocument(d.name, d.count, None) for d in version.documents
                      if d.required)  # fmt: skip
    document = Intake(summary.code, fake_applicant(rng, agency), documents,
                      rng.choice(["direct"] * 8 + ["online", "postal"]), at, 1, None, False)
    return intake.receive(session, who, document, at).code


def _advance(session: Session, who: desk.Actor, rng: random.Random,
             codes: list[tuple[int, str]], now: datetime) -> None:  # fmt: skip
    """Move older dossiers along: handed over, results back, returned, exceptions."""
    calendar = desk.working_calendar(session, session.get_one(Agency, who.agency_id))
    for age, code in codes:
        dossier = lifecycle.load(session, code)
        version = session.get_one(ProcedureVersion, dossier.procedure_version_id)
        unit = session.get(Unit, version.unit_id) if version.unit_id else None
        base = dossier.received_at
        step = timedelta(hours=3) if base.time() < time(13, 0) else timedelta(hours=18)
        if unit is None or base + step >= now or rng.random() < 0.1:
            continue
        lifecycle.handoff(session, who, [code], unit.code, None, base + step)
        roll = rng.random()
        later = base + step + timedelta(days=1)
        if later >= now:
            continue
        if roll < 0.08:
            lifecycle.supplement(session, who, code, "Bản sao giấy tờ tùy thân có chứng thực",
                                 "Bản chụp không rõ", later)  # fmt: skip
        elif roll < 0.12:
            lifecycle.close(session, who, code, Action.WITHDRAW, "Công dân xin rút hồ sơ", later)
        elif roll < 0.16 and dossier.due_at:
            new_due = calendar.due(Duration(DurationUnit.WORKING_DAY, 3), dossier.due_at)
            assert new_due is not None  # a counted duration always gives a date
            lifecycle.extend(session, who, code, new_due, "Cần xác minh thêm thông tin", later)
        elif age < DAYS - 2 and dossier.status == Status.IN_PROGRESS:
            lifecycle.result(session, who, code, "approved", None, later)
            if roll < 0.7 and later + timedelta(hours=2) < now:
                lifecycle.return_result(session, who, code, receiver=dossier.applicant_name,
                                        now=later + timedelta(hours=2))  # fmt: skip
