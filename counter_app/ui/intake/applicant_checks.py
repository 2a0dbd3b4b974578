"""The applicant's fields checked as typed, each problem said in plain Vietnamese for the
officer (the services' messages name JSON keys for the command line)."""

from __future__ import annotations

from collections.abc import Callable

from counter_app.errors import CounterError
from counter_app.services.applicants.applicant import check_email, check_id_number, phone_key
from counter_app.services.intake.intake_file import NAME_MAX
from counter_app.ui.i18n import tr

ID_TYPES = (("", "Căn cước / CMND"), ("passport", "Hộ chiếu"))
LABELS = {
    "name": "Họ tên người nộp",
    "id_number": "Số giấy tờ",
    "phone": "Điện thoại",
    "address": "Địa chỉ",
    "email": "Thư điện tử",
}


def _fails(check: Callable[[], object]) -> bool:
    try:
        check()
    except CounterError:
        return True
    return False


def name_problem(value: str, _kind: str | None = None) -> str | None:
    value = " ".join(value.split())
    if not value:
        return tr("Cần ghi họ tên người nộp.")
    return tr("Họ tên tối đa {} ký tự.").format(NAME_MAX) if len(value) > NAME_MAX else None


def id_problem(value: str, kind: str | None) -> str | None:
    value = value.strip()
    if not value or not _fails(lambda: check_id_number(value, kind or None)):
        return None
    if kind == "passport":
        return tr("Số hộ chiếu gồm 6 đến 20 chữ cái hoặc chữ số, có ít nhất một chữ số.")
    if len(value) == 12 and value.isdigit():
        return tr("Số căn cước phải bắt đầu bằng mã tỉnh, từ 001 đến 096.")
    return tr(
        "Số căn cước gồm 12 chữ số (chứng minh nhân dân cũ: 9 chữ số). Với hộ chiếu, "
        "chọn loại giấy tờ «Hộ chiếu»."
    )


def phone_problem(value: str, _kind: str | None = None) -> str | None:
    if not value.strip() or not _fails(lambda: phone_key(value)):
        return None
    return tr("Số điện thoại gồm 10 chữ số bắt đầu bằng 0, hoặc +84 rồi 9 chữ số.")


def email_problem(value: str, _kind: str | None = None) -> str | None:
    if not value.strip() or not _fails(lambda: check_email(value)):
        return None
    return tr("Địa chỉ thư điện tử chưa đúng (ví dụ: ten@example.vn).")


# field -> its problem in the text as typed (with the ID type chosen), or None
CHECKS: dict[str, Callable[[str, str | None], str | None]] = {
    "name": name_problem,
    "id_number": id_problem,
    "phone": phone_problem,
    "email": email_problem,
}
