"""What every scanner gives: its list of devices, and pages.

A `Page` holds bytes img2pdf wraps without decoding them again: a black-and-white page as a
CCITT Group 4 TIFF (the PDF keeps it as CCITTFaxDecode), a grey or colour page as a JPEG
(DCTDecode). Errors say in Vietnamese what the officer can do; they never repeat what the
scanner printed beyond its device name (no personal data is ever in it, but a message is
read by a person and lands in logs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from counter_app.errors import CounterError, RefusedInput

Mode = Literal["gray", "lineart", "color"]
MODES: tuple[Mode, ...] = ("gray", "lineart", "color")
PageFormat = Literal["tiff-g4", "jpeg"]


@dataclass(frozen=True)
class ScannerInfo:
    name: str  # what --device takes: "test:0", "epson2:libusb:001:004", a WIA device id
    vendor: str
    model: str

    def json(self) -> dict[str, str]:
        return {"name": self.name, "vendor": self.vendor, "model": self.model}


@dataclass(frozen=True)
class Page:
    data: bytes = field(repr=False)
    format: PageFormat
    width: int  # pixels
    height: int
    dpi: int
    mode: Mode


OnPage = Callable[[int, Page], None]  # (index from 0, the page) as each page is done
Cancelled = Callable[[], bool]


class Scanner(Protocol):
    def devices(self) -> list[ScannerInfo]: ...

    def scan(
        self,
        device: str | None,
        pages: int | None,
        dpi: int,
        mode: Mode,
        on_page: OnPage | None = None,
        cancelled: Cancelled = lambda: False,
        feeder: bool = False,
    ) -> list[Page]:
        """`pages` pages (None: as many as the feeder holds, one from the glass) from
        `device` (None: the first one found), at `dpi` in `mode`; `feeder` takes them from
        the automatic document feeder. `on_page` hears of each page as it is done;
        `cancelled` is asked often, and a True stops the scanner and raises ScanCancelled
        with the pages done so far. Nothing is left on the disk in any case."""
        ...


class ScannerError(RefusedInput):
    """The scan did not happen or did not finish; no page was kept."""


class ScannerMissing(ScannerError):
    """No scanner, or not the one named."""


class ScannerFailed(ScannerError):
    """The scanner stopped mid-way (removed, jammed, out of paper, not answering…)."""


class ScanCancelled(CounterError):
    """The officer cancelled; `pages` are the ones finished before (the caller decides)."""

    def __init__(self, pages: list[Page]) -> None:
        super().__init__(f"Đã hủy quét sau {len(pages)} trang.")
        self.pages = pages


def check_request(pages: int | None, dpi: int, mode: str) -> None:
    """Refuse what no scanner should be asked, before any is opened."""
    if mode not in MODES:
        raise ScannerError("Chế độ quét phải là gray (xám), lineart (đen trắng) hoặc color (màu).")
    if not 75 <= dpi <= 1200:
        raise ScannerError("Độ phân giải quét phải từ 75 đến 1200 dpi.")
    if pages is not None and not 1 <= pages <= 200:
        raise ScannerError("Số trang quét phải từ 1 đến 200.")
