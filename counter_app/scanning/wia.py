"""Windows Image Acquisition 2 through comtypes ("WIA.DeviceManager"): written against
Microsoft's WIA Automation reference, NOT RUN on this project's machines (Linux): see
docs/digitisation-devices.md for what was and was not tried.

The device's first item is the glass or the feeder (WIA_DPS_DOCUMENT_HANDLING_SELECT);
each `Transfer` of it gives one page as a BMP (raw pixels: encoded once in pages.py like
SANE's PNM; the driver's own JPEG quality is nobody's choice). Transfers run on the thread
that calls `scan` (COM is initialised there); a cancel is seen between pages, since a WIA
Transfer cannot be interrupted.
"""

from __future__ import annotations

from typing import Any

from counter_app.scanning.base import (
    Cancelled,
    Mode,
    OnPage,
    Page,
    ScanCancelled,
    ScannerFailed,
    ScannerInfo,
    ScannerMissing,
    check_request,
)
from counter_app.scanning.pages import page_from_file

WIA_FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
SCANNER_DEVICE_TYPE = 1
# Property ids (wiadef.h)
DEVICE_NAME, VENDOR, MODEL = 7, 3, 4  # WIA_DIP_DEV_NAME, WIA_DIP_VEND_DESC, WIA_DIP_DEV_DESC
INTENT, XRES, YRES, EXTENT_X, EXTENT_Y = 6146, 6147, 6148, 6151, 6152
DOCUMENT_HANDLING_SELECT, PAGES = 3088, 3096
FEEDER, FLATBED = 1, 2
INTENTS = {"color": 1, "gray": 2, "lineart": 4}  # WIA_INTENT_IMAGE_TYPE_*
A4_INCHES = (8.27, 11.69)
WIA_ERROR_PAPER_EMPTY = -2145320957  # 0x80210003
WIA_ERROR_OFFLINE = -2145320955  # 0x80210005, the device was unplugged
WIA_ERROR_PAPER_JAM = -2145320958  # 0x80210002


def _client() -> Any:
    try:
        import comtypes.client  # type: ignore[import-not-found]
    except ImportError:
        raise ScannerMissing(
            "Chưa có thư viện comtypes để dùng máy quét WIA: cài lại chương trình."
        ) from None
    comtypes.CoInitialize()
    return comtypes.client


class WiaScanner:
    def devices(self) -> list[ScannerInfo]:
        manager = _client().CreateObject("WIA.DeviceManager")
        found = []
        for i in range(1, manager.DeviceInfos.Count + 1):
            info = manager.DeviceInfos.Item(i)
            if info.Type != SCANNER_DEVICE_TYPE:
                continue
            props = {p.PropertyID: p.Value for p in info.Properties}
            found.append(
                ScannerInfo(
                    info.DeviceID, str(props.get(VENDOR, "")), str(props.get(MODEL, "") or "")
                )
            )
        return found

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
        check_request(pages, dpi, mode)
        connected = self._connect(device)
        if feeder:
            _set(connected.Properties, DOCUMENT_HANDLING_SELECT, FEEDER)
        item = connected.Items.Item(1)
        _set(item.Properties, INTENT, INTENTS[mode])
        _set(item.Properties, XRES, dpi)
        _set(item.Properties, YRES, dpi)
        _set(item.Properties, EXTENT_X, int(A4_INCHES[0] * dpi))
        _set(item.Properties, EXTENT_Y, int(A4_INCHES[1] * dpi))
        wanted = pages or (200 if feeder else 1)
        done: list[Page] = []
        while len(done) < wanted:
            if cancelled():
                raise ScanCancelled(done)
            data = self._transfer(item, feeder and bool(done))
            if data is None:  # the feeder is empty
                break
            page = page_from_file(data, dpi, mode)
            done.append(page)
            if on_page is not None:
                on_page(len(done) - 1, page)
        if not done:
            raise ScannerFailed("Khay nạp giấy không còn tờ nào: đặt giấy vào khay rồi quét lại.")
        return done

    def _connect(self, device: str | None) -> Any:
        manager = _client().CreateObject("WIA.DeviceManager")
        for i in range(1, manager.DeviceInfos.Count + 1):
            info = manager.DeviceInfos.Item(i)
            if info.Type == SCANNER_DEVICE_TYPE and device in (None, info.DeviceID):
                return info.Connect()
        raise ScannerMissing(
            "Không tìm thấy máy quét WIA"
            + (" có tên này" if device else "")
            + ": kiểm tra cáp USB, nguồn và trình điều khiển (driver) của máy quét."
        )

    def _transfer(self, item: Any, may_be_empty: bool) -> bytes | None:
        import comtypes  # type: ignore[import-not-found]

        try:
            image = item.Transfer(WIA_FORMAT_BMP)
        except comtypes.COMError as error:
            code = error.hresult
            if code == WIA_ERROR_PAPER_EMPTY and may_be_empty:
                return None
            raise ScannerFailed(_wia_message(code)) from None
        return bytes(image.FileData.BinaryData)


def _set(properties: Any, prop_id: int, value: int) -> None:
    for prop in properties:
        if prop.PropertyID == prop_id:
            prop.Value = value
            return


def _wia_message(code: int) -> str:
    if code == WIA_ERROR_PAPER_JAM:
        return "Giấy bị kẹt trong máy quét: gỡ giấy ra rồi quét lại."
    if code == WIA_ERROR_PAPER_EMPTY:
        return "Khay nạp giấy không còn tờ nào: đặt giấy vào khay rồi quét lại."
    if code == WIA_ERROR_OFFLINE:
        return (
            "Máy quét ngừng giữa chừng (mất kết nối hoặc bị rút ra): các trang vừa quét không "
            "được giữ. Kiểm tra cáp và nguồn rồi quét lại."
        )
    return f"Máy quét WIA báo lỗi {code & 0xFFFFFFFF:#010x}: không quét được."
