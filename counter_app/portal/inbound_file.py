"""The portal's dossier object (docs/portal.md, "Hồ sơ trực tuyến vào"): read strictly into
an intake of channel `online`, its portal id, its attachments checked and the fingerprint
that tells a repeat from a different dossier under the same id.

Everything that can be checked without the database is checked here, attachments
included (decoded, sized, and each a PDF or an image as it claims), so that an import is
refused before a single file is stored. Fields the portal sends that the desk does not use
are ignored (the portal adds fields; a desk should not refuse a dossier for it). Messages
name the portal's field, never its value.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.clock import LOCAL_TZ
from counter_app.digitisation import checks
from counter_app.digitisation.errors import DigitisationError
from counter_app.errors import ValidationError
from counter_app.services.documents.schema import Obj
from counter_app.services.intake.intake_file import Intake, read_intake
from counter_app.text import fold

PORTAL_MAX = 150 * 1024 * 1024  # a dossier with its attachments in base64 (100 MB a file)
PORTAL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/\-]{0,59}")
_MOMENT = re.compile(r"[0-9]{14}")
# our intake's fields -> the portal's, for messages
_FIELDS = {
    "procedure": "MaTTHC",
    "applicant.name": "ChuHoSo",
    "applicant.id_number": "DinhDanhCHS",
    "applicant.phone": "SoDienThoai",
    "applicant.email": "Email",
    "applicant.address": "DiaChiChuHoSo",
    "note": "TrichYeuHoSo",
    "received_at": "NgayNopHoSo",
}
_ID_KINDS = {1: "citizen_id", 2: "citizen_id"}  # 12-digit CCCD, 9-digit CMND


@dataclass(frozen=True)
class Attachment:
    component: str  # the checklist line's name as the portal gives it
    contents: tuple[bytes, ...]  # its files, in order (a PDF alone, or images)


@dataclass(frozen=True)
class OnlineDossier:
    portal_code: str
    intake: Intake
    attachments: tuple[Attachment, ...]
    fingerprint: str  # sha256 of the object, each file counted by its own sha256


def read_portal_dossier(data: Any, base: Path | None = None) -> OnlineDossier:
    """Validate a parsed dossier object; `base`: the folder file paths are relative to."""
    root = Obj(data, "", set(data) if isinstance(data, dict) else set(), {"MaHoSo", "MaTTHC"})
    code = root.required_text("MaHoSo", 60)
    if not PORTAL_CODE.fullmatch(code):
        raise root.fail("MaHoSo", "mã hồ sơ của cổng chỉ gồm chữ, số và . _ / - (tối đa 60).")
    components: dict[str, tuple[str, int, list[bytes]]] = {}
    described: list[Any] = []
    for path, value in root.items("TaiLieuNop", optional=True):
        item = Obj(value, path, set(value) if isinstance(value, dict) else set(), set())
        name = item.required_text("TenThanhPhanHoSo", 500)
        content, shown = _content(item, base)
        count = item.integer("SoLuong", 1, 1000, default=1)
        known = components.setdefault(fold(name), (name, count, []))
        if content is not None:
            known[2].append(content)
        described.append({k: v for k, v in value.items() if k not in ("NoiDung",)} | shown)
    intake = _intake(root, [(name, count) for name, count, _ in components.values()])
    attachments = tuple(
        Attachment(name, tuple(files)) for name, _, files in components.values() if files
    )
    for n, attachment in enumerate(attachments, 1):
        try:
            checks.check_files(list(attachment.contents))
        except DigitisationError as error:
            raise ValidationError(
                f"TaiLieuNop: tệp đính kèm của thành phần thứ {n} (trong số các thành phần có "
                f"tệp): {error}",
                "TaiLieuNop",
            ) from None
    whole = {k: v for k, v in data.items() if k != "TaiLieuNop"} | {"TaiLieuNop": described}
    canonical = json.dumps(whole, sort_keys=True, ensure_ascii=False, default=str)
    return OnlineDossier(code, intake, attachments, hashlib.sha256(canonical.encode()).hexdigest())


def _content(item: Obj, base: Path | None) -> tuple[bytes | None, dict[str, str]]:
    """The file of a TaiLieuNop entry: NoiDung (base64) or DuongDanTaiTep (a file on this
    machine), and what the fingerprint keeps of it (its sha256)."""
    if item.has("NoiDung") and item.has("DuongDanTaiTep"):
        raise item.fail("NoiDung", "chỉ một trong NoiDung (base64) hoặc DuongDanTaiTep.")
    if item.has("NoiDung"):
        raw = item.raw("NoiDung")
        if not isinstance(raw, str) or len(raw) > checks.MAX_BYTES * 4 // 3 + 4:
            raise item.fail(
                "NoiDung",
                f"cần chuỗi base64 của một tệp tối đa {checks.MAX_BYTES // 1_000_000} MB.",
            )
        try:
            content = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            raise item.fail("NoiDung", "không phải chuỗi base64 hợp lệ.") from None
    elif item.has("DuongDanTaiTep"):
        content = _file(item, base)
    else:
        return None, {}
    if not content:
        raise item.fail("NoiDung", "tệp đính kèm rỗng.")
    return content, {"sha256": hashlib.sha256(content).hexdigest()}


def _file(item: Obj, base: Path | None) -> bytes:
    given = item.required_text("DuongDanTaiTep", 1000)
    path = Path(given) if base is None else base / given
    try:
        size = path.stat().st_size
        if size > checks.MAX_BYTES:
            raise item.fail(
                "DuongDanTaiTep",
                f"tệp dài {size / 1e6:.0f} MB: tối đa {checks.MAX_BYTES // 1_000_000} MB.",
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise item.fail("DuongDanTaiTep", "là một thư mục, không phải tệp.") from None
    except OSError as error:
        raise item.fail("DuongDanTaiTep", f"không đọc được tệp ({_why(error)}).") from None


def _why(error: OSError) -> str:
    reasons = {2: "không có tệp này", 13: "không có quyền đọc", 1: "không có quyền đọc"}
    return reasons.get(error.errno or 0, f"lỗi hệ thống số {error.errno}")


def _intake(root: Obj, documents: list[tuple[str, int]]) -> Intake:
    """The portal's fields as our intake document, read by the reception's own reader."""
    applicant: dict[str, Any] = {"name": root.raw("ChuHoSo")}
    ids = root.raw("DinhDanhCHS")
    if isinstance(ids, list) and ids and isinstance(ids[0], dict):
        kind = ids[0].get("LoaiDinhDanh")
        if kind not in _ID_KINDS:
            raise root.fail("DinhDanhCHS", "LoaiDinhDanh cần là 1 (CCCD) hoặc 2 (CMND).")
        applicant |= {"id_type": _ID_KINDS[kind], "id_number": ids[0].get("SoDinhDanh")}
    elif ids not in (None, []):
        raise root.fail("DinhDanhCHS", "cần danh sách [{LoaiDinhDanh, SoDinhDanh}].")
    for ours, theirs in (("phone", "SoDienThoai"), ("email", "Email")):
        applicant[ours] = root.raw(theirs) or None
    applicant["address"] = root.raw("DiaChiChuHoSo") or ""
    document = {
        "procedure": root.raw("MaTTHC"),
        "applicant": applicant,
        "documents": [{"name": name, "count": count} for name, count in documents],
        "channel": "online",
        "received_at": _submitted(root),
        "note": root.raw("TrichYeuHoSo") or None,
    }
    try:
        return read_intake(document)
    except ValidationError as error:
        raise _renamed(error) from None


def _submitted(root: Obj) -> str:
    """NgayNopHoSo (yyyyMMddHHmmss, Vietnam time) as ISO 8601: the legal clock's start."""
    value = root.raw("NgayNopHoSo")
    if not isinstance(value, str) or not _MOMENT.fullmatch(value):
        raise root.fail("NgayNopHoSo", "cần thời điểm nộp dạng yyyyMMddHHmmss (giờ Việt Nam).")
    try:
        moment = datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=LOCAL_TZ)
    except ValueError:
        raise root.fail("NgayNopHoSo", "không phải một thời điểm có thật.") from None
    return moment.isoformat()


def _renamed(error: ValidationError) -> ValidationError:
    """The reception reader's message, with the portal's name of the field."""
    message, field = str(error), error.field or ""
    for ours, theirs in sorted(_FIELDS.items(), key=lambda kv: -len(kv[0])):
        if field == ours or field.startswith(ours + ".") or message.startswith(ours + ":"):
            message = message.replace(ours, theirs, 1)
            return ValidationError(message, theirs)
    return ValidationError(message.replace("documents", "TaiLieuNop", 1), field)
