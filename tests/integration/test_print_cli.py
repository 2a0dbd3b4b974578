"""`counter-app print …` end to end: database → form data → PDF file → event."""

from __future__ import annotations

import json

import pytest

from counter_app.clock import now
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.services.desk import actor
from counter_app.services.dossiers import operations
from counter_app.services.dossiers.workflow import Action
from tests.conftest import intake_doc
from tests.integration.test_cli import Desk
from tests.integration.test_cli import desk as desk  # noqa: F401 - the fixture
from tests.unit.test_fonts import MACHINES
from tests.unit.test_fonts import machine as machine  # noqa: F401 - the fixture
from tests.unit.test_printing import decoded, page_sizes, pdf_text


def printed(desk: Desk, *args: str) -> tuple[bytes, str]:
    out = desk.tmp / "form.pdf"
    code, _, err = desk.run("print", *args, "-o", str(out))
    assert code == 0, err
    pdf = out.read_bytes()
    return pdf, " ".join(" ".join(pdf_text(pdf)).split())  # as read, line breaks aside


def test_receipt_from_the_database_scans_and_is_recorded(desk):
    code = desk.receive()["code"]
    pdf, text = printed(desk, "receipt", code)
    assert ("Code128", code) in decoded(pdf)
    assert "Nguyễn Thị Hoà" in text and "25/02/2026 17:00" in text and "số thứ tự 1" in text
    printed(desk, "receipt", code)
    prints = [h["data"] for h in desk.json("show", code)["history"] if h["event"] == "printed"]
    assert prints == [{"form": "receipt", "reprint": False}, {"form": "receipt", "reprint": True}]


def test_a5_receipt(desk):
    pdf, _ = printed(desk, "receipt", desk.receive()["code"], "--paper", "A5")
    assert page_sizes(pdf) == {(420, 595)}


def test_each_exception_form_prints_what_was_recorded(desk):
    a, b, c = (desk.receive()["code"] for _ in range(3))
    desk.json("handoff", a, b, "--to", "TP-HT")
    desk.json("supplement", a, "--items", "Giấy chứng sinh bản chính", "--reason", "Mờ")
    assert "Giấy chứng sinh bản chính" in printed(desk, "supplement", a)[1]
    desk.json("extend", b, "--due", "2026-03-02T17:00:00+07:00", "--reason", "Chờ xác minh")
    text = printed(desk, "apology", b, "--signer", "Lê Văn Tám")[1]
    assert "02/03/2026 17:00" in text and "25/02/2026 17:00" in text and "Lê Văn Tám" in text
    desk.json("stop", c, "--reason", "Hồ sơ giả mạo")
    assert "Hồ sơ giả mạo" in printed(desk, "stop", c)[1]
    listing = printed(desk, "handover", b)[1].replace(" ", "")
    assert a in listing and b in listing and c not in listing
    desk.json("result", b)
    sheet_pdf, sheet = printed(desk, "control-sheet", b)
    assert ("Code128", b) in decoded(sheet_pdf) and "Công chức Tư pháp - Hộ tịch" in sheet


def test_refusal_writes_no_dossier(desk):
    before = desk.written()
    intake = desk.file("refused.json", intake_doc(documents=[]))
    text = printed(desk, "refusal", "--intake", intake, "--reason", "Thiếu giấy chứng sinh")[1]
    assert "Thiếu giấy chứng sinh" in text and "Đăng ký khai sinh" in text
    assert desk.written() == before


def refuse(desk: Desk, code: str, reason: str) -> None:
    """As the dossier window does it (the command line has no `refuse`)."""
    engine = make_engine(f"sqlite:///{desk.path}")
    try:
        with unit_of_work(session_factory(engine), write=True) as session:
            operations.perform(
                session,
                actor(session, "motcua", None),
                Action.REFUSE,
                code,
                {"reason": reason},
                now(),
            )
    finally:
        engine.dispose()


