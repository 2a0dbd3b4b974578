"""`digitise --scan` and `--sign`: pages from the desk's scanner (counter_app/scanning) and a
signature with the officer's token (counter_app/signing), for the command line. The PIN
comes from COUNTER_APP_TOKEN_PIN, else it is asked on a terminal; it is never printed,
logged or kept after the command."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from counter_app.digitisation import pdfa, record
from counter_app.digitisation.errors import DigitisationError

if TYPE_CHECKING:
    import argparse

    from counter_app.signing.base import PinState

PIN_VARIABLE = "COUNTER_APP_TOKEN_PIN"
MODES = ("gray", "lineart", "color")


def add_arguments(digitise: argparse.ArgumentParser) -> None:
    digitise.add_argument("--scan", action="store_true", help="quét từ máy quét của bàn")
    digitise.add_argument("--device", metavar="NAME", help="tên máy quét (xem: scanners)")
    digitise.add_argument(
        "--pages", type=int, metavar="K", help="số trang cần quét (mặc định: một trang)"
    )
    digitise.add_argument("--dpi", type=int, default=300, metavar="D", help="độ phân giải")
    digitise.add_argument("--mode", choices=MODES, default="gray", help="chế độ màu")
    digitise.add_argument("--sign", action="store_true", help="ký số bằng token của cán bộ (PAdES)")


def scanned(args: Any) -> record.Scanned:
    """The pages the scanner gives now, in order, as the source of the document."""
    from counter_app.scanning.pick import chosen_device, pick_scanner

    pages = pick_scanner().scan(chosen_device(args.device), args.pages or 1, args.dpi, args.mode)
    if not pages:
        raise DigitisationError("Máy quét không trả về trang nào: không có gì được ghi.")
    return record.Scanned(tuple(pdfa.Page(page.data) for page in pages))


def signer(args: Any) -> tuple[Callable[[bytes], bytes] | None, Callable[[], None]]:
    """The signing callable for `record.digitise` and what closes the token afterwards;
    (None, nothing) without --sign. The token is opened (PIN asked) before anything is
    stored, so a wrong PIN writes nothing."""
    if not args.sign:
        return None, lambda: None
    from counter_app.signing.token import TokenSession

    session = TokenSession(_pin)
    try:
        session.open()
    except BaseException:
        session.close()
        raise
    return session.sign, session.close


def _pin(state: PinState) -> str | None:
    given = os.environ.get(PIN_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise DigitisationError(
            f"Cần mã PIN của token: đặt {PIN_VARIABLE} hoặc chạy lệnh trên một cửa sổ dòng lệnh."
        )
    if state.warning:
        print(f"Lưu ý: {state.warning}.", file=sys.stderr)
    return getpass.getpass("Mã PIN của token: ")
