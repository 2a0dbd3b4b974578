"""The province's integration gateway, over HTTPS (docs/portal.md: the protocol).

`POST {url}/auth` {"username", "password"} → {"error_code": 0, "session"}; then one
message a request, `POST {url}/integration` {"session", "madonvi", "message_id",
"service", "isUpdating", "data"} → {"error_code", "message"}. The answer is judged by its
code alone, never by its text. The certificate is verified against the system's
authorities and the agency's own (`portal configure --ca`); nothing else is accepted."""

from __future__ import annotations

import json
import ssl
from dataclasses import dataclass
from typing import Any

import httpx

MAX_ANSWER = 64 * 1024  # an answer is a few dozen bytes; more is not the gateway's
TIMEOUT = 20.0  # seconds for each connect, read and write
EXPIRED_AGAIN = "Cổng báo phiên hết hạn cả sau khi đăng nhập lại; sẽ gửi lại sau."


@dataclass(frozen=True)
class Answer:
    """What one request came to. `code` is the gateway's error_code (0 success), or None
    when there was no usable answer: then `retry` says whether to try again later."""

    code: int | None
    reason: str
    retry: bool = False


class Unreachable(Exception):
    """The gateway cannot be used now (connection refused, a certificate that does not
    verify, the login refused): nothing was decided, the pass stops."""


class Gateway:
    def __init__(
        self,
        url: str,
        user: str,
        password: str,
        agency: str,
        ca: str | None,
        timeout: float = TIMEOUT,
    ) -> None:
        self.url = url.rstrip("/")
        self.user, self.password, self.agency = user, password, agency
        context = ssl.create_default_context()  # the system's authorities
        if ca:
            context.load_verify_locations(cafile=ca)  # and the agency's own
        self.client = httpx.Client(verify=context, timeout=timeout, follow_redirects=False)
        self.session: str | None = None

    def close(self) -> None:
        self.client.close()

    def login(self) -> Answer:
        answer, found = self._post("/auth", {"username": self.user, "password": self.password})
        if answer.code == 0:
            session = found.get("session")
            if not isinstance(session, str) or not session:
                return Answer(None, "Cổng trả lời đăng nhập thành công nhưng không có phiên.", True)
            self.session = session
        return answer

    def send(self, message_id: str, service: str, update: bool, data: Any) -> Answer:
        """One message; a session that expired (401) is renewed once and the message sent
        again; expired again at once, nothing is decided (the message is not refused: the
        gateway lost its sessions, or restarted). A first send the gateway already has
        (3) is the caller's to resend."""
        for _ in range(2):  # the second time with a new session
            if self.session is None:
                logged = self.login()
                if logged.code != 0:
                    return _login_failed(logged)
            answer, _ = self._post(
                "/integration",
                {
                    "session": self.session,
                    "madonvi": self.agency,
                    "message_id": message_id,
                    "service": service,
                    "isUpdating": "True" if update else "False",
                    "data": data,
                },
            )
            if answer.code != 401:
                return answer
            self.session = None  # expired: log in again, once
        return Answer(None, EXPIRED_AGAIN, True)

    def _post(self, path: str, body: dict[str, Any]) -> tuple[Answer, dict[str, Any]]:
        try:
            with self.client.stream("POST", self.url + path, json=body) as response:
                raw = b""
                for chunk in response.iter_bytes():
                    raw += chunk
                    if len(raw) > MAX_ANSWER:
                        return Answer(
                            None, f"Cổng trả lời quá dài (hơn {MAX_ANSWER} byte).", True
                        ), {}
        except ssl.SSLError as error:
            raise Unreachable(_tls_reason(error)) from None
        except httpx.ConnectError as error:
            if isinstance(error.__cause__, ssl.SSLError) or "CERTIFICATE" in str(error):
                raise Unreachable(_tls_reason(error)) from None
            raise Unreachable(f"Không kết nối được cổng tích hợp {self.url}.") from None
        except httpx.TimeoutException:
            return Answer(None, "Cổng không trả lời kịp (quá thời gian chờ).", True), {}
        except httpx.TransportError:
            return Answer(None, "Mất kết nối với cổng trước khi nhận được trả lời.", True), {}
        return judged(response.status_code, response.headers.get("content-type", ""), raw)


def judged(status: int, content_type: str, raw: bytes) -> tuple[Answer, dict[str, Any]]:
    """An HTTP answer as the sender reads it: by its error_code only."""
    if status >= 500:
        return Answer(None, f"Cổng đang lỗi (HTTP {status}); sẽ gửi lại sau.", True), {}
    try:
        found = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        page = "trang HTML" if b"<html" in raw[:512].lower() or "html" in content_type else ""
        what = page or "dữ liệu không phải JSON"
        return Answer(None, f"Cổng trả lời {what} (HTTP {status}), không phải JSON.", True), {}
    code = found.get("error_code") if isinstance(found, dict) else None
    if isinstance(code, str) and code.lstrip("-").isdigit():
        code = int(code)
    if not isinstance(code, int) or isinstance(code, bool):
        return Answer(None, f"Cổng trả lời JSON không có mã lỗi (HTTP {status}).", True), {}
    if code == 0 and status != 200:
        return Answer(None, f"Cổng trả mã 0 với HTTP {status}: không coi là thành công.", True), {}
    message = found.get("message")
    reason = message[:400] if isinstance(message, str) else ""
    return Answer(code, reason), found


def _login_failed(answer: Answer) -> Answer:
    """A refused login is no message's fault: the pass stops, nothing is marked."""
    if answer.code is None:
        return answer
    raise Unreachable(f"Cổng tích hợp từ chối đăng nhập (mã {answer.code}): {answer.reason}")


def _tls_reason(error: Exception) -> str:
    return (
        "Chứng chỉ của cổng tích hợp không được xác thực (không do tổ chức tin cậy cấp); "
        "nếu cơ quan dùng CA riêng, khai báo bằng: counter-app portal configure --ca FILE."
    )
