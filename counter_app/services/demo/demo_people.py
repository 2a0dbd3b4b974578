"""Made-up citizens and reasons for the demo data (names with Vietnamese diacritics)."""

from __future__ import annotations

import random

from counter_app.models import Agency
from counter_app.services.intake.intake_file import Applicant

FAMILY = [
    "Nguyễn",
    "Nguyễn",
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đinh",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu", "Thanh", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hà",
    "Hải",
    "Hoà",
    "Hùng",
    "Hương",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
]
HAMLETS = ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn Đồng Bùa", "Thôn Làng Hà", "Tổ dân phố 2"]
REASONS = {
    "refused": ["Hồ sơ không thuộc thẩm quyền giải quyết của xã", "Giấy tờ không hợp lệ"],
    "withdrawn": ["Công dân xin rút hồ sơ", "Công dân đổi ý, không làm nữa"],
    "stopped": ["Quá hạn bổ sung hồ sơ", "Không đủ điều kiện giải quyết"],
    "extended": ["Cần xác minh thêm thông tin", "Chờ ý kiến cơ quan liên quan"],
}


def fake_applicant(rng: random.Random, agency: Agency) -> Applicant:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    id_number = (
        f"0{rng.choice(['25', '26'])}{rng.choice('0123')}{rng.randint(50, 99)}"
        f"{rng.randint(0, 999_999):06d}"
    )
    phone = f"0{rng.choice(['9', '8', '3'])}{rng.randint(0, 99_999_999):08d}"
    return Applicant(
        name=name,
        id_type=None,
        id_number=id_number,
        phone=phone,
        phone_key=phone,
        address=f"{rng.choice(HAMLETS)}, {agency.name.replace('UBND ', '')}",
        email=None,
    )


def reason(kind: str, rng: random.Random) -> str:
    return rng.choice(REASONS[kind])