def test_refusal_after_recording_prints_the_recorded_reason(desk):
    code = desk.receive()["code"]
    refuse(desk, code, "Giấy chứng sinh không phải bản chính")
    text = printed(desk, "refusal", code)[1]
    assert "Mẫu số 03" in text and code in text.replace(" ", "")
    assert "Giấy chứng sinh không phải bản chính" in text and "Nguyễn Thị Hoà" in text
    prints = [h["data"] for h in desk.json("show", code)["history"] if h["event"] == "printed"]
    assert prints == [{"form": "refusal", "reprint": False}]


def test_register_for_a_date_range(desk):
    codes = [desk.receive()["code"] for _ in range(3)]
    desk.receive(received_at="2026-03-02T08:00:00+07:00")
    pdf, text = printed(desk, "register", "--from", "2026-02-13", "--to", "2026-02-13")
    flat = text.replace(" ", "")
    assert all(code in flat for code in codes) and "260302" not in flat
    assert page_sizes(pdf) == {(842, 595)}


@pytest.mark.parametrize(
    "args",
    [
        ("apology", "{code}"),
        ("supplement", "{code}"),
        ("stop", "{code}"),
        ("receipt", "000.00.20.H26-260213-0099"),
        ("register", "--from", "13/02/2026", "--to", "x"),
        ("control-sheet", "{code}", "--paper", "A5"),
        ("receipt",),
        ("refusal", "--reason", "x"),
        ("refusal", "{code}"),
        ("refusal", "{code}", "--reason", "x"),
    ],
    ids=[
        "apology without extension",
        "supplement without request",
        "stop while open",
        "unknown code",
        "bad dates",
        "A5 for another form",
        "no code",
        "refusal without intake",
        "refusal of a dossier not refused",
        "a recorded refusal's reason is not retold",
    ],
)
def test_print_refusals_exit_2_and_leave_no_file(desk, args):
    code = desk.receive()["code"]
    before = desk.written()
    out = desk.tmp / "nothing.pdf"
    status, _, err = desk.run("print", *(a.format(code=code) for a in args), "-o", str(out))
    assert status == 2 and err.startswith("error: ")
    assert not out.exists() and desk.written() == before
    assert not list(desk.tmp.glob("*.part"))


def test_print_json_output(desk):
    code = desk.receive()["code"]
    out = desk.tmp / "r.pdf"
    result = desk.json("print", "receipt", code, "-o", str(out))
    assert result["dossiers"] == [code] and result["bytes"] == out.stat().st_size
    assert json.loads(json.dumps(result))


def test_stop_notice_tells_the_stage_in_vietnamese(desk):
    code = desk.receive()["code"]
    desk.json("handoff", code, "--to", "TP-HT")
    desk.json("stop", code, "--reason", "Giả mạo giấy tờ")
    text = printed(desk, "stop", code)[1]
    assert "Bàn giao hồ sơ (Công chức Tư pháp - Hộ tịch)" in text and "handed_over" not in text


