"""`counter-app report satisfaction` (issue 22, docs/citizen.md "The leader's figures"):
a February with known ratings, tickets, complaints and late dossiers, worked by hand."""

from __future__ import annotations

import io
import json
import uuid
from datetime import datetime, timedelta

import openpyxl
import pytest
from pypdf import PdfReader

from counter_app.citizen import complaints
from counter_app.citizen.complaint_form import read_form
from counter_app.citizen.register import LocalRegister
from counter_app.cli import main
from counter_app.clock import LOCAL_TZ
from counter_app.db import unit_of_work
from counter_app.queue.local import LocalQueue
from counter_app.services.dossiers import lifecycle
from tests.conftest import actor_for, at
from tests.unit.test_citizen_reports import rate
from tests.unit.test_lifecycle import act, received

FEBRUARY = ("--from", "2026-02-01", "--to", "2026-02-28")
KEYS = {
    "period",
    "ratings",
    "waiting_s",
    "service_s",
    "complaints",
    "criterion_5_4",
    "rows",
    "dossiers",  # additions of docs/citizen.md: the 5.4 parts' counts, the grouping
    "by",
    "times",  # addition: waiting and service times by service and hour of the call
}


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 2, 16, 8, 0, tzinfo=LOCAL_TZ)

    def __call__(self) -> datetime:
        return self.at


def tickets(sessions) -> None:
    """Waited 60, 420, 1320 s; served 120, 600 s (the third never linked)."""
    clock = Clock()
    q = LocalQueue(sessions, clock)
    q.add_service("A", "Hộ tịch", (1,))
    for _ in range(3):
        q.issue("A")
    for wait, serve in ((60, 120), (240, 600), (300, None)):
        clock.at += timedelta(seconds=wait)
        called = q.call_next(1, "hoa")
        if serve is not None:
            clock.at += timedelta(seconds=serve)
            q.link(called.ticket, uuid.uuid4(), "reception", clock())


def complaint(sessions, received_at: str, replied_at: str | None = None) -> None:
    form = read_form(
        {"channel": "letter", "person": {"name": "Bình", "address": "Thôn 5"}, "content": "Chậm."}
    )
    with unit_of_work(sessions, write=True) as session:
        who = actor_for(session)
        register = LocalRegister(session, who.agency_id)
        row = complaints.add(register, session, who, form, at(received_at))
        if replied_at:
            complaints.reply(
                register, session, who, row.number, "Đã trả lời.", True, at(replied_at)
            )


def february(sessions) -> None:
    """The hand-worked February (the dashboard's "Hài lòng" page reads it too): four
    dossiers received, three resolved (two late), rated 3, 2, 1; three tickets; a
    complaint of February answered and one of January still open."""
    a, b, c, _ = received(sessions, 4)  # 13/02, due 25/02 17:00
    act(sessions, lifecycle.result, a, "approved", None, at("2026-02-24T16:00+07:00"))
    act(sessions, lifecycle.result, b, "approved", None, at("2026-02-26T08:00+07:00"))
    act(sessions, lifecycle.result, c, "approved", None, at("2026-02-27T08:00+07:00"))
    rate(sessions, a, 3, "hoa", "2026-02-24T16:10:00+07:00")
    rate(sessions, b, 2, "hoa", "2026-02-26T08:10:00+07:00")
    rate(sessions, c, 1, "binh", "2026-02-27T08:10:00+07:00")
    tickets(sessions)
    complaint(sessions, "2026-01-10T09:00+07:00")  # before: still open at the end
    complaint(sessions, "2026-02-14T09:00+07:00", "2026-02-20T09:00+07:00")


