"""Before an intake starts: can this desk give a code? Alone, always; joined, online
(the last sync worked) or with a number left in its reserve for today."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from counter_app.services import desk
from counter_app.sync import numbers, state


def before_intake(
    session: Session, db_url: str, agency_code: str | None, today: date
) -> str | None:
    if state.load_url(db_url) is None or state.get(session, "last_error") is None:
        return None
    agency = desk.desk_agency(session, agency_code)
    if numbers.free(session, agency.id, today):
        return None
    return (
        "Bàn đang mất kết nối với máy chủ văn phòng và đã hết số hồ sơ dự phòng cho hôm "
        "nay: chưa tiếp nhận được hồ sơ mới (mã hồ sơ phải do máy chủ cấp). Kiểm tra mạng; "
        "khi kết nối lại, bàn tự đồng bộ và cấp mã bình thường."
    )
