"""SANE through `scanimage` (sane-utils): the spec's other way besides python-sane, which
needs compiling. Several pages are one `scanimage --batch` into a temporary folder of the
desk's user alone (0700, removed after whatever happens); `--batch-print` names each page
file as it is finished, so the caller hears of every page while the next is scanned.
Cancelling terminates the process."""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from counter_app.errors import quoted
from counter_app.scanning.base import (
    Cancelled,
    Mode,
    OnPage,
    Page,
    ScanCancelled,
    ScannerError,
    ScannerFailed,
    ScannerInfo,
    ScannerMissing,
    check_request,
)
from counter_app.scanning.pages import page_from_file
from counter_app.scanning.sane_options import DeviceOptions, choose

_DEVICE_SHAPE = re.compile(r"[\w:./@,=+-]{1,120}")
NOT_INSTALLED = (
    "Chưa cài SANE (chương trình scanimage, gói sane-utils): chạy 'bash scripts/setup.sh' "
    "bằng quyền root hoặc cài gói sane-utils."
)
# What scanimage prints (SANE's own status texts), and what the officer can do about it.
_TROUBLES = (
    ("jammed", "Giấy bị kẹt trong máy quét: gỡ giấy ra rồi quét lại."),
    ("out of documents", "Khay nạp giấy không còn tờ nào: đặt giấy vào khay rồi quét lại."),
    ("cover", "Nắp máy quét đang mở: đóng nắp rồi quét lại."),
    ("busy", "Máy quét đang bận (một chương trình khác đang dùng): chờ rồi quét lại."),
    ("denied", "Không có quyền dùng máy quét (tài khoản cần thuộc nhóm 'scanner')."),
    (
        "i/o",
        "Máy quét ngừng giữa chừng (mất kết nối hoặc bị rút ra): các trang vừa quét không "
        "được giữ. Kiểm tra cáp và nguồn rồi quét lại.",
    ),
)


# After scanimage has printed an error it should end at once; a driver stuck in its cancel
# (seen with the `test` backend after an injected I/O error) must not keep the officer
# waiting for page_timeout: this long after the error, scanimage is stopped.
ERROR_GRACE_S = 5.0


def _reported(errors: list[str]) -> bool:
    """Whether scanimage has said something that ends the scan."""
    text = " ".join(errors).lower()
    return any(words in text for words, _ in _TROUBLES) or "open of device" in text


