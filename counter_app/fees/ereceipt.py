"""Receipts to an e-receipt provider (docs/fees.md, "Receipts"): an `Adapter` sends one
receipt and gives the provider's answer; the first adapter, `FileDropAdapter`, writes each
receipt as one JSON file into a folder that the provider's import tool reads. A real
provider's adapter (VNPT, Viettel, MISA…) sits beside it, configured by the agency.

The file's shape follows the request of Viettel's S-Invoice (generalInvoiceInfo, sellerInfo,
buyerInfo, payments, itemInfo, summarizeInfo; `receipt_document`), with what the counter
adds under "counter". Its name is the receipt's template, series and number only
("01BLP0-001_AA-26E_0000012.json"), never anything about the payer; the file holds the
payer's name, so it is the desk user's alone (0600, its folder 0700 on POSIX; on Windows
a folder the desk creates gets its user's access list, private.py, which the files inherit).

Written whole or not at all: a temporary file in the same folder, flushed to disk, then
linked to its name, which never replaces a file already there. A receipt written twice is
one file: the same content is left as it is; other content under the same number is
refused (`DropConflict`), since a receipt's number is never reused.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from counter_app import private
from counter_app.clock import local
from counter_app.db_files import why
from counter_app.errors import CounterError, RefusedInput
from counter_app.out_files import sync_folder
from counter_app.printing.fee_data import FeeReceipt, in_words, shown_number

FORMAT = "counter-app.fee-receipt/1"
ORIGINAL, REPLACEMENT = "1", "3"  # S-Invoice's adjustmentType
PAYMENT_CODES = {"cash": "TM", "transfer": "CK", "qr": "CK"}  # tiền mặt, chuyển khoản
# transactionUuid: the same receipt always gets the same one, so a provider that sees it
# twice (a resend after a lost answer) issues it once.
_RECEIPTS = uuid.uuid5(uuid.NAMESPACE_URL, "counter-app:fee-receipt")
POSIX = os.name == "posix"


class DropConflict(RefusedInput):
    """Another receipt is already in the folder under this receipt's number."""


class DropFailed(CounterError):
    """The folder could not be written (missing share, no right, disk full): nothing was
    written; sending again later may succeed."""


@dataclass(frozen=True)
class ProviderAnswer:
    ok: bool
    reference: str | None  # the provider's reference of the receipt (for the drop: the file)
    reason: str | None  # why it was refused, in the words to show


class Adapter(Protocol):
    """An e-receipt provider. `send` returns the provider's answer: ok, or refused with a
    reason (sending the same receipt again will not change it). It raises a CounterError
    when the provider could not be reached: the receipt stays to be sent again."""

    @property
    def label(self) -> str:
        """The provider as a message names it."""
        ...

    def send(self, receipt: FeeReceipt) -> ProviderAnswer: ...


