"""The e-receipt file drop (issue 23 item 2, docs/fees.md "Receipts"): the JSON a
provider's import tool reads, its name (the receipt's numbering, nothing of the payer), its
permissions, and that a receipt is written once: the same again is left, another under the
same number refused, nothing half-written left behind."""

from __future__ import annotations

import json
import os
import stat
import threading
import uuid

import pytest

from counter_app.fees.ereceipt import (
    Adapter,
    DropConflict,
    DropFailed,
    FileDropAdapter,
    ProviderAnswer,
    drop_name,
    receipt_document,
    write_drop,
)
from tests.unit.test_fee_receipt import CODE, PAYER, a_receipt

NAME = "01BLP0-001_AA-26E_0000012.json"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def test_the_drop_file_has_the_documented_shape(tmp_path):
    path = write_drop(tmp_path / "drop", a_receipt())
    assert path == tmp_path / "drop" / NAME
    raw = path.read_bytes()
    assert PAYER.encode("utf-8") in raw  # UTF-8, Vietnamese as it is, no \\u escapes
    document = json.loads(raw.decode("utf-8"))
    assert document["format"] == "counter-app.fee-receipt/1"
    general = document["generalInvoiceInfo"]
    assert general["templateCode"] == "01BLP0-001"
    assert general["invoiceSeries"] == "AA-26E"
    assert general["invoiceNumber"] == "0000012"
    assert general["invoiceIssuedDate"] == 1773450300000  # 2026-03-14 08:05 +07:00, in ms
    assert general["currencyCode"] == "VND"
    assert general["adjustmentType"] == "1"
    assert "originalInvoiceId" not in general
    assert uuid.UUID(general["transactionUuid"])
    assert document["sellerInfo"]["sellerLegalName"] == "Ủy ban nhân dân xã Tam Đảo"
    assert document["buyerInfo"] == {"buyerName": PAYER}
    assert document["payments"] == [{"paymentMethodName": "TM"}]
    assert document["itemInfo"] == [
        {
            "lineNumber": 1,
            "itemName": "Lệ phí đăng ký khai sinh",
            "feeKind": "le_phi",
            "quantity": 1,
            "unitPrice": 20000,
            "itemTotalAmountWithoutTax": 20000,
        },
        {
            "lineNumber": 2,
            "itemName": "Phí cấp bản sao trích lục",
            "feeKind": "phi",
            "quantity": 1,
            "unitPrice": 5000,
            "itemTotalAmountWithoutTax": 5000,
        },
    ]
    summary = document["summarizeInfo"]
    assert summary["totalAmountWithTax"] == summary["totalAmountWithoutTax"] == 25000
    assert summary["totalTaxAmount"] == 0
    assert summary["totalAmountWithTaxInWords"] == "Hai mươi lăm nghìn đồng chẵn"
    counter = document["counter"]
    assert counter["dossierCode"] == CODE and counter["method"] == "cash"
    assert counter["issuedAt"] == "2026-03-14T08:05:00+07:00"
    assert counter["replaces"] is None and counter["exemption"] is None


def test_a_replacing_receipt_names_the_original():
    document = receipt_document(a_receipt(number=13, replaces=("AA-26E", 11, "ghi sai tên")))
    general = document["generalInvoiceInfo"]
    assert general["adjustmentType"] == "3"
    assert general["originalInvoiceId"] == "AA-26E0000011"
    assert general["originalTemplateCode"] == "01BLP0-001"
    assert general["additionalReferenceDesc"] == "ghi sai tên"
    assert document["counter"]["replaces"] == {
        "series": "AA-26E",
        "number": "0000011",
        "reason": "ghi sai tên",
    }


def test_a_transfer_is_paid_by_ck_and_the_uuid_is_the_receipts_own():
    assert receipt_document(a_receipt(method="qr"))["payments"] == [{"paymentMethodName": "CK"}]
    uuid_of = lambda r: receipt_document(r)["generalInvoiceInfo"]["transactionUuid"]  # noqa: E731
    assert uuid_of(a_receipt()) == uuid_of(a_receipt(payer="Lê Văn Tám"))  # the same receipt
    assert uuid_of(a_receipt()) != uuid_of(a_receipt(number=13))


def test_the_name_is_the_numbering_only():
    assert drop_name(a_receipt()) == NAME
    assert drop_name(a_receipt(series="AA/26E")) == "01BLP0-001_AA-26E_0000012.json"
    assert "Nguy" not in drop_name(a_receipt()) and CODE not in drop_name(a_receipt())