def test_officer_full_name_is_printed(desk, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_OFFICER_NAME", "Trần  Văn Bình")
    code = desk.receive()["code"]
    text = printed(desk, "receipt", code)[1]
    assert "Trần Văn Bình" in text


def test_receipt_paper_setting(desk, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_PAPER", "A5")
    code = desk.receive()["code"]
    assert page_sizes(printed(desk, "receipt", code)[0]) == {(420, 595)}
    assert page_sizes(printed(desk, "receipt", code, "--paper", "A4")[0]) == {(595, 842)}
    assert page_sizes(printed(desk, "control-sheet", code)[0]) == {(595, 842)}


def test_supplement_request_names_the_officer_who_asked(desk, monkeypatch):
    code = desk.receive()["code"]
    monkeypatch.setenv("COUNTER_APP_OFFICER_NAME", "Lê Thị Cúc")
    desk.json("supplement", code, "--items", "Giấy chứng sinh", "--officer", "lethicuc")
    text = printed(desk, "supplement", code)[1]
    assert "cán bộ Lê Thị Cúc" in text and "lethicuc" not in text


def test_register_lines_are_the_receipts_numbers(desk):
    desk.receive(received_at="2026-02-12T09:00:00+07:00")
    desk.receive(received_at="2026-02-12T10:00:00+07:00")
    code = desk.receive()["code"]  # 13 Feb: the third of the year
    assert "số thứ tự 3" in printed(desk, "receipt", code)[1]
    register = printed(desk, "register", "--from", "2026-02-13", "--to", "2026-02-13")[1]
    assert register.split("Ghi chú", 1)[1].split()[0] == "3"  # its line, not "1"


def test_second_apology_takes_back_the_last_promise(desk):
    code = desk.receive()["code"]
    desk.json("extend", code, "--due", "2026-03-02T17:00:00+07:00", "--reason", "Xác minh")
    desk.json("extend", code, "--due", "2026-03-09T17:00:00+07:00", "--reason", "Chờ kết quả")
    text = printed(desk, "apology", code)[1]
    assert "hẹn: 02/03/2026 17:00" in text and "09/03/2026 17:00" in text
    assert "25/02/2026" not in text.split("Thời hạn")[1]  # the first promise is not the one


def test_online_receipt_states_the_online_duration(desk):
    code = desk.receive(
        procedure="9.000003",
        documents=[],
        channel="online",
        received_at="2026-03-02T08:00:00+07:00",
    )["code"]
    assert "02 giờ làm việc" in printed(desk, "receipt", code)[1]


def _forms_without_a_name(desk: Desk) -> dict[str, tuple[str, ...]]:
    a, b = desk.receive()["code"], desk.receive()["code"]
    desk.json("handoff", a, "--to", "TP-HT")
    desk.json("supplement", b, "--items", "Giấy chứng sinh")
    intake = desk.file("refused.json", intake_doc(documents=[]))
    return {
        "receipt": ("receipt", a),
        "receipt A5": ("receipt", a, "--paper", "A5"),
        "supplement": ("supplement", b),
        "handover": ("handover", a),
        "refusal at the counter": ("refusal", "--intake", intake, "--reason", "Thiếu"),
    }


@pytest.mark.parametrize(
    "form", ["receipt", "receipt A5", "supplement", "handover", "refusal at the counter"]
)
def test_forms_print_no_login_name_but_a_line_to_write_the_name(desk, monkeypatch, form):
    monkeypatch.delenv("COUNTER_APP_OFFICER_NAME", raising=False)
    monkeypatch.setenv("COUNTER_APP_OFFICER", "nvbinh")  # a login, never a printed name
    text = printed(desk, *_forms_without_a_name(desk)[form])[1]
    assert "nvbinh" not in text and "." * 30 in text


def test_the_register_service_tells_the_desk_its_progress(desk):
    from datetime import date

    from counter_app.services import desk as desks
    from counter_app.services.printouts.register import register_pdf

    for _ in range(3):
        desk.receive()
    seen: list[tuple[int, int]] = []
    engine = make_engine(f"sqlite:///{desk.path}")
    try:
        with unit_of_work(session_factory(engine)) as session:
            agency = desks.desk_agency(session, None)
            pdf = register_pdf(
                session,
                agency,
                date(2026, 2, 1),
                date(2026, 2, 28),
                now(),
                lambda done, total: seen.append((done, total)),
            )
    finally:
        engine.dispose()
    assert seen == [(3, 3)] and pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    "case,said",
    [
        ("Windows, Times New Roman", None),
        ("Debian, fonts-liberation2", "Liberation Serif"),
        ("no font at all", "Roboto"),
    ],
)
def test_print_says_which_font_when_not_times_new_roman(desk, machine, case, said):
    MACHINES[case][0](machine)
    code = desk.receive()["code"]
    status, _, err = desk.run("print", "receipt", code, "-o", str(desk.tmp / "r.pdf"))
    assert status == 0
    if said is None:
        assert err == ""
    else:
        assert err.count("\n") == 1 and said in err and not err.startswith("error")
