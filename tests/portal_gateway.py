"""A STAND-IN for the province's integration gateway (LGSP/NDXP adapter), for the tests
only: the real one is not reachable from here. It speaks the protocol of docs/portal.md
strictly over HTTPS on a free localhost port, with a throwaway certificate authority made
with `cryptography`, and records what it accepted.

Faults it can be told to make, for the next requests (`plan`) or at random (`chaos`):
"expire" (the session is no longer valid: 401), "5xx", "slow" (answers after the
client's time-out), "drop" (accepts the message, then closes the connection without an
answer), "html", "notjson", "huge", "unknown" (a 200 with a code it never documents),
"refuse" (error_code 12), "hold" (waits until the test sets `release`, then answers).
A DongBoHoSoMC sent as new for a dossier it already has answers error_code 3. A message_id
it accepted before is a success again, not a copy: `accepted` holds each message once, in
the order accepted, and `repeated` counts per id the repeats it absorbed, so "accepted
exactly once" can be checked. `faults` counts the faults it made, by kind.

Its texts are those a text-judging sender (the peer TD-DVC searches "thành công" and "đã
tồn tại" in the message) reads wrongly: a 503 says "Đồng bộ không thành công", an answer
with a code it never documents says "Thành công", an answer 3 says "Hồ sơ đã tồn tại"
(tests/portal_control.py is that sender, for the chaos test's negative control).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import json
import random
import secrets
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

USER, PASSWORD, AGENCY = "motcua-tamdao", "mat-khau-thu", "000.00.00.H99"
SERVICES = ("DongBoHoSoMC", "CapNhatTienDoHoSoMC")


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for localhost signed by it."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA thu nghiem (stand-in)")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "gw.pem", folder / "gw.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_file, cert_file, key_file


class StandInGateway:
    """The province's gateway as the tests play it (see the module's text)."""

    def __init__(self, folder: Path, slow_seconds: float = 3.0, seed: int | None = None) -> None:
        self.ca_file, cert, key = make_certificates(folder)
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.slow_seconds = slow_seconds
        self.lock = threading.Lock()
        self.sessions: set[str] = set()
        self.accepted: list[dict[str, Any]] = []  # in the order accepted
        self.ids: set[str] = set()
        self.codes: set[str] = set()  # dossiers it has (DongBoHoSoMC)
        self.plan: list[str] = []
        self.chaos: dict[str, float] = {}
        self.requests = 0
        self.repeats = 0
        self.repeated: Counter[str] = Counter()  # message_id -> repeats absorbed
        self.faults: Counter[str] = Counter()  # fault -> times made
        self.random = random.Random(seed)
        self.release = threading.Event()  # lets a "hold" answer
        self.holding = threading.Event()  # set while a "hold" waits
        # called with each message accepted, before its answer is written (a test's kill)
        self.on_accept: Callable[[dict[str, Any]], None] | None = None
        self.open: set[socket.socket] = set()  # connections being served
        self.server: ThreadingHTTPServer | None = None
        self.port = 0
        self.up()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}/lgsp"

    def up(self) -> None:
        gateway = self

        class Handler(_Handler):
            stand_in = gateway

        server = _Server(("127.0.0.1", self.port), Handler)
        server.socket = self.context.wrap_socket(server.socket, server_side=True)
        self.port = server.server_address[1]
        self.server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def down(self) -> None:
        """Refuse connections (the gateway is down) until `up()` on the same port; the
        connections open are cut (a request in flight loses its answer)."""
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        with self.lock:
            cut, self.open = list(self.open), set()
        for connection in cut:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def expire_sessions(self) -> None:
        with self.lock:
            self.sessions.clear()

    def fault(self) -> str | None:
        with self.lock:
            found = self.plan.pop(0) if self.plan else None
            for name, chance in self.chaos.items():
                if found is None and self.random.random() < chance:
                    found = name
            if found:
                self.faults[found] += 1
            return found

    def integrate(self, body: dict[str, Any]) -> tuple[int, dict[str, Any], bool]:
        """(HTTP status, answer, whether the message was accepted)."""
        with self.lock:
            if body.get("session") not in self.sessions:
                return 200, {"error_code": 401, "message": "Phiên làm việc hết hạn"}, False
            problems = _problems(body)
            if problems:
                return 200, {"error_code": 9, "message": problems}, False
            mid = body["message_id"]
            if mid in self.ids:
                self.repeats += 1
                self.repeated[mid] += 1
                return 200, {"error_code": 0, "message": "Tin đã tồn tại (trùng message_id)"}, False
            rows = body["data"]
            if body["service"] == "DongBoHoSoMC":
                code = rows[0]["MaHoSo"]
                if body["isUpdating"] == "False" and code in self.codes:
                    return 200, {"error_code": 3, "message": "Hồ sơ đã tồn tại"}, False
                self.codes.add(code)
            self.ids.add(mid)
            self.accepted.append(body)
            return 200, {"error_code": 0, "message": "Thành công"}, True


class _Server(ThreadingHTTPServer):
    allow_reuse_address = True  # up() again on the same port at once
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a connection cut by down() or by a killed sender: nothing to report


def _problems(body: dict[str, Any]) -> str:
    if body.get("madonvi") != AGENCY:
        return "Sai mã đơn vị"
    if body.get("service") not in SERVICES:
        return "Sai dịch vụ"
    if body.get("isUpdating") not in ("True", "False"):
        return "isUpdating phải là True hoặc False"
    if not isinstance(body.get("message_id"), str) or not isinstance(body.get("data"), list):
        return "Thiếu message_id hoặc data"
    if not body["data"] or not all(isinstance(r, dict) and r.get("MaHoSo") for r in body["data"]):
        return "Thiếu MaHoSo"
    return ""


class _Handler(BaseHTTPRequestHandler):
    stand_in: StandInGateway
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def setup(self) -> None:
        super().setup()
        # headers and body are two writes: without this each answer waits for the
        # client's delayed ACK (40 ms), which no real gateway makes a client wait
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.stand_in.lock:
            self.stand_in.open.add(self.connection)

    def finish(self) -> None:
        with self.stand_in.lock:
            self.stand_in.open.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def do_POST(self) -> None:
        gw = self.stand_in
        with gw.lock:
            gw.requests += 1
        size = int(self.headers.get("content-length", 0))
        try:
            body = json.loads(self.rfile.read(size))
        except ValueError:
            self._json(400, {"error_code": 400, "message": "Yêu cầu không phải JSON"})
            return
        if self.path.endswith("/auth"):
            if body.get("username") == USER and body.get("password") == PASSWORD:
                session = secrets.token_hex(8)
                with gw.lock:
                    gw.sessions.add(session)
                self._json(200, {"error_code": 0, "session": session})
            else:
                self._json(200, {"error_code": 2, "message": "Sai tài khoản hoặc mật khẩu"})
            return
        if not self.path.endswith("/integration"):
            self._json(404, {"error_code": 404, "message": "Không có"})
            return
        fault = gw.fault()
        if fault == "expire":
            gw.expire_sessions()
        elif fault == "5xx":
            self._json(503, {"error_code": -1, "message": "Đồng bộ không thành công, thử lại sau"})
            return
        elif fault == "slow":
            time.sleep(gw.slow_seconds)
        elif fault == "hold":
            gw.holding.set()
            gw.release.wait(60)
        elif fault == "html":
            self._raw(200, "text/html", b"<html><body>Bao tri he thong</body></html>")
            return
        elif fault == "notjson":
            self._raw(200, "application/json", b"OK")
            return
        elif fault == "huge":
            self._raw(200, "application/json", b'{"error_code": 0, "x": "' + b"a" * 200_000 + b'"}')
            return
        elif fault == "unknown":
            self._json(200, {"error_code": "khong-ro", "message": "Thành công"})
            return
        elif fault == "refuse":
            self._json(200, {"error_code": 12, "message": "Mã TTHC không tồn tại trên Cổng"})
            return
        status, answer, accepted = gw.integrate(body)
        if accepted and gw.on_accept:
            gw.on_accept(body)
        if fault == "drop" and accepted:
            self.close_connection = True  # accepted, then the reply is lost
            self.connection.close()
            return
        self._json(status, answer)

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._raw(status, "application/json", json.dumps(data, ensure_ascii=False).encode())

    def _raw(self, status: int, kind: str, raw: bytes) -> None:
        self.send_response(status)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(raw)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(raw)
