"""`counter-app portal import FILE|-` as docs/portal.md gives it: an online dossier from the
portal takes the desk's next code and its online appointment, its attachments become the
digitised documents of their lines, it waits for the officer's answer; imported twice it is
one dossier; bad input is refused with one `error:` line and nothing written."""

from __future__ import annotations

import base64
import copy
import io
import json
import sqlite3
from typing import Any

import pikepdf
import pytest

from tests.integration.driver import Desk


def pdf() -> bytes:
    made = pikepdf.new()
    made.add_blank_page()
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


def portal_dossier(**changes: Any) -> dict[str, Any]:
    """The portal's dossier object for the small catalog's 1.001193, as the gateway gives it
    (with fields the desk does not use)."""
    doc: dict[str, Any] = {
        "MaHoSo": "H26.20-260213-000123",
        "MaTTHC": "1.001193",
        "TenTTHC": "Đăng ký khai sinh",
        "KenhThucHien": 2,
        "ChuHoSo": "Trần Văn Bình",
        "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "026190005678"}],
        "SoDienThoai": "0987654321",
        "Email": "binh@example.vn",
        "NgayNopHoSo": "20260213160500",  # after the 15:00 cut-off: counts from Monday
        "TrichYeuHoSo": "Đăng ký khai sinh cho con",
        "TaiLieuNop": [
            {
                "TenThanhPhanHoSo": "Tờ khai đăng ký khai sinh",
                "TenTepDinhKem": "to-khai.pdf",
                "NoiDung": base64.b64encode(pdf()).decode(),
            },
            {"TenThanhPhanHoSo": "Giấy chứng sinh"},
        ],
    }
    doc = copy.deepcopy(doc)
    doc.update(changes)
    return doc


