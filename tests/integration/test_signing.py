"""Signing with a real PKCS#11 token (SoftHSM2, tests/devices.py) and pyHanko, as an
officer signs a digitised document with their USB token."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta

import img2pdf
import pytest
from PIL import Image

from counter_app.signing import (
    FinalTryNotConfirmed,
    PinLocked,
    TokenRemoved,
    TokenSession,
    WrongPin,
)
from counter_app.signing.base import CKF_USER_PIN_FINAL_TRY, CKF_USER_PIN_LOCKED
from counter_app.signing.pades import trust_roots, verify
from tests.devices import OFFICER_NAME, add_token_flags


@pytest.fixture(scope="module")
def document() -> bytes:
    page = Image.new("1", (1654, 2339), 1)  # an A4 page at 200 dpi
    return img2pdf.convert(_tiff(page))


def _tiff(image: Image.Image) -> bytes:
    import io

    out = io.BytesIO()
    image.save(out, "TIFF", compression="group4", dpi=(200, 200))
    return out.getvalue()


def _session(token, asked: list | None = None) -> TokenSession:
    asked = [] if asked is None else asked
    return TokenSession(lambda state: asked.append(state) or token.pin, module=token.module)


def test_a_signed_document_verifies_against_the_agency_root(softhsm_token, document):
    with _session(softhsm_token) as session:
        signed = session.sign(document)
    assert signed.startswith(document)  # an incremental update: the original bytes kept
    state = verify(signed, trust_roots(softhsm_token.ca_pem.parent))
    assert (state.kind, state.signer, state.count) == ("valid", OFFICER_NAME, 1)
    assert abs(state.signed_at - datetime.now(UTC)) < timedelta(minutes=5)
    assert state.text == "Chữ ký số hợp lệ."


def test_without_the_agency_root_the_signature_is_intact_but_unproven(softhsm_token, document):
    with _session(softhsm_token) as session:
        signed = session.sign(document)
    state = verify(signed, trust_roots(softhsm_token.conf.parent / "no-such-folder"))
    assert (state.kind, state.signer) == ("untrusted", OFFICER_NAME)
    assert "không xác minh được chuỗi chứng thư" in state.text


def test_a_changed_byte_makes_the_signature_invalid(softhsm_token, document):
    with _session(softhsm_token) as session:
        signed = bytearray(session.sign(document))
    roots = trust_roots(softhsm_token.ca_pem.parent)
    signed[len(document) // 2] ^= 0x01  # one bit inside the signed image
    assert verify(bytes(signed), roots).kind == "invalid"
    assert verify(bytes(signed) + b"%% added after signing\n", roots).kind == "invalid"
    assert verify(document, roots).kind == "none"


def test_the_pin_is_asked_once_per_desk_session(softhsm_token, document):
    asked: list = []
    roots = trust_roots(softhsm_token.ca_pem.parent)
    with _session(softhsm_token, asked) as session:
        first = session.sign(document)
        second = session.sign(first)  # a second signature on the same document
        session.sign(document)
    assert len(asked) == 1
    assert verify(second, roots).count == 2
    assert verify(second, roots).kind == "valid"
    with _session(softhsm_token, asked) as again:  # a new desk session asks again
        again.sign(document)
    assert len(asked) == 2


def test_a_wrong_pin_three_times_is_told_and_softhsm_never_locks(softhsm_token, document):
    """What SoftHSM2 2.6 does: after a wrong PIN it sets CKF_USER_PIN_COUNT_LOW, never
    FINAL_TRY nor LOCKED, and the right PIN still works after any number of wrong ones."""
    wrong = TokenSession(lambda state: "000000", module=softhsm_token.module)
    for _ in range(3):
        with pytest.raises(WrongPin) as refused:
            wrong.open()
        assert str(refused.value).startswith("Mã PIN không đúng. Đã có lần nhập sai mã PIN")
        assert softhsm_token.pin not in str(refused.value)
        assert (refused.value.state.count_low, refused.value.state.final_try) == (True, False)
    assert not wrong.pin_state().locked
    with _session(softhsm_token) as session:
        assert verify(session.sign(document)).kind == "untrusted"  # signed: not locked
        assert session.pin_state().count_low is False  # the right PIN cleared it


def test_at_the_last_try_nothing_is_tried_until_the_officer_confirms(softhsm_token, document):
    add_token_flags(softhsm_token, CKF_USER_PIN_FINAL_TRY)
    asked: list = []
    session = _session(softhsm_token, asked)
    assert session.pin_state().warning == "Còn 1 lần thử: nhập sai nữa token sẽ bị khóa."
    with pytest.raises(FinalTryNotConfirmed, match="^Còn 1 lần thử: nhập sai nữa token"):
        session.open()
    assert asked == []  # the PIN was not even asked
    session.open(confirm_final_try=True)
    assert [state.final_try for state in asked] == [True]  # the dialog can show the warning
    assert verify(session.sign(document)).kind == "untrusted"
    session.close()


def test_a_locked_token_is_not_tried(softhsm_token):
    add_token_flags(softhsm_token, CKF_USER_PIN_LOCKED)
    asked: list = []
    with pytest.raises(PinLocked, match="^Mã PIN của token đã bị khóa"):
        _session(softhsm_token, asked).open(confirm_final_try=True)
    assert asked == []


def test_a_token_gone_while_in_use_is_told_and_nothing_is_signed(softhsm_token, document):
    session = _session(softhsm_token)
    session.sign(document)
    # the token leaves its module (SoftHSM's own way of losing a token: deleted by another
    # process while this session is open; a USB token pulled out answers likewise)
    subprocess.run(
        ["softhsm2-util", "--delete-token", "--token", softhsm_token.label],
        check=True,
        capture_output=True,
    )
    with pytest.raises(TokenRemoved, match="^Không thấy token nữa"):
        session.sign(document)
    assert not session.is_open