@posix_only
def test_the_file_and_its_folder_are_the_users_alone(tmp_path):
    folder = tmp_path / "made" / "drop"
    path = write_drop(folder, a_receipt())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    write_drop(shared, a_receipt())
    assert stat.S_IMODE(shared.stat().st_mode) == 0o700  # a folder of ours, tightened


def test_on_windows_a_drop_folder_the_desk_creates_gets_its_users_access_list(
    tmp_path, monkeypatch
):
    """Made private by private.py (icacls there); one made by someone else is left as they
    made it; an access list that cannot be set is a failed drop, nothing written."""
    from counter_app import private
    from counter_app.fees import ereceipt

    asked: list[tuple[str, bool]] = []
    monkeypatch.setattr(ereceipt, "POSIX", False)
    monkeypatch.setattr(
        private, "make_private", lambda path, folder=False: asked.append((path.name, folder))
    )
    write_drop(tmp_path / "made", a_receipt())
    (tmp_path / "theirs").mkdir()
    write_drop(tmp_path / "theirs", a_receipt())
    assert asked == [("made", True)]

    def refused(path, folder=False):  # type: ignore[no-untyped-def]
        raise private.NotPrivate("Không giới hạn được quyền đọc thư mục.")

    monkeypatch.setattr(private, "make_private", refused)
    with pytest.raises(DropFailed, match="quyền đọc"):
        write_drop(tmp_path / "other", a_receipt())
    assert list((tmp_path / "other").iterdir()) == []


def test_the_same_receipt_written_again_is_left(tmp_path):
    path = write_drop(tmp_path, a_receipt())
    before = path.stat()
    assert write_drop(tmp_path, a_receipt()) == path
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]


def test_the_same_content_laid_out_otherwise_is_the_same_receipt(tmp_path):
    path = write_drop(tmp_path, a_receipt())
    path.write_text(json.dumps(json.loads(path.read_text("utf-8"))), encoding="utf-8")
    assert write_drop(tmp_path, a_receipt()) == path


def test_another_receipt_under_the_same_number_is_refused(tmp_path):
    path = write_drop(tmp_path, a_receipt())
    held = path.read_bytes()
    other = a_receipt(payer="Lê Văn Tám", items=(("Lệ phí", "le_phi", 8000),), total=8000)
    with pytest.raises(DropConflict, match=NAME) as refused:
        write_drop(tmp_path, other)
    assert "Lê Văn Tám" not in str(refused.value) and PAYER not in str(refused.value)
    assert path.read_bytes() == held
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]  # no temporary file left


def test_a_file_that_is_not_ours_is_not_replaced(tmp_path):
    (tmp_path / NAME).write_bytes(b'{"cut short')
    with pytest.raises(DropConflict):
        write_drop(tmp_path, a_receipt())
    assert (tmp_path / NAME).read_bytes() == b'{"cut short'


def test_two_desks_writing_the_same_receipt_at_once_make_one_file(tmp_path):
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def write() -> None:
        start.wait()
        try:
            write_drop(tmp_path, a_receipt())
        except BaseException as error:  # noqa: BLE001 - gathered for the assertion
            errors.append(error)

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]
    assert json.loads((tmp_path / NAME).read_text("utf-8")) == receipt_document(a_receipt())


def test_a_folder_that_cannot_be_written_fails_without_naming_the_payer(tmp_path):
    taken = tmp_path / "a-file"
    taken.write_text("")
    with pytest.raises(DropFailed) as failed:
        write_drop(taken, a_receipt())
    assert "a-file" in str(failed.value) and PAYER not in str(failed.value)
    with pytest.raises(DropFailed):
        write_drop(taken / "below", a_receipt())


def test_the_file_drop_adapter_answers_as_a_provider(tmp_path):
    adapter: Adapter = FileDropAdapter(tmp_path)
    assert adapter.send(a_receipt()) == ProviderAnswer(True, NAME, None)
    assert adapter.send(a_receipt()) == ProviderAnswer(True, NAME, None)  # sent again: one
    refused = adapter.send(a_receipt(total=5000, items=(("Phí", "phi", 5000),)))
    assert not refused.ok and refused.reference is None
    assert refused.reason and NAME in refused.reason
    assert "thư mục nhập biên lai" in adapter.label
