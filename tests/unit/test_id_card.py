"""The chip ID card's QR code, as scanned at the reception desk."""

from __future__ import annotations

import pytest

from counter_app.services.applicants.id_card import read_id_card

CARD = "026190001234|135790246|Nguyễn Thị Hoà|01011990|Nữ|Thôn 3, xã Tam Đảo, tỉnh Phú Thọ|15082021"


def test_card_gives_number_name_and_address():
    card = read_id_card(CARD)
    assert card is not None
    assert (card.id_number, card.name, card.address) == (
        "026190001234",
        "Nguyễn Thị Hoà",
        "Thôn 3, xã Tam Đảo, tỉnh Phú Thọ",
    )


@pytest.mark.parametrize(
    "text",
    [
        "000.00.20.H26-260213-0007",
        "026190001234",
        "12345|x|Tên|01011990|Nam|Địa chỉ|0101",
        "026190001234||||Nam|Đ|0101",
    ],
)
def test_other_scans_are_not_cards(text):
    assert read_id_card(text) is None
