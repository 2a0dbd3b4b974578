"""`counter-app queue …` on a desk without an office server (issue 22): the spec's JSON
keys, bad input refused like every refusal (exit 2, one `error:` line, nothing written),
the link from `receive`/`return --ticket`, and a joined desk that cannot reach its server
(exit 1, nothing called)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from counter_app.sync import state

QUEUE_TABLES = ("queue_services", "queue_tickets", "queue_calls", "queue_links")


def queue_rows(desk) -> tuple:
    with sqlite3.connect(desk.path) as db:
        counts = tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in QUEUE_TABLES)
        states = tuple(db.execute("SELECT state, recalls, open FROM queue_tickets, queue_services"))
    return counts + states


@pytest.fixture
def hall(ready):
    desk, code = ready
    assert (
        desk.run("queue", "service", "add", "A", "--name", "Hộ tịch", "--counters", "1,2")[0] == 0
    )
    assert (
        desk.run("queue", "service", "add", "C", "--name", "Chứng thực", "--counters", "3")[0] == 0
    )
    assert desk.run("queue", "service", "close", "C")[0] == 0
    return desk, code


def test_the_commands_answer_with_the_spec_keys(hall):
    desk, _ = hall
    issued = desk.json("queue", "ticket", "A")
    assert {"ticket", "service", "waiting_before", "issued_at"} <= set(issued)
    assert (issued["ticket"], issued["service"], issued["waiting_before"]) == ("A001", "A", 0)
    assert issued["issued_at"].endswith("+07:00")
    assert desk.json("queue", "ticket", "A", "--priority")["waiting_before"] == 0
    called = desk.json("queue", "call", "--counter", "1")
    assert {"ticket", "counter", "called_at", "waited_s"} <= set(called)
    assert (called["ticket"], called["counter"]) == ("A002", 1)
    assert desk.json("queue", "recall", "--counter", "1")["recalls"] == 1
    assert desk.json("queue", "call", "--counter", "2")["ticket"] == "A001"
    assert desk.json("queue", "call", "--counter", "2")["ticket"] is None
    listed = desk.json("queue", "service", "list")["services"]
    assert [(s["prefix"], s["counters"], s["open"]) for s in listed] == [
        ("A", [1, 2], True),
        ("C", [3], False),
    ]
    status = desk.json("queue", "status")
    assert [c["ticket"] for c in status["calls"]] == ["A001", "A002", "A002"]
    assert set(status["calls"][0]) == {"ticket", "service", "counter", "at", "kind"}


def test_skip_back_and_transfer_by_command(hall):
    desk, _ = hall
    desk.run("queue", "service", "add", "B", "--name", "Đất đai")
    for _ in range(2):
        desk.json("queue", "ticket", "A")
    desk.json("queue", "call", "--counter", "1")
    code, out, _ = desk.run("queue", "skip", "--counter", "1")
    assert code == 0 and "queue back A001" in out
    assert desk.json("queue", "back", "A001")["state"] == "waiting"
    moved = desk.json("queue", "transfer", "A002", "--to", "B")
    assert (moved["ticket"], moved["service"], moved["state"]) == ("A002", "B", "transferred")
    assert desk.json("queue", "call", "--counter", "1", "--ticket", "A002")["service"] == "B"


def test_the_dossier_received_and_returned_at_a_ticket_has_its_times(hall, tmp_path):
    desk, code = hall
    desk.json("queue", "ticket", "A")
    desk.json("queue", "call", "--counter", "1")
    dossier = desk.json("receive", desk.file("intake.json", _today_intake()), "--ticket", "a001")
    desk.json("result", dossier["code"])
    desk.json("queue", "ticket", "A")
    desk.json("queue", "call", "--counter", "2")
    desk.json("return", dossier["code"], "--receiver", "Nguyễn Thị Hoà", "--ticket", "A002")
    day = issued_day(desk)
    rows = desk.json("queue", "times", "--from", day, "--to", day)["rows"]
    assert [(r["ticket"], r["action"], r["counter"]) for r in rows] == [
        ("A001", "reception", 1),
        ("A002", "return", 2),
    ]
    assert all(r["waited_s"] >= 0 and r["served_s"] >= 0 and r["dossier_id"] for r in rows)


def issued_day(desk) -> str:
    return desk.json("queue", "status")["calls"][0]["at"][:10]


def _today_intake() -> dict:
    from tests.conftest import intake_doc

    doc = intake_doc()
    del doc["received_at"]  # now: the ticket is today's
    return doc


REFUSED = {
    "a ticket for a service that does not exist": (("queue", "ticket", "X"), "Không có hàng chờ X"),
    "a ticket for a closed service": (("queue", "ticket", "C"), "đang ngừng cấp số"),
    "a call from a counter that serves nothing": (
        ("queue", "call", "--counter", "9"),
        "Quầy 9 không gọi hàng chờ nào",
    ),
    "a counter out of range": (("queue", "call", "--counter", "0"), "Số quầy phải từ 1 đến 99"),
    "a transfer to an unknown service": (
        ("queue", "transfer", "A001", "--to", "Z"),
        "Không có hàng chờ Z",
    ),
    "a transfer to nowhere": (("queue", "transfer", "A001"), "Cho biết hàng chờ"),
    "a recall with nothing called": (
        ("queue", "recall", "--counter", "1"),
        "không có số nào đang gọi để gọi lại",
    ),
    "a skip with nothing called": (("queue", "skip", "--counter", "2"), "để bỏ qua"),
    "an empty prefix": (("queue", "service", "add", " ", "--name", "X"), "Ký hiệu hàng chờ"),
    "a prefix that is not letters": (("queue", "service", "add", "A1", "--name", "X"), "Ký hiệu"),
    "a duplicate prefix": (("queue", "service", "add", "a", "--name", "Trùng"), "Đã có hàng chờ A"),
    "an empty name": (("queue", "service", "add", "D", "--name", "  "), "Tên hàng chờ"),
    "counters that are not numbers": (
        ("queue", "service", "add", "D", "--name", "D", "--counters", "1,x"),
        "Danh sách quầy",
    ),
    "a ticket number that is not one": (("queue", "back", "21"), "Số thứ tự viết dạng"),
    "a ticket that was never issued": (("queue", "back", "A404"), "Hôm nay không có số A404"),
    "a waiting ticket brought back": (("queue", "back", "A001"), "không ở trạng thái bỏ qua"),
    "--admin-url on a desk alone": (
        ("queue", "service", "open", "C", "--admin-url", "postgresql://x@h/db"),
        "chưa tham gia máy chủ",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(hall, case):
    desk, _ = hall
    desk.json("queue", "ticket", "A")
    args, told = REFUSED[case]
    before = queue_rows(desk)
    outcome = desk.outcome(*args)
    assert outcome.refused(), outcome
    assert told in outcome.err
    assert queue_rows(desk) == before


def test_a_reception_at_a_ticket_not_called_is_refused_before_anything_is_written(hall):
    desk, _ = hall
    desk.json("queue", "ticket", "A")
    before = queue_rows(desk)
    outcome = desk.outcome("receive", desk.file("i.json", _today_intake()), "--ticket", "A001")
    assert outcome.refused() and "Số A001 chưa được gọi" in outcome.err
    assert queue_rows(desk) == before


def test_a_joined_desk_without_its_server_calls_nothing(hall):
    desk, _ = hall
    from tests.pg import free_port

    state.save_url(desk.url, f"postgresql://counter_x_ban:pw@127.0.0.1:{free_port()}/motcua")
    before = queue_rows(desk)
    code, out, err = desk.run("queue", "call", "--counter", "1")
    assert (code, out, err.count("\n")) == (1, "", 1)
    assert err.startswith("error: Không kết nối được máy chủ văn phòng")
    assert "không gọi hay cấp số nào" in err and "pw" not in err
    assert queue_rows(desk) == before
    refused = desk.outcome("queue", "service", "add", "B", "--name", "Đất đai")
    assert refused.refused() and "--admin-url" in refused.err


def test_the_json_is_one_document(hall):
    desk, _ = hall
    code, out, _ = desk.run("queue", "ticket", "A", "--json", "--token", "kiosk:1")
    again = desk.run("queue", "ticket", "A", "--json", "--token", "kiosk:1")[1]
    assert code == 0 and json.loads(out) == json.loads(again)
