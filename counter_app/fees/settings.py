"""The agency's collection settings (`fees configure`, docs/fees.md): the bank account a
VietQR transfer goes to, and the template (mẫu số) and series (ký hiệu) of its receipts.
An administrator's change; what is not given stays as it was."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.errors import RefusedInput, ValidationError
from counter_app.fees.vietqr import VietQR, payload, plain
from counter_app.models import Dossier, FeeSettings

_MARK = re.compile(r"[A-Za-z0-9/\-]{1,20}")


@dataclass(frozen=True)
class Settings:
    bank_bin: str | None
    account: str | None
    account_name: str | None
    receipt_template: str | None
    receipt_series: str | None
    ereceipt_folder: str | None = None  # the e-receipt provider's import folder


def _checked(field: str, value: str | None, pattern: str, message: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not re.fullmatch(pattern, value):
        raise ValidationError(message, field)
    return value


def configure(session: Session, actor: Actor, changes: Settings, now: datetime) -> Settings:
    require(actor, Permission.SETTINGS)
    bin_ = _checked("bank_bin", changes.bank_bin, r"[0-9]{6}", "--bank-bin: mã BIN gồm 6 chữ số.")
    account = _checked(
        "account", changes.account, r"[A-Za-z0-9]{1,19}", "--account: chữ và số, tối đa 19 ký tự."
    )
    name = changes.account_name
    if name is not None:
        name = " ".join(plain(name).upper().split())
        if not re.fullmatch(r"[A-Z0-9 .,\-]{1,100}", name):
            raise ValidationError("--account-name: tên tài khoản tối đa 100 ký tự.", "account_name")
    marks = "chữ, số, / và -, tối đa 20 ký tự"
    template = _checked(
        "receipt_template", changes.receipt_template, _MARK.pattern, f"--receipt-template: {marks}."
    )
    series = _checked(
        "receipt_series", changes.receipt_series, _MARK.pattern, f"--receipt-series: {marks}."
    )
    folder = changes.ereceipt_folder
    if folder is not None:
        folder = folder.strip()
        if not folder or len(folder) > 500 or "\x00" in folder:
            raise ValidationError("--ereceipt-folder: một thư mục, tối đa 500 ký tự.", "folder")
    row = session.get(FeeSettings, actor.agency_id)
    if row is None:
        row = FeeSettings(agency_id=actor.agency_id, changed_at=now)
        session.add(row)
    for key, value in (
        ("bank_bin", bin_),
        ("account", account),
        ("account_name", name),
        ("receipt_template", template),
        ("receipt_series", series),
        ("ereceipt_folder", folder),
    ):
        if value is not None:
            setattr(row, key, value)
    row.changed_at = now
    session.flush()
    return current(session, actor.agency_id)


def current(session: Session, agency_id: object) -> Settings:
    row = session.get(FeeSettings, agency_id)
    if row is None:
        return Settings(None, None, None, None, None, None)
    return Settings(
        row.bank_bin,
        row.account,
        row.account_name,
        row.receipt_template,
        row.receipt_series,
        row.ereceipt_folder,
    )


def qr_for(session: Session, dossier: Dossier, amount: int) -> VietQR:
    """The dynamic VietQR for `amount` of this dossier: to the agency's account, the
    dossier's code as the purpose (the bank statement's line will name it)."""
    s = current(session, dossier.agency_id)
    if not s.bank_bin or not s.account:
        raise RefusedInput(
            "Chưa cấu hình tài khoản thu của cơ quan: quản trị chạy counter-app fees configure "
            "--bank-bin BIN --account SỐ_TÀI_KHOẢN --account-name TÊN."
        )
    qr = VietQR(s.bank_bin, s.account, amount, plain(dossier.code)[:25])
    payload(qr)  # checked now: a code that cannot be carried is said here
    return qr
