"""Scanned codes repaired from keyboard tools, and refused when they are not codes."""

from __future__ import annotations

import pytest

from counter_app.services.codes.codes import read_scan

CODE = "000.00.20.H26-260213-0007"


@pytest.mark.parametrize(
    "scanned,warned",
    [
        (CODE, False),
        (CODE.lower(), False),
        (f"  {CODE}\t", False),
        ("000.00.20.Ḥ26-260213-0007", True),
        ("000.00.20.Ĥ26-260213-0007", True),
    ],
    ids=["clean", "caps lock", "spaces", "dot below from VNI", "circumflex from Telex"],
)
def test_scan_is_repaired(scanned, warned):
    scan = read_scan(scanned)
    assert scan.code == CODE
    assert (scan.warning is not None) == warned


@pytest.mark.parametrize(
    "scanned", ["Nguyễn Thị Hoà", "-0007", "???", "026190001234|135790246|NGUYEN THI HOA|01011990"]
)
def test_not_a_code_is_told_without_its_content(scanned):
    scan = read_scan(scanned)
    assert not scan.valid and "không phải mã hồ sơ" in (scan.warning or "")
    assert "026190001234" not in (scan.warning or "") and "NGUY" not in (scan.warning or "")


@pytest.mark.parametrize(
    ("typed", "scanner"),
    [
        (CODE, True),
        (CODE.lower(), True),
        ("000.00.20.Ĥ26-260213-0007", True),
        ("026190001234|135790246|NGUYEN THI HOA|01011990|Nu|Thon 3|01012021", True),
        ("0912345678", False),
        ("+84912345678", False),
        ("026190001234", False),
        ("nguyen thi hoa", False),
        ("0912 345 678", False),
        ("abcdefgh", False),
    ],
)
def test_what_a_scanner_sends_is_told_from_fast_typing(typed, scanner):
    from counter_app.services.codes.codes import scanner_made

    assert scanner_made(typed) is scanner


@pytest.mark.parametrize(
    "url",
    [
        f"https://dichvucong.phutho.gov.vn/tra-cuu/{CODE}",
        f"https://x.vn/tra-cuu/{CODE}?nguon=qr",
        f"http://a/{CODE}/",
    ],
)
def test_a_receipt_qr_with_a_lookup_address_opens_its_dossier(url):
    assert read_scan(url).valid and read_scan(url).code == CODE
