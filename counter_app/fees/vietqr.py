"""The dynamic VietQR of a payment (NAPAS EMVCo merchant-presented QR, docs/fees.md):
what the citizen's banking app scans to transfer the amount left to the agency's account,
with the dossier's code as the purpose, so that the bank statement's line names it.

A payload is a run of fields `ID LEN VALUE` (two digits each for ID and LEN): 00 format
"01", 01 "12" (dynamic: one amount, one use), 38 the beneficiary (00 NAPAS's GUID
A000000727, 01 {00 the bank's BIN, 01 the account}, 02 the service QRIBFTTA: to an
account), 53 currency 704 (đồng), 54 the amount, 58 country VN, 62 {08 purpose}, and 63
the CRC-16/CCITT-FALSE of everything before it, "6304" included. `parse` reads one back
and checks its CRC: the tests decode the printed symbol and compare."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from counter_app.errors import ValidationError

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
PURPOSE_MAX = 25  # a field of template 62 holds at most 25 characters
_PURPOSE = re.compile(r"[A-Za-z0-9 .\-/]*")


@dataclass(frozen=True)
class VietQR:
    bank_bin: str  # the beneficiary bank's six-digit BIN (NAPAS's list)
    account: str  # the agency's collection account
    amount: int | None  # đồng; None: a static code, the payer types the amount
    purpose: str  # ASCII, at most 25 characters


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF), four upper-case hex digits."""
    crc = 0xFFFF
    for byte in data.encode("ascii"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def plain(text: str) -> str:
    """Vietnamese without its marks (đ → d), as banks carry a transfer's purpose."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValidationError(f"VietQR: trường {tag} dài quá 99 ký tự.", "vietqr")
    return f"{tag}{len(value):02d}{value}"


def payload(qr: VietQR) -> str:
    """The text the symbol encodes. Refused (ValidationError, nothing made): a BIN that is
    not six digits, an account that is not 1-19 letters or digits, an amount not a whole
    positive number of đồng, a purpose that cannot be carried."""
    if not re.fullmatch(r"[0-9]{6}", qr.bank_bin):
        raise ValidationError("VietQR: mã BIN của ngân hàng phải gồm 6 chữ số.", "bank_bin")
    if not re.fullmatch(r"[A-Za-z0-9]{1,19}", qr.account):
        raise ValidationError("VietQR: số tài khoản chỉ gồm chữ và số, tối đa 19 ký tự.", "account")
    if qr.amount is not None and (type(qr.amount) is not int or not 0 < qr.amount < 10**13):
        raise ValidationError("VietQR: số tiền phải là số đồng nguyên dương.", "amount")
    if len(qr.purpose) > PURPOSE_MAX or not _PURPOSE.fullmatch(qr.purpose):
        raise ValidationError(
            f"VietQR: nội dung chuyển khoản tối đa {PURPOSE_MAX} ký tự không dấu.", "purpose"
        )
    beneficiary = _field("00", qr.bank_bin) + _field("01", qr.account)
    account = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", TO_ACCOUNT)
    text = _field("00", "01") + _field("01", "11" if qr.amount is None else "12")
    text += _field("38", account) + _field("53", CURRENCY_VND)
    if qr.amount is not None:
        text += _field("54", str(qr.amount))
    text += _field("58", "VN")
    if qr.purpose:
        text += _field("62", _field("08", qr.purpose))
    text += "6304"
    return text + crc16(text)


def fields(text: str) -> dict[str, str]:
    """The top-level fields of an EMVCo payload, by tag."""
    found: dict[str, str] = {}
    i = 0
    while i < len(text):
        if i + 4 > len(text) or not re.fullmatch(r"[0-9]{4}", text[i : i + 4]):
            raise ValidationError("VietQR: nội dung mã không đúng định dạng EMVCo.", "vietqr")
        tag, size = text[i : i + 2], int(text[i + 2 : i + 4])
        if i + 4 + size > len(text):
            raise ValidationError("VietQR: nội dung mã không đúng định dạng EMVCo.", "vietqr")
        found[tag] = text[i + 4 : i + 4 + size]
        i += 4 + size
    return found


def parse(text: str) -> VietQR:
    """A payload read back: refused when its CRC does not match or it is not a VietQR to
    an account."""
    if not text.isascii():
        raise ValidationError("VietQR: nội dung mã không đúng định dạng EMVCo.", "vietqr")
    if len(text) < 8 or crc16(text[:-4]) != text[-4:].upper() or text[-8:-4] != "6304":
        raise ValidationError("VietQR: mã kiểm tra (CRC) không khớp.", "vietqr")
    top = fields(text[:-8])
    account = fields(top.get("38", ""))
    beneficiary = fields(account.get("01", ""))
    if account.get("00") != NAPAS_GUID or "00" not in beneficiary or "01" not in beneficiary:
        raise ValidationError("VietQR: không phải mã chuyển khoản NAPAS.", "vietqr")
    amount = top.get("54")
    return VietQR(
        beneficiary["00"],
        beneficiary["01"],
        int(amount) if amount else None,
        fields(top.get("62", "")).get("08", ""),
    )
