"""The VietQR payload (issue 23, docs/fees.md): the published test vector byte for byte,
bad values refused, and any payload read back as it was made."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.errors import ValidationError
from counter_app.fees.vietqr import VietQR, crc16, parse, payload, plain

# napas-qr-python's published example: a static code (no amount) to account 1031933430 at
# BIN 970436 (Vietcombank), purpose "Thanh toan hoa don"
VECTOR = (
    "00020101021153037045802VN38540010A00000072701240006970436011010319334300208QRIBFTTA"
    "62220818Thanh toan hoa don6304FCE9"
)


def test_the_published_vector_reads_back_and_its_crc_is_ours():
    qr = parse(VECTOR)
    assert qr == VietQR("970436", "1031933430", None, "Thanh toan hoa don")
    assert crc16(VECTOR[:-4]) == "FCE9"


def test_a_dynamic_code_carries_the_amount_and_the_dossier():
    text = payload(VietQR("970436", "1031933430", 25000, "H01.22-261207-0012"))
    assert text.startswith("000201010212")  # dynamic: one amount, one use
    assert "540525000" in text and "5802VN" in text and "5303704" in text
    assert "0818H01.22-261207-0012" in text
    assert text[-8:-4] == "6304" and crc16(text[:-4]) == text[-4:]
    assert parse(text).amount == 25000


def test_the_crc_is_the_standard_check_value():
    assert crc16("123456789") == "29B1"  # CRC-16/CCITT-FALSE's catalogued check value


@pytest.mark.parametrize(
    ("qr", "field"),
    [
        (VietQR("97043", "1031933430", 1000, "X"), "bank_bin"),
        (VietQR("970436", "10319-33430", 1000, "X"), "account"),
        (VietQR("970436", "1031933430", 0, "X"), "amount"),
        (VietQR("970436", "1031933430", -5, "X"), "amount"),
        (VietQR("970436", "1031933430", 1000, "Lệ phí hộ tịch"), "purpose"),
        (VietQR("970436", "1031933430", 1000, "X" * 26), "purpose"),
    ],
)
def test_bad_values_are_refused(qr, field):
    with pytest.raises(ValidationError) as error:
        payload(qr)
    assert error.value.field == field


def test_a_changed_character_is_caught():
    broken = VECTOR.replace("1031933430", "1031933431")
    with pytest.raises(ValidationError, match="CRC"):
        parse(broken)
    with pytest.raises(ValidationError, match="EMVCo"):
        parse(VECTOR.replace("Thanh toan", "Thanh toán"))


def test_purposes_lose_their_marks():
    assert plain("Lệ phí đăng ký khai sinh") == "Le phi dang ky khai sinh"


@given(
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9]{1,19}", fullmatch=True),
    st.none() | st.integers(1, 10**12),
    st.from_regex(r"[A-Za-z0-9 .\-/]{0,25}", fullmatch=True),
)
def test_any_payload_reads_back_as_made(bank_bin, account, amount, purpose):
    qr = VietQR(bank_bin, account, amount, purpose)
    assert parse(payload(qr)) == qr