class FileDropAdapter:
    """The provider's import tool reads the receipts from `folder`."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    @property
    def label(self) -> str:
        return f"thư mục nhập biên lai '{self.folder}'"

    def send(self, receipt: FeeReceipt) -> ProviderAnswer:
        try:
            path = write_drop(self.folder, receipt)
        except DropConflict as refused:
            return ProviderAnswer(False, None, str(refused))
        return ProviderAnswer(True, path.name, None)


def drop_name(receipt: FeeReceipt) -> str:
    """ "01BLP0-001_AA-26E_0000012.json": template, series and number ("/" written "-")."""
    parts = (receipt.template, receipt.series, receipt.shown_number)
    return "_".join(part.replace("/", "-") for part in parts) + ".json"


def _millis(receipt: FeeReceipt) -> int:
    return int(local(receipt.issued_at).timestamp() * 1000)


def receipt_document(receipt: FeeReceipt) -> dict[str, Any]:
    """The receipt as the drop file holds it (docs/fees.md shows one)."""
    r = receipt
    number = shown_number(r.number)
    general: dict[str, Any] = {
        "templateCode": r.template,
        "invoiceSeries": r.series,
        "invoiceNumber": number,
        "invoiceIssuedDate": _millis(r),  # milliseconds since 1970 (UTC), as S-Invoice
        "currencyCode": "VND",
        "adjustmentType": REPLACEMENT if r.replaces else ORIGINAL,
        "transactionUuid": str(uuid.uuid5(_RECEIPTS, f"{r.template}|{r.series}|{number}")),
        "paymentStatus": True,
        "invoiceNote": f"Hồ sơ {r.dossier_code}: {r.procedure}",
    }
    if r.replaces:
        general |= {
            "originalInvoiceId": f"{r.replaces.series}{shown_number(r.replaces.number)}",
            "originalTemplateCode": r.template,
            "additionalReferenceDesc": r.replaces.reason,
            "additionalReferenceDate": _millis(r),
        }
    return {
        "format": FORMAT,
        "generalInvoiceInfo": general,
        "sellerInfo": {"sellerLegalName": r.agency, "sellerAddressLine": r.agency_address},
        "buyerInfo": {"buyerName": r.payer},
        "payments": [{"paymentMethodName": PAYMENT_CODES[r.method]}],
        "itemInfo": [
            {
                "lineNumber": i,
                "itemName": item.name,
                "feeKind": item.kind,
                "quantity": 1,
                "unitPrice": item.amount,
                "itemTotalAmountWithoutTax": item.amount,
            }
            for i, item in enumerate(r.items, 1)
        ],
        "summarizeInfo": {
            "sumOfTotalLineAmountWithoutTax": r.total,
            "totalAmountWithoutTax": r.total,
            "totalTaxAmount": 0,
            "totalAmountWithTax": r.total,
            "totalAmountWithTaxInWords": in_words(r.total),
        },
        "counter": {
            "issuedAt": local(r.issued_at).isoformat(),
            "dossierCode": r.dossier_code,
            "procedure": r.procedure,
            "method": r.method,
            "officer": r.officer,
            "exemption": r.exemption,
            "replaces": (
                {
                    "series": r.replaces.series,
                    "number": shown_number(r.replaces.number),
                    "reason": r.replaces.reason,
                }
                if r.replaces
                else None
            ),
        },
    }


def encoded(receipt: FeeReceipt) -> bytes:
    """The drop file's bytes: UTF-8 JSON, Vietnamese as it is (not \\u escapes)."""
    text = json.dumps(receipt_document(receipt), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_drop(folder: Path, receipt: FeeReceipt) -> Path:
    """Write `receipt` into `folder` (made, 0700, when missing) as its own file, whole or
    not at all; the file's path. DropConflict when another receipt has its name; DropFailed
    when the folder cannot be written."""
    folder = Path(folder)
    data = encoded(receipt)
    _prepare(folder)
    target = folder / drop_name(receipt)
    if _same(target, data):
        return target
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")  # 0600
    except OSError as error:
        raise _failed(folder, error) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _settle(Path(temporary), target, data)
    except OSError as error:
        raise _failed(folder, error) from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
    sync_folder(folder)
    return target


def _settle(temporary: Path, target: Path, data: bytes) -> None:
    """Give the written file its name, never over another file: a hard link fails when the
    name is taken (a desk writing the same receipt at the same moment); on a file system
    without hard links, a rename after a last look (Windows refuses to rename over a file)."""
    try:
        os.link(temporary, target)
        return
    except FileExistsError:
        pass
    except OSError:  # no hard links here (FAT, some network shares)
        try:
            if not target.exists():
                os.rename(temporary, target)
                return
        except FileExistsError:
            pass
    if not _same(target, data):
        raise DropConflict(
            f"Thư mục nhập biên lai '{target.parent}' đã có tệp {target.name} với nội dung "
            "khác: không ghi đè. Số biên lai này đã dùng cho một biên lai khác; kiểm tra "
            "lại số biên lai (mỗi số chỉ dùng một lần) hoặc lập biên lai thay thế."
        )


def _same(target: Path, data: bytes) -> bool:
    """Whether `target` holds this receipt already (the same JSON, however laid out);
    False when it is not there."""
    try:
        held = target.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise _failed(target.parent, error) from None
    if held == data:
        return True
    try:
        return bool(json.loads(held) == json.loads(data))
    except ValueError:  # not JSON (cut short by another program): not ours to replace
        return False


def _prepare(folder: Path) -> None:
    """The folder exists and is the user's alone (0700 on POSIX, when it is ours; on
    Windows an access list when the desk creates it: a folder someone made for the
    provider's tool keeps the rights they gave it)."""
    try:
        if folder.exists() and not folder.is_dir():
            raise DropFailed(f"'{folder}' là một tệp, không phải thư mục nhập biên lai.")
        created = not folder.exists()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if created and not POSIX:
            private.make_private(folder, folder=True)
        if POSIX:
            info = folder.stat()
            if stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.geteuid():
                folder.chmod(0o700)
    except OSError as error:
        raise _failed(folder, error) from None
    except private.NotPrivate as error:  # said as a drop that failed: sent again later
        raise DropFailed(f"{error} Chưa ghi biên lai nào.") from None


def _failed(folder: Path, error: OSError) -> DropFailed:
    return DropFailed(
        f"Không ghi được biên lai vào thư mục nhập biên lai '{folder}': {why(error)}; "
        "chưa ghi gì, gửi lại khi thư mục ghi được."
    )
