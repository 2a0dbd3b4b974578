"""A refused login never tells which user names exist (issue 17, item 11): an unknown
name, a wrong password, a locked name and a disabled officer with a wrong password all get
the same line; only a disabled officer who proved the password is told it is disabled.
Five failures still lock a real officer for five minutes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.driver import Desk
from tests.integration.test_officers_cli import ADMIN_PW, HOA_PW, as_officer
from tests.integration.test_officers_cli import office as office  # noqa: F401 - fixture


def _fail_five_times(desk: Desk, monkeypatch: Any, name: str) -> None:
    for _ in range(5):
        assert as_officer(desk, monkeypatch, name, "sai mật khẩu", "find", "x")[0] == 2


def _disable_hoa(desk: Desk, monkeypatch: Any) -> None:
    assert as_officer(desk, monkeypatch, "admin", ADMIN_PW, "officer", "disable", "hoa")[0] == 0


# what was done before, who logs in, with which password
ATTEMPTS: dict[str, tuple[Any, str, str]] = {
    "an unknown name": (None, "khongco", HOA_PW),
    "a wrong password": (None, "hoa", "sai mật khẩu"),
    "a disabled officer, wrong password": (_disable_hoa, "hoa", "sai mật khẩu"),
    "a locked officer, right password": (lambda d, m: _fail_five_times(d, m, "hoa"), "hoa", HOA_PW),
    "a locked officer, wrong password": (
        lambda d, m: _fail_five_times(d, m, "hoa"),
        "hoa",
        "sai mật khẩu",
    ),
    "an unknown name after five failures": (
        lambda d, m: _fail_five_times(d, m, "khongco"),
        "khongco",
        HOA_PW,
    ),
}


def _refusal(desk: Desk, monkeypatch: Any, case: str) -> str:
    before, name, password = ATTEMPTS[case]
    if before:
        before(desk, monkeypatch)
    status, out, err = as_officer(desk, monkeypatch, name, password, "find", "x")
    assert (status, out) == (2, "")
    return err


@pytest.mark.parametrize("case", list(ATTEMPTS))
def test_every_refused_login_says_the_same(office, monkeypatch, case):
    err = _refusal(office, monkeypatch, case)
    assert err == _refusal(office, monkeypatch, "an unknown name")
    assert "đã bị khoá" not in err and "tạm khoá" in err  # the lock is told to every name


def test_a_disabled_officer_who_proved_the_password_is_told(office, monkeypatch):
    _disable_hoa(office, monkeypatch)
    status, _, err = as_officer(office, monkeypatch, "hoa", HOA_PW, "find", "x")
    assert status == 2 and "đã bị khoá" in err and "quản trị" in err


def test_five_failures_still_lock_a_real_officer(office, monkeypatch):
    _fail_five_times(office, monkeypatch, "hoa")
    assert as_officer(office, monkeypatch, "hoa", HOA_PW, "find", "x")[0] == 2
    assert as_officer(office, monkeypatch, "admin", ADMIN_PW, "find", "x")[0] == 0
