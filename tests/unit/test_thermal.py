"""The kiosk's ticket on an ESC/POS thermal printer (issue 22): the job's commands, the
picture and its QR read back out of the bytes, and the printer's troubles as typed errors
with Vietnamese messages, the ticket never reported printed when it was not."""

from __future__ import annotations

import io

import pytest

from counter_app.errors import ValidationError
from counter_app.thermal import (
    PrinterFailed,
    PrinterMissing,
    connection_from,
    print_ticket,
    qr_text,
    ticket_job,
    ticket_printer,
    ticket_width,
)
from counter_app.thermal.connections import (
    FileConnection,
    NetworkConnection,
    UsbConnection,
    WindowsConnection,
)
from counter_app.thermal.image import ticket_image
from tests.thermal import GS_V0, a_ticket, qr_texts, raster_of

QR = "A021|2025-03-14|000.00.20.H26"


def test_the_ticket_goes_to_the_device_as_one_escpos_job(tmp_path):
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    assert print_ticket(a_ticket(), FileConnection(device)) is None
    job = device.read_bytes()
    assert job.startswith(b"\x1b@")  # ESC @: the printer starts clean
    assert GS_V0 in job  # the picture as a raster bit image
    assert job.endswith(b"\x1dV\x00")  # GS V: fed, then cut
    picture = raster_of(job)
    assert picture.width == 576
    assert qr_texts(picture) == [QR]


@pytest.mark.parametrize("width", [576, 512, 384])
def test_the_picture_fits_the_paper_and_its_qr_reads_back(width):
    picture = ticket_image(a_ticket(), width)
    assert picture.mode == "1" and picture.width == width
    assert qr_texts(picture) == [QR]
    assert qr_texts(raster_of(ticket_job(picture))) == [QR]


def test_the_qr_holds_the_ticket_day_and_agency_only():
    ticket = a_ticket(agency="Nguyễn Văn A", service="0912345678")  # not what they are, but
    assert qr_text(ticket) == QR  # whatever the names hold stays out of the QR
    assert qr_text(a_ticket(agency_code="")) == "A021|2025-03-14"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ticket": "0912345678"}, "ticket"),
        ({"ticket": "A 021"}, "ticket"),
        ({"waiting_before": -1}, "waiting_before"),
        ({"agency_code": "mã có dấu"}, "agency_code"),
        ({"service": " "}, "service"),
    ],
)
def test_a_ticket_that_cannot_be_printed_is_refused(changes, field):
    with pytest.raises(ValidationError) as refused:
        a_ticket(**changes)
    assert refused.value.field == field


def test_a_device_that_is_not_there_is_told_and_not_created(tmp_path):
    device = tmp_path / "usb" / "lp0"
    with pytest.raises(PrinterMissing, match=f"Không thấy máy in vé {device}: kiểm tra cáp"):
        print_ticket(a_ticket(), FileConnection(device))
    (tmp_path / "usb").mkdir()
    with pytest.raises(PrinterMissing):
        print_ticket(a_ticket(), FileConnection(device))
    assert not device.exists()  # never a plain file in place of the printer


class BreaksAfter(io.RawIOBase):
    """A device that takes `limit` bytes, then fails as an unplugged printer does."""

    def __init__(self, limit: int) -> None:
        self.limit, self.taken, self.closed_ = limit, 0, False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        room = self.limit - self.taken
        if room <= 0:
            raise OSError(5, "Input/output error")
        taken = min(room, len(data))
        self.taken += taken
        return taken


@pytest.mark.parametrize("limit", [0, 100, 20_000])
def test_a_write_failing_midway_is_a_failure_never_a_success(tmp_path, limit):
    device = BreaksAfter(limit)
    connection = FileConnection(tmp_path / "lp0", opener=lambda path: device)
    with pytest.raises(PrinterFailed) as failed:
        print_ticket(a_ticket(), connection)
    assert "ngừng giữa chừng" in str(failed.value) and "in lại phiếu" in str(failed.value)
    assert device.taken == limit  # it did stop where the device failed


def test_the_printer_given_by_its_written_form():
    assert isinstance(connection_from("/dev/usb/lp0"), FileConnection)
    assert connection_from("file:/tmp/x").label == "/tmp/x"
    net = connection_from("192.168.1.50:9100")
    assert isinstance(net, NetworkConnection) and (net.host, net.port) == ("192.168.1.50", 9100)
    assert connection_from("tcp:printer.local").label == "printer.local:9100"
    usb = connection_from("usb:04b8:0202")
    assert isinstance(usb, UsbConnection) and (usb.vendor, usb.product) == (0x04B8, 0x0202)
    win = connection_from("windows:EPSON TM-T82 Receipt")
    assert isinstance(win, WindowsConnection) and win.name == "EPSON TM-T82 Receipt"
    for bad in ("", "lp0", "usb:4b8:202", "windows:", "10.0.0.1:99999"):
        with pytest.raises(ValidationError, match="Máy in vé phải ghi là"):
            connection_from(bad)
    assert ticket_printer({}) is None
    assert ticket_printer({"COUNTER_APP_TICKET_PRINTER": "/dev/usb/lp0"}) is not None
    assert ticket_width({}) == 576 and ticket_width({"COUNTER_APP_TICKET_WIDTH": "512"}) == 512
    with pytest.raises(ValidationError, match="576"):
        ticket_width({"COUNTER_APP_TICKET_WIDTH": "600"})
