"""Every error as a person at the desk may read it: one place, in Vietnamese.

The program's own errors (`CounterError`) already speak Vietnamese and carry no personal
data; database trouble is told by `db_trouble.explain`; anything else (a bug, a library's
English exception, a constraint's SQL text with its values) is never shown as it is: the
officer reads what happened in general and that nothing was half-written, and the type
only (no text: it may quote a citizen's data) for whoever they call.
"""

from __future__ import annotations

from counter_app.db_trouble import explain
from counter_app.errors import CounterError

UNEXPECTED = (
    "Lỗi không mong đợi ({}): việc vừa làm chưa được ghi. Làm lại một lần; nếu vẫn "
    "lỗi, báo cho người quản trị (kèm giờ xảy ra)."
)
CONSTRAINT = (
    "Dữ liệu vừa ghi trùng với dữ liệu đã có ({}): việc vừa làm chưa được ghi. "
    "Làm lại một lần; nếu vẫn vậy, báo cho người quản trị."
)


def for_people(error: BaseException) -> str:
    """The message to show for `error` in a window or an `error:` line."""
    if isinstance(error, CounterError):
        return " ".join(str(error).split()) or UNEXPECTED.format(type(error).__name__)
    trouble = explain(error)
    if trouble is not None:
        return str(trouble)
    if type(error).__name__ == "IntegrityError":
        return CONSTRAINT.format(type(error).__name__)
    return UNEXPECTED.format(type(error).__name__)