def rows(desk: Desk, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(desk.path) as db:
        return db.execute(sql).fetchall()


def stored_files(desk: Desk) -> int:
    root = desk.path.parent / "documents"
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def test_an_online_dossier_takes_the_next_code_and_waits_to_be_accepted(
    ready: tuple[Desk, str],
) -> None:
    desk, first = ready  # the desk received 000.00.20.H26-260213-0001 that day
    got = desk.json("portal", "import", desk.file("d.json", portal_dossier()))
    assert got["code"] == first[:-4] + "0002"  # the same counter as the desk's receptions
    assert got["channel"] == "online"
    assert got["portal_code"] == "H26.20-260213-000123"
    assert (got["imported"], got["digitised"]) == (True, 1)
    assert got["received_at"].startswith("2026-02-13T16:05")
    rules = desk.json("deadline", "1.001193", "2026-02-13T16:05:00+07:00", "--channel", "online")
    assert got["due_at"] == rules["due_at"]  # the desk's appointment rules, from submission
    assert stored_files(desk) == 1
    waiting = desk.json("portal", "waiting")["waiting"]
    assert [w["code"] for w in waiting] == [got["code"]]

    documents = desk.json("documents", got["code"])
    first_line, second_line = documents["documents"][:2]
    assert (first_line["source"], first_line["pages"], first_line["here"]) == ("file", 1, True)
    assert second_line["sha256"] is None  # given on the portal without a file: not digitised

    accepted = desk.json("portal", "accept", got["code"])
    assert accepted["status"] == "received"
    assert desk.json("portal", "waiting")["waiting"] == []
    again = desk.outcome("portal", "accept", got["code"])
    assert again.refused()


def test_imported_twice_it_is_one_dossier_and_the_second_writes_nothing(
    ready: tuple[Desk, str],
) -> None:
    desk, _ = ready
    name = desk.file("d.json", portal_dossier())
    first = desk.json("portal", "import", name)
    before = desk.written()
    second = desk.json("portal", "import", name)
    assert (second["code"], second["imported"]) == (first["code"], False)
    assert desk.written() == before
    assert rows(desk, "SELECT count(*) FROM dossiers WHERE portal_code IS NOT NULL") == [(1,)]


def test_an_online_dossier_can_be_refused_or_sent_for_a_supplement(
    ready: tuple[Desk, str],
) -> None:
    desk, _ = ready
    one = desk.json("portal", "import", desk.file("a.json", portal_dossier()))
    two = desk.json("portal", "import", desk.file("b.json", portal_dossier(MaHoSo="H26-2")))
    refused = desk.json("refuse", one["code"], "--reason", "Không thuộc thẩm quyền")
    asked = desk.json("supplement", two["code"], "--items", "Giấy chứng sinh bản rõ nét")
    assert (refused["status"], asked["status"]) == ("refused", "supplement_requested")
    assert desk.json("portal", "waiting")["waiting"] == []


def _twice_different(desk: Desk) -> list[str]:
    desk.json("portal", "import", desk.file("a.json", portal_dossier()))
    return ["portal", "import", desk.file("b.json", portal_dossier(ChuHoSo="Trần Văn Bính"))]


BAD = {
    "not JSON": lambda d: ["portal", "import", d.file("x.json", "{MaHoSo: 1")],
    "a procedure not in the catalog": lambda d: [
        "portal",
        "import",
        d.file("x.json", portal_dossier(MaTTHC="9.999999")),
    ],
    "no MaHoSo": lambda d: [
        "portal",
        "import",
        d.file("x.json", {k: v for k, v in portal_dossier().items() if k != "MaHoSo"}),
    ],
    "bad base64": lambda d: [
        "portal",
        "import",
        d.file(
            "x.json",
            portal_dossier(TaiLieuNop=[{"TenThanhPhanHoSo": "Giấy chứng sinh", "NoiDung": "%%"}]),
        ),
    ],
    "a pdf that is not a pdf": lambda d: [
        "portal",
        "import",
        d.file(
            "x.json",
            portal_dossier(
                TaiLieuNop=[
                    {
                        "TenThanhPhanHoSo": "Tờ khai đăng ký khai sinh",
                        "NoiDung": base64.b64encode(b"%PDF-1.4 not really").decode(),
                    },
                    {"TenThanhPhanHoSo": "Giấy chứng sinh"},
                ]
            ),
        ),
    ],
    "an attachment file that is missing": lambda d: [
        "portal",
        "import",
        d.file(
            "x.json",
            portal_dossier(
                TaiLieuNop=[
                    {"TenThanhPhanHoSo": "Tờ khai đăng ký khai sinh", "DuongDanTaiTep": "nope.pdf"},
                    {"TenThanhPhanHoSo": "Giấy chứng sinh"},
                ]
            ),
        ),
    ],
    "a required component missing": lambda d: [
        "portal",
        "import",
        d.file("x.json", portal_dossier(TaiLieuNop=[])),
    ],
    "a submission time that is not the portal's": lambda d: [
        "portal",
        "import",
        d.file("x.json", portal_dossier(NgayNopHoSo="2026-02-13")),
    ],
    "the same MaHoSo with different content": _twice_different,
}


SAID = {
    "not JSON": "không phải JSON hợp lệ",
    "a procedure not in the catalog": "Không có thủ tục mã '9.999999'",
    "no MaHoSo": "MaHoSo: thiếu trường bắt buộc",
    "bad base64": "NoiDung: không phải chuỗi base64",
    "a pdf that is not a pdf": "PDF bị hỏng",
    "an attachment file that is missing": "DuongDanTaiTep: không đọc được tệp (không có",
    "a required component missing": "thiếu thành phần bắt buộc",
    "a submission time that is not the portal's": "NgayNopHoSo: cần thời điểm nộp",
    "the same MaHoSo with different content": "với nội dung khác",
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_is_refused_with_nothing_written(case: str, ready: tuple[Desk, str]) -> None:
    desk, _ = ready
    args = BAD[case](desk)
    files_before = stored_files(desk)
    outcome = desk.outcome(*args)
    assert outcome.refused(), outcome
    assert stored_files(desk) == files_before
    assert SAID[case] in outcome.err  # the reason, not a usage error
    assert "Trần" not in outcome.err and "026190005678" not in outcome.err


def test_attachments_given_as_file_paths_next_to_the_object(ready: tuple[Desk, str]) -> None:
    desk, _ = ready
    desk.file("to-khai.pdf", pdf())
    doc = portal_dossier(
        TaiLieuNop=[
            {"TenThanhPhanHoSo": "Tờ khai đăng ký khai sinh", "DuongDanTaiTep": "to-khai.pdf"},
            {"TenThanhPhanHoSo": "Giấy chứng sinh"},
        ]
    )
    got = desk.json("portal", "import", desk.file("d.json", json.dumps(doc, ensure_ascii=False)))
    assert got["digitised"] == 1


def test_the_officers_acceptance_goes_out_with_the_true_status(ready: tuple[Desk, str]) -> None:
    """Imported, an online dossier waits: the portal hears status 1 (chờ tiếp nhận), not 2;
    the officer's acceptance goes out as its own step with status 2."""
    desk, _ = ready
    got = desk.json("portal", "import", desk.file("d.json", portal_dossier()))

    def sent(service: str) -> list[dict[str, Any]]:
        bodies = rows(
            desk,
            f"SELECT body FROM portal_messages WHERE code = '{got['code']}' "
            f"AND service = '{service}' ORDER BY position",
        )
        return [
            json.loads(b)[0] if isinstance(json.loads(b), list) else json.loads(b)
            for (b,) in bodies
        ]

    assert [m["TrangThaiHoSo"] for m in sent("DongBoHoSoMC")] == [1]
    desk.json("portal", "accept", got["code"])
    assert [m["TrangThaiHoSo"] for m in sent("DongBoHoSoMC")] == [1, 2]
    steps = sent("CapNhatTienDoHoSoMC")
    assert steps[-1]["NoiDungXuLy"] == "Tiếp nhận hồ sơ trực tuyến"
    assert steps[-1]["TrangThai"] == 2


def test_waiting_says_when_the_answer_is_due(ready: tuple[Desk, str]) -> None:
    """Answered within 8 working hours of the submission (portal/waiting.py), counted on
    the working calendar: Friday 13/02/2026 16:05 leaves 55 minutes that day, then the
    Tết days off (16-20/02), so Monday 23/02 at 16:35."""
    desk, _ = ready
    got = desk.json("portal", "import", desk.file("d.json", portal_dossier()))
    (row,) = desk.json("portal", "waiting")["waiting"]
    assert row["answer_due_at"] == "2026-02-23T16:35:00+07:00"
    said = desk.outcome("portal", "waiting").out
    assert said.startswith(got["code"]) and "hạn trả lời 23/02/2026 16:35 (quá hạn)" in said
