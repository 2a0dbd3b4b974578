"""The bodies of the national portal's messages (docs/portal.md; the field names are those
of the province's gateways, ../research/portal.md): `DongBoHoSoMC`, the dossier with its
current facts, and `CapNhatTienDoHoSoMC`, one step of its processing.

Personal data only where the portal requires it: the owner's name, ID number, phone and
e-mail in the dossier object; the officer's name in a step. No address, no receiver, no
note or reason a person wrote (a reason may name people): the step says what was done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.clock import local

# Our statuses as the portal's TrangThaiHoSo, each as it truly is (never folded into 9):
# 2 đã tiếp nhận, 3 không được tiếp nhận, 4 đang xử lý, 5 yêu cầu bổ sung, 7 rút hồ sơ,
# 8 dừng xử lý, 9 đã xử lý xong (chờ trả), 10 đã trả kết quả.
STATUS_CODES = {
    "received": 2,
    "refused": 3,
    "in_progress": 4,
    "supplement_requested": 5,
    "withdrawn": 7,
    "stopped": 8,
    "resolved": 9,
    "returned": 10,
}
CHANNEL_CODES = {"direct": 1, "online": 2, "postal": 3}  # KenhThucHien
CITIZEN = 1  # LoaiDoiTuong: công dân (the desk receives people's dossiers)
STEPS = {  # NoiDungXuLy: what was done, in the portal's words
    "received": "Tiếp nhận hồ sơ",
    "handed_over": "Chuyển hồ sơ đến đơn vị giải quyết",
    "supplement_requested": "Yêu cầu bổ sung hồ sơ",
    "supplement_received": "Nhận hồ sơ bổ sung",
    "extended": "Gia hạn, hẹn lại ngày trả kết quả",
    "result_back": "Nhận kết quả giải quyết",
    "returned": "Trả kết quả cho công dân",
    "withdrawn": "Công dân rút hồ sơ",
    "stopped": "Dừng giải quyết hồ sơ",
    "refused": "Từ chối tiếp nhận hồ sơ",
    "accepted": "Tiếp nhận hồ sơ trực tuyến",  # an online dossier the officer accepted
}
ENDS = ("resolved", "returned", "withdrawn", "stopped", "refused")
DESK = "Bộ phận Một cửa"
OFFICER_TITLE = "Cán bộ tiếp nhận và trả kết quả"
NAME_MAX = 50  # NguoiXuLy
SUMMARY_MAX = 1000  # TrichYeuHoSo
# DanhSachLePhi: LoaiPhiLePhi 1 phí, 2 lệ phí; HinhThucThu 1 thu trước (at reception), 2
# thu sau (at return) — our reading of the gateways' field lists, to be confirmed by the
# province's gateway (docs/portal.md)
FEE_KINDS = {"phi": 1, "le_phi": 2}
COLLECT_CODES = {"before": 1, "at_return": 2}


@dataclass(frozen=True)
class Procedure:
    """What the dossier object says of its procedure version (read once per version)."""

    code: str
    name: str
    field: str
    fees: tuple[dict[str, Any], ...] = ()  # DanhSachLePhi, from the version's schedule


def fee_list(schedule: dict[str, Any] | None, fee: int) -> tuple[dict[str, Any], ...]:
    """A version's fees as DanhSachLePhi: its schedule's items (the catalog's `fees`), or
    its single `fee` figure as one lệ phí collected at return (as fees/ read them)."""
    if schedule:
        collect = COLLECT_CODES.get(schedule.get("collect", ""), 2)
        items = schedule.get("items") or []
    else:
        collect, items = (
            2,
            [{"name": "Phí, lệ phí", "kind": "le_phi", "amount": fee}] if fee else [],
        )
    return tuple(
        {
            "TenPhiLePhi": item["name"],
            "MaPhiLePhi": f"{FEE_KINDS.get(item['kind'], 2)}.{i}",
            "HinhThucThu": collect,
            "Gia": int(item["amount"]),
            "LoaiPhiLePhi": FEE_KINDS.get(item["kind"], 2),
        }
        for i, item in enumerate(items, 1)
    )


def portal_time(value: datetime | None) -> str | None:
    """yyyyMMddHHmmss in +07:00."""
    return local(value).strftime("%Y%m%d%H%M%S") if value else None


def ids(id_number: str | None) -> list[dict[str, Any]]:
    """DinhDanhCHS: a 12-digit citizen ID (1) or a 9-digit old ID (2); a passport none."""
    if id_number and id_number.isdigit() and len(id_number) in (12, 9):
        return [{"LoaiDinhDanh": 1 if len(id_number) == 12 else 2, "SoDinhDanh": id_number}]
    return []


def dossier_object(
    dossier: Any,
    procedure: Procedure,
    at: datetime,
    documents: list[dict[str, Any]],
) -> dict[str, Any]:
    """The dossier as the portal shows it after the event at `at`."""
    status = status_code(dossier)
    ended = dossier.resolved_at or (at if dossier.status in ENDS else None)
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field,
        "TenLinhVuc": procedure.field,
        "KenhThucHien": CHANNEL_CODES.get(dossier.channel, 1),
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": CITIZEN,
        "DinhDanhCHS": ids(dossier.id_number),
        "SoDienThoai": dossier.phone or "",
        "Email": dossier.email or "",
        "TrichYeuHoSo": procedure.name[:SUMMARY_MAX],
        "NgayTiepNhan": portal_time(dossier.received_at),
        "NgayHenTra": portal_time(dossier.due_at),
        "TrangThaiHoSo": status,
        "NgayTra": portal_time(dossier.returned_at),
        "NgayKetThucXuLy": portal_time(ended),
        "HoSoCoThanhPhanSoHoa": 1 if any(d["MaThanhPhan"] for d in documents) else 0,
        "TaiLieuNop": documents,
        "DanhSachLePhi": [dict(f) for f in procedure.fees],
    }


def progress_row(
    dossier: Any, kind: str, at: datetime, officer: str, unit: str | None
) -> dict[str, Any]:
    """One step: who did what, where, when, and the status it left the dossier in."""
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": officer[:NAME_MAX],
        "ChucDanh": OFFICER_TITLE,
        "ThoiDiemXuLy": portal_time(at),
        "PhongBanXuLy": unit or DESK,
        "NoiDungXuLy": STEPS[kind],
        "TrangThai": status_code(dossier),
        "NgayBatDau": portal_time(at),
        "NgayKetThucTheoQuyDinh": portal_time(dossier.due_at),
    }


def document(item: int, name: str, sha256: str, pages: int, signed: bool) -> dict[str, Any]:
    """One digitised paper of TaiLieuNop (item 0 is the result: MaThanhPhan 0)."""
    return {
        "MaThanhPhan": item,
        "TenTaiLieu": name,
        "MaHash": sha256,
        "SoTrang": pages,
        "DaKySo": 1 if signed else 0,
    }


def status_code(dossier: Any) -> int:
    """TrangThaiHoSo as the dossier truly is: an online dossier the desk has not accepted
    yet is 1 (mới đăng ký, chờ tiếp nhận), not 2."""
    waiting = getattr(dossier, "portal_code", None) and dossier.portal_accepted_at is None
    return 1 if waiting and dossier.status == "received" else STATUS_CODES[dossier.status]
