"""Helpers for the ticket printer's tests: a ticket, the raster image read back out of an
ESC/POS job, a QR decoded, a network printer on localhost."""

from __future__ import annotations

import socket
import threading
from datetime import datetime

import zxingcpp
from PIL import Image

from counter_app.thermal import Ticket

GS_V0 = b"\x1dv0"


def a_ticket(**changes) -> Ticket:
    values = {
        "ticket": "A021",
        "service": "Hộ tịch — đăng ký khai sinh, kết hôn, khai tử",
        "agency": "Ủy ban nhân dân xã Tam Đảo",
        "waiting_before": 5,
        "issued_at": datetime(2025, 3, 14, 8, 5),
        "agency_code": "000.00.20.H26",
    }
    return Ticket(**(values | changes))


def raster_of(job: bytes) -> Image.Image:
    """The GS v 0 images of a job stacked as printed (white 255, black 0)."""
    parts, at = [], 0
    while (at := job.find(GS_V0, at)) >= 0:
        width_bytes = job[at + 4] | job[at + 5] << 8
        height = job[at + 6] | job[at + 7] << 8
        data = job[at + 8 : at + 8 + width_bytes * height]
        assert len(data) == width_bytes * height, "a raster image cut short"
        part = Image.frombytes("1", (width_bytes * 8, height), data)
        parts.append(part.point(lambda v: 0 if v else 255, "L"))  # 1 bits are black dots
        at += 8 + len(data)
    assert parts, "no GS v 0 image in the job"
    whole = Image.new("L", (parts[0].width, sum(p.height for p in parts)), 255)
    y = 0
    for part in parts:
        whole.paste(part, (0, y))
        y += part.height
    return whole


def qr_texts(image: Image.Image) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(image.convert("L"))]


class FakePrinter:
    """A raw TCP printer on 127.0.0.1: keeps what each connection sent; answers a paper
    status query (DLE EOT 4) with `answer`, or stays silent when it is None."""

    def __init__(self, answer: bytes | None = b"\x12") -> None:
        self.answer = answer
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.jobs: list[bytes] = []
        self.queries = 0
        self._done = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            if self._stopping:
                conn.close()
                return
            with conn:
                received = b""
                while chunk := conn.recv(65536):
                    received += chunk
                    if received == b"\x10\x04\x04":
                        self.queries += 1
                        received = b""
                        if self.answer is not None:
                            conn.sendall(self.answer)
                with self._done:
                    self.jobs.append(received)
                    self._done.notify_all()

    def wait_jobs(self, n: int) -> list[bytes]:
        """The jobs once `n` connections have ended (their bytes all read)."""
        with self._done:
            assert self._done.wait_for(lambda: len(self.jobs) >= n, timeout=60)
            return list(self.jobs)

    def close(self) -> None:
        self._stopping = True
        socket.create_connection(("127.0.0.1", self.port)).close()  # wakes accept()
        self._thread.join(30)
        self.server.close()
