"""Why a connection to the office server failed, told so that whoever reads it knows
what to fix: the administrator at `server …`, the desk at `join` and `sync`.

libpq's English text is read, never shown: the message names the certificate file libpq
looked for, the host and the database, never the URL (it may carry a password).
"""

from __future__ import annotations

import re

from counter_app.errors import DatabaseTrouble

SSL_FIX = (
    "chép root.crt của văn phòng vào đó, hoặc chỉ đường dẫn của nó bằng "
    "sslrootcert=ĐƯỜNG_DẪN trong URL"
)


class Unreachable(DatabaseTrouble):
    """The office server could not be reached or would not let this user in."""


def _quoted(text: str, before: str) -> str:
    found = re.search(before + r' "([^"]*)"', text)
    return found.group(1) if found else "?"


def cause(error: BaseException, admin: bool) -> str | None:
    """What went wrong, in Vietnamese, or None when the text is not a known one."""
    text = " ".join(str(error).split())
    low = text.lower()
    if "root certificate file" in low and "does not exist" in low:
        return (
            f'thiếu tệp chứng chỉ gốc "{_quoted(text, "root certificate file")}" mà '
            f"sslmode=verify-full (hay verify-ca) cần để kiểm tra máy chủ: {SSL_FIX}"
        )
    if "does not match host name" in low:
        return (
            f'tên máy chủ trong URL ("{_quoted(text, "does not match host name")}") không '
            "có trong chứng chỉ của máy chủ: dùng đúng tên hoặc địa chỉ ghi trong chứng "
            "chỉ (subjectAltName)"
        )
    if "certificate verify failed" in low:
        return (
            "chứng chỉ của máy chủ không do chứng chỉ gốc (root.crt) máy này có ký: "
            "dùng đúng root.crt của văn phòng, hoặc làm lại chứng chỉ của máy chủ"
        )
    if "server does not support ssl" in low:
        return (
            "máy chủ chưa bật mã hoá (ssl = on trong postgresql.conf) mà URL đòi sslmode="
            "require hay verify-full: bật SSL trên máy chủ"
        )
    if "password authentication failed" in low:
        return (
            "sai tên người dùng hoặc mật khẩu (trong URL, PGPASSWORD hay ~/.pgpass)"
            if admin
            else "sai tên hoặc mật khẩu của bàn: tham gia lại bằng URL mới từ người quản trị"
        )
    if "no pg_hba.conf entry" in low:
        return (
            "pg_hba.conf của máy chủ không có dòng nào cho máy này, người dùng này và cơ sở "
            "dữ liệu này"
            + (
                " khi không mã hoá (dòng hostssl chỉ nhận kết nối TLS: thêm "
                "sslmode=verify-full vào URL)"
                if "no encryption" in low
                else ""
            )
        )
    if "database" in low and "does not exist" in low:
        return (
            f'máy chủ không có cơ sở dữ liệu "{_quoted(text, "database")}" (tạo bằng '
            "createdb, hoặc sửa tên trong URL)"
        )
    if "role" in low and "does not exist" in low:
        return f'máy chủ không có người dùng "{_quoted(text, "role")}"'
    if "is not permitted to log in" in low:
        return "tài khoản này đã bị khoá trên máy chủ (server remove-desk)"
    for words, told in _NETWORK:
        if words in low:
            return told
    return None


_NETWORK = (
    ("could not translate host", "không tìm thấy tên máy chủ (mạng hoặc DNS)"),
    (
        "connection refused",
        "máy chủ không nhận kết nối ở địa chỉ và cổng trong URL "
        "(PostgreSQL đang tắt, sai cổng — xem pg_lsclusters trên máy chủ — hay tường "
        "lửa chặn)",
    ),
    ("timeout", "quá thời gian chờ (mạng chậm hoặc mất)"),
    ("timed out", "quá thời gian chờ (mạng chậm hoặc mất)"),
    ("canceling statement", "máy chủ trả lời quá chậm"),
    ("server closed the connection", "máy chủ đóng kết nối (vừa khởi động lại?)"),
    (  # a switchover or a restart: the server ends every session as it stops
        "terminating connection due to administrator command",
        "máy chủ đóng kết nối vì đang dừng (khởi động lại, hoặc chuyển sang máy chủ khác của cụm)",
    ),
    ("the database system is shutting down", "máy chủ đang dừng (khởi động lại?)"),
    ("ssl", "lỗi kết nối mã hoá (SSL) với máy chủ"),
)


def admin_trouble(error: BaseException) -> Unreachable | None:
    """For `server …`: the connection's failure behind `error` (a psycopg error, or
    SQLAlchemy's wrapping one), or None when `error` is something else."""
    seen: BaseException | None = error
    while seen is not None:
        if type(seen).__module__.startswith("psycopg") and type(seen).__name__ in (
            "OperationalError",
            "ConnectionTimeout",
        ):
            told = cause(seen, admin=True) or f"không rõ nguyên nhân ({type(seen).__name__})"
            return Unreachable(f"Không kết nối được máy chủ PostgreSQL: {told}.")
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None
