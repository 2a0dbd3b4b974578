"""What to do about a message the province's gateway refused, by its error code alone
(`portal status`, the dashboard's portal page). The gateway's own reason is shown beside
the hint, verbatim: the hint never depends on its wording.

The codes are those the protocol of docs/portal.md and the tests' stand-in gateway give;
a province whose gateway documents more adds them here (docs/portal.md, "What to do about
a refusal"). Any other code: the integrator is the one who can tell."""

from __future__ import annotations

RETRY = "rồi chạy `portal retry`"
UNKNOWN = "Gửi mã lỗi và nội dung cho đơn vị tích hợp của tỉnh"

HINTS: dict[int, str] = {
    3: "Cổng báo hồ sơ đã có cả khi gửi cập nhật: đối chiếu mã hồ sơ trên Cổng với đơn vị "
    f"tích hợp của tỉnh {RETRY}",
    9: "Tin thiếu hoặc sai trường bắt buộc: kiểm tra mã đơn vị đã khai báo "
    f"(`portal configure --agency-code`) {RETRY}; còn lỗi thì báo đơn vị tích hợp của tỉnh",
    12: f"Kiểm tra mã thủ tục trong danh mục (catalog) so với Cổng DVCQG {RETRY}",
    401: "Cổng vẫn từ chối phiên sau khi đăng nhập lại: kiểm tra tài khoản cổng tích hợp "
    f"(`portal configure --user`) {RETRY}",
    404: f"Sai địa chỉ cổng tích hợp: kiểm tra URL đã khai báo (`portal configure --url`) {RETRY}",
}


def hint(error_code: int | None) -> str:
    """The Vietnamese hint for a refusal's code; the integrator's for a code not known."""
    return HINTS.get(error_code, UNKNOWN) if error_code is not None else UNKNOWN