class SaneScanner:
    """`extra`: options given to every scan after the chosen ones (a backend's own, the
    test device's picture); `temp_root`: where the page files wait (default: the system's
    temporary folder); `page_timeout`: seconds without a finished page before giving up."""

    def __init__(
        self,
        program: str = "scanimage",
        extra: Sequence[str] = (),
        temp_root: str | Path | None = None,
        page_timeout: float = 120.0,
    ) -> None:
        self.program = program
        self.extra = list(extra)
        self.temp_root = temp_root
        self.page_timeout = page_timeout

    def devices(self) -> list[ScannerInfo]:
        text = self._output(["-f", "%d\t%v\t%m%n"], 60.0)
        found = []
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[0]:
                found.append(ScannerInfo(*parts))
        return found

    def options(self, device: str) -> DeviceOptions:
        return DeviceOptions.parse(self._output(["-d", device, "-A"], 60.0, device))

    def scan(
        self,
        device: str | None,
        pages: int | None,
        dpi: int,
        mode: Mode,
        on_page: OnPage | None = None,
        cancelled: Cancelled = lambda: False,
        feeder: bool = False,
    ) -> list[Page]:
        check_request(pages, dpi, mode)
        device = device or self._first_device()
        choice = choose(self.options(device), dpi, mode, feeder)
        count = pages or (None if feeder else 1)
        folder = tempfile.mkdtemp(prefix="counter-scan-", dir=self.temp_root)  # 0700
        try:
            command = [self.program, "-d", device, "--format=pnm", "--batch-print"]
            command += [f"--batch={folder}{os.sep}p%04d.pnm", *choice.arguments, *self.extra]
            if count is not None:
                command.append(f"--batch-count={count}")
            return self._run(command, device, choice.dpi, mode, on_page, cancelled)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _first_device(self) -> str:
        found = self.devices()
        if not found:
            raise ScannerMissing(
                "Không tìm thấy máy quét nào: kiểm tra cáp USB và nguồn của máy quét, "
                "rồi thử lại (counter-app scanners liệt kê các máy thấy được)."
            )
        return found[0].name

    def _run(
        self,
        command: list[str],
        device: str,
        dpi: int,
        mode: Mode,
        on_page: OnPage | None,
        cancelled: Cancelled,
    ) -> list[Page]:
        process = self._start(command)
        lines: queue.Queue[str | None] = queue.Queue()
        errors: list[str] = []
        readers = [
            threading.Thread(target=_pump, args=(process.stdout, lines)),
            threading.Thread(target=_collect, args=(process.stderr, errors)),
        ]
        for reader in readers:
            reader.start()
        done: list[Page] = []
        errored: float | None = None  # when scanimage printed an error that ends the scan
        try:
            deadline = time.monotonic() + self.page_timeout
            while True:
                if cancelled():
                    raise ScanCancelled(done)
                try:
                    line = lines.get(timeout=0.1)
                except queue.Empty:
                    if errored is None and _reported(errors):
                        errored = time.monotonic()
                    if errored is not None and time.monotonic() - errored > ERROR_GRACE_S:
                        break  # stopped below; its error said by _trouble
                    if time.monotonic() > deadline:
                        raise ScannerFailed(
                            f"Máy quét không trả trang nào sau {self.page_timeout:g} giây: "
                            "kiểm tra máy quét rồi quét lại."
                        ) from None
                    continue
                if line is None:
                    break
                page = _take(Path(line.strip()), dpi, mode)
                done.append(page)
                if on_page is not None:
                    on_page(len(done) - 1, page)
                deadline = time.monotonic() + self.page_timeout
        finally:
            _stop(process)
            for reader in readers:
                reader.join(10)
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
        if process.returncode != 0 or not done:
            raise _trouble(errors, device)
        return done

    def _start(self, command: list[str]) -> subprocess.Popen[bytes]:
        try:
            return subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        except FileNotFoundError:
            raise ScannerMissing(NOT_INSTALLED) from None

    def _output(self, arguments: list[str], timeout: float, device: str | None = None) -> str:
        try:
            done = subprocess.run(
                [self.program, *arguments],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
            )
        except FileNotFoundError:
            raise ScannerMissing(NOT_INSTALLED) from None
        except subprocess.TimeoutExpired:
            raise ScannerFailed(
                f"SANE không trả lời sau {timeout:g} giây: rút máy quét ra, cắm lại rồi thử lại."
            ) from None
        if done.returncode != 0:
            raise _trouble(_decoded(done.stderr).splitlines(), device)
        return _decoded(done.stdout)


def _pump(stream: IO[bytes] | None, lines: queue.Queue[str | None]) -> None:
    """The names of the finished pages as scanimage prints them, then None at its end."""
    for raw in stream or ():
        lines.put(_decoded(raw))
    lines.put(None)


def _collect(stream: IO[bytes] | None, errors: list[str]) -> None:
    for raw in stream or ():  # line by line: the scan loop watches them as they come
        errors.append(_decoded(raw))


def _decoded(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _take(path: Path, dpi: int, mode: Mode) -> Page:
    """A finished page file as a Page; the file is removed at once (it holds a citizen's
    paper)."""
    try:
        return page_from_file(path.read_bytes(), dpi, mode)
    finally:
        path.unlink(missing_ok=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End scanimage if it still runs (cancel, timeout, an error of ours): SIGTERM lets it
    cancel the scan in the driver; a process that does not end in 10 s is killed."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    process.wait()


def _trouble(errors: list[str], device: str | None) -> ScannerError:
    text = " ".join(errors).lower()
    named = quoted(device, _DEVICE_SHAPE) if device else None
    if "open of device" in text or "no such device" in text:
        return ScannerMissing(
            f"Không mở được máy quét {named or ''}: không có máy này, máy đã bị rút ra hoặc "
            "đang bận. Kiểm tra cáp và nguồn, rồi xem danh sách bằng 'counter-app scanners'."
        )
    for words, message in _TROUBLES:
        if words in text:
            return ScannerFailed(message)
    last = next((e.strip() for e in reversed(errors) if e.strip()), "")
    return ScannerFailed(
        "Máy quét báo lỗi, không quét được" + (f" (scanimage: {last[:200]})." if last else ".")
    )