@pytest.fixture
def desk(desk_db, db_url, capsys):
    february(desk_db)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", db_url, "report", "satisfaction", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_the_hand_worked_february(desk):
    code, out, _ = desk(*FEBRUARY, "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == KEYS
    assert data["period"] == {"from": "2026-02-01", "to": "2026-02-28"}
    assert data["ratings"] == {"count": 3, "very_satisfied": 1, "satisfied": 1, "unsatisfied": 1}
    assert data["waiting_s"] == {"p50": 420, "p90": 1320}
    assert data["service_s"] == {"p50": 120, "p90": 600}
    assert data["complaints"] == {"received": 1, "handled": 1, "open": 1, "published": 1}
    # late 2 of 3 resolved = 66.67; 1 complaint of 4 received = 25.00; 100 − 91.67
    assert data["criterion_5_4"] == {"late_pct": 66.67, "complaint_pct": 25.0, "estimate": 8.33}
    assert data["dossiers"] == {"received": 4, "resolved": 3, "late": 2}
    assert data["rows"] == [] and data["by"] is None


def test_by_officer_rows(desk, tmp_path):
    code, out, _ = desk(*FEBRUARY, "--by", "officer", "--json")
    rows = json.loads(out)["rows"]
    assert code == 0
    assert [{k: v for k, v in r.items() if k != "label"} for r in rows] == [
        {"key": "binh", "count": 1, "very_satisfied": 0, "satisfied": 0, "unsatisfied": 1},
        {"key": "hoa", "count": 2, "very_satisfied": 1, "satisfied": 1, "unsatisfied": 0},
    ]
    assert all(r["label"] for r in rows)
    code, out, _ = desk(*FEBRUARY, "--by", "officer", "-o", str(tmp_path / "hl.xlsx"))
    assert code == 0 and "Ước tính tiêu chí 5.4" in out and "8,33 %" in out
    sheet = openpyxl.load_workbook(tmp_path / "hl.xlsx").active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "8,33 %" in values and "Số lượt đánh giá" in values


def test_an_empty_period_is_nulls_not_errors(desk):
    code, out, _ = desk("--from", "2025-01-01", "--to", "2025-01-31", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["ratings"] == {"count": 0, "very_satisfied": 0, "satisfied": 0, "unsatisfied": 0}
    assert data["waiting_s"] == data["service_s"] == {"p50": None, "p90": None}
    assert data["complaints"] == {"received": 0, "handled": 0, "open": 0, "published": 0}
    assert data["criterion_5_4"] == {"late_pct": None, "complaint_pct": None, "estimate": None}
    code, out, _ = desk("--from", "2025-01-01", "--to", "2025-01-31")
    assert code == 0 and "Ước tính tiêu chí 5.4 (100 % − (quá hạn + phản ánh)): —" in out


def test_times_by_service_and_hour(desk, tmp_path):
    """Called at 08:01, 08:05 and 08:10 (service A), the leader sees A's times in all and
    for the 8 o'clock hour; a ticket led to no dossier counts for its wait only."""
    code, out, _ = desk(*FEBRUARY, "--json")
    times = json.loads(out)["times"]
    assert code == 0
    whole = {"waiting_s": {"p50": 420, "p90": 1320}, "service_s": {"p50": 120, "p90": 600}}
    assert times == [
        {"service": "A", "hour": None, "tickets": 3} | whole,
        {"service": "A", "hour": 8, "tickets": 3} | whole,
    ]
    code, out, _ = desk(*FEBRUARY, "-o", str(tmp_path / "hl.xlsx"))
    assert code == 0 and "Dịch vụ A: 3 số; chờ p50 420 giây" in out and "8 giờ: 3 số" in out
    sheet = openpyxl.load_workbook(tmp_path / "hl.xlsx")["Thời gian"]
    assert list(sheet.iter_rows(values_only=True))[1:] == [
        ("A", "cả ngày", 3, 420, 1320, 120, 600),
        ("A", "8 giờ", 3, 420, 1320, 120, 600),
    ]


def test_by_week(desk):
    code, out, _ = desk(*FEBRUARY, "--by", "week", "--json")
    rows = json.loads(out)["rows"]
    assert code == 0
    assert [(r["key"], r["label"], r["count"]) for r in rows] == [
        ("2026-02-23", "Tuần 23/02/2026", 3)
    ]


def pdf_words(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_pdf_has_the_title_figures_officers_and_hours(desk, tmp_path):
    """The leader's report on A4: the heading, the period, the hand-worked figures, the
    rows by officer and service A's 8 o'clock row."""
    code, out, _ = desk(*FEBRUARY, "--by", "officer", "--json")
    labels = {r["key"]: r["label"] for r in json.loads(out)["rows"]}
    path = tmp_path / "hl.pdf"
    code, out, _ = desk(*FEBRUARY, "--by", "officer", "-o", str(path))
    assert code == 0 and f"Đã ghi ra {path}." in out
    page = PdfReader(io.BytesIO(path.read_bytes())).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)
    words = pdf_words(path)
    for expected in (
        "UBND XÃ TAM ĐẢO",
        "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN",
        "từ ngày 01/02/2026 đến ngày 28/02/2026",
        "Ước tính tiêu chí 5.4",
        "8,33 %",
        "66,67 %",
        "25,00 %",
        "Thời gian chờ — trung vị (p50) 420 giây",
        f"{labels['binh']} 1 0 0 1",
        f"{labels['hoa']} 2 1 1 0",
        "A cả ngày 3 420 1320 120 600",
        "A 8 giờ 3 420 1320 120 600",
    ):
        assert expected in words, expected


def test_pdf_json_names_the_file(desk, tmp_path):
    path = tmp_path / "hl.pdf"
    code, out, _ = desk(*FEBRUARY, "--json", "-o", str(path))
    data = json.loads(out)
    assert code == 0 and set(data) == KEYS | {"file"} and data["file"] == str(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_another_suffix_is_refused_and_nothing_written(desk, tmp_path):
    folder = tmp_path / "out"  # the desk's database is in tmp_path
    folder.mkdir()
    code, out, err = desk(*FEBRUARY, "-o", str(folder / "hl.txt"))
    assert code == 2 and out == ""
    assert ".xlsx" in err and ".pdf" in err and "báo cáo hài lòng" in err
    assert list(folder.iterdir()) == []
