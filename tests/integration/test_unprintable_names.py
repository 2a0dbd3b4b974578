"""A name the forms' font cannot print is refused where it is typed (issue 17, item 11):
an Arabic-script or emoji name was recorded, then printed as blanks on form 01. The
applicant's name at intake, the receiver of a result and an officer's full name are
refused with exit 2, the field named, the name itself never in the message, and nothing
written; every Vietnamese name (and a foreigner's in Latin letters) still goes through."""

from __future__ import annotations

import pytest

from tests.conftest import intake_doc
from tests.integration.test_cli import Desk
from tests.integration.test_cli import desk as desk  # noqa: F401 - the fixture

UNPRINTABLE = {
    "Arabic script": "محمد علي",
    "an emoji": "Nguyễn Văn 😀",
    "Chinese characters": "阮文安",
    "Thai script": "สมชาย ใจดี",
}
PRINTABLE = ["Nguyễn Thị Hoà", "Đặng Ngọc Ỷ", "Müller-Lüdenscheidt", "O'Brien"]


def _refused(
    desk: Desk, before: tuple[object, ...], result: tuple[int, str, str], field: str, name: str
) -> None:
    status, out, err = result
    assert (status, out) == (2, ""), err
    assert err.startswith("error: ") and err.count("\n") == 1 and field in err, err
    assert not [word for word in name.split() if word in err]  # the name is not repeated
    assert desk.written() == before


@pytest.mark.parametrize("script", list(UNPRINTABLE))
def test_an_applicant_name_the_font_cannot_print_is_refused(desk, script):
    name, before = UNPRINTABLE[script], desk.written()
    intake = desk.file("bad.json", intake_doc(applicant_name=name))
    _refused(desk, before, desk.run("receive", intake), "Họ tên người nộp", name)


@pytest.mark.parametrize("script", list(UNPRINTABLE))
def test_a_receiver_the_font_cannot_print_is_refused(desk, script):
    code = desk.receive()["code"]
    assert desk.run("handoff", code, "--to", "TP-HT")[0] == 0
    assert desk.run("result", code)[0] == 0
    name, before = UNPRINTABLE[script], desk.written()
    _refused(desk, before, desk.run("return", code, "--receiver", name), "người nhận", name)


@pytest.mark.parametrize("script", list(UNPRINTABLE))
def test_an_officer_name_the_font_cannot_print_is_refused(desk, monkeypatch, script):
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", "quản trị 2026")
    name, before = UNPRINTABLE[script], desk.written()
    result = desk.run("officer", "add", "admin", "--name", name, "--role", "admin")
    _refused(desk, before, result, "Họ tên cán bộ", name)


@pytest.mark.parametrize("name", PRINTABLE)
def test_a_name_the_font_has_is_received_and_printed(desk, name):
    code = desk.json("receive", desk.file("ok.json", intake_doc(applicant_name=name)))["code"]
    assert desk.run("print", "receipt", code, "-o", str(desk.tmp / "r.pdf"))[0] == 0
