"""Ticket printers reached over the network (a raw TCP printer on localhost that answers
the paper sensor's query as a real one does), by USB and by a Windows printer's name
(neither present here: both must say so in Vietnamese)."""

from __future__ import annotations

import socket

import pytest

from counter_app.thermal import PaperOut, PrinterMissing, print_ticket, ticket_job
from counter_app.thermal.connections import NetworkConnection, UsbConnection, WindowsConnection
from counter_app.thermal.image import ticket_image
from tests.thermal import FakePrinter, a_ticket, qr_texts, raster_of

PAPER_OK, PAPER_LOW, PAPER_OUT = b"\x12", b"\x1e", b"\x72"


def answering(printer: FakePrinter) -> NetworkConnection:
    """A connection that waits for the answer as long as a loaded machine may need (the
    desk's 0.5 s is for printers that never answer, tested on its own)."""
    return NetworkConnection("127.0.0.1", printer.port, status_timeout=60)


@pytest.fixture
def printer(request):
    fake = FakePrinter(getattr(request, "param", PAPER_OK))
    yield fake
    fake.close()


def test_a_network_printer_gets_the_whole_job_after_saying_it_has_paper(printer):
    assert print_ticket(a_ticket(), answering(printer)) is None
    [job] = printer.wait_jobs(1)
    assert job == ticket_job(ticket_image(a_ticket()))
    assert printer.queries == 1
    assert qr_texts(raster_of(job)) == ["A021|2025-03-14|000.00.20.H26"]


@pytest.mark.parametrize("printer", [PAPER_OUT], indirect=True)
def test_an_empty_roll_refuses_the_ticket_before_a_byte_of_it(printer):
    with pytest.raises(PaperOut, match=f"127.0.0.1:{printer.port} hết giấy: thay cuộn"):
        print_ticket(a_ticket(), answering(printer))
    assert printer.wait_jobs(1) == [b""]  # only the question was sent


@pytest.mark.parametrize("printer", [PAPER_LOW], indirect=True)
def test_a_roll_running_low_prints_and_tells_the_staff(printer):
    notice = print_ticket(a_ticket(), answering(printer))
    assert notice == f"Máy in vé 127.0.0.1:{printer.port} sắp hết giấy: chuẩn bị thay cuộn giấy."
    assert len(printer.wait_jobs(1)[0]) > 1000


@pytest.mark.parametrize("printer", [None], indirect=True)
def test_a_printer_that_never_answers_is_asked_once_and_still_prints(printer):
    connection = NetworkConnection("127.0.0.1", printer.port, status_timeout=0.2)
    assert print_ticket(a_ticket(), connection) is None
    assert print_ticket(a_ticket(ticket="A022"), connection) is None
    jobs = printer.wait_jobs(2)
    assert printer.queries == 1  # the second ticket did not wait for an answer again
    assert [qr_texts(raster_of(job))[0][:4] for job in jobs] == ["A021", "A022"]


def test_nobody_at_the_address_is_told():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]  # closed when the block ends: nobody listens there
    with pytest.raises(PrinterMissing, match=f"Không kết nối được máy in vé 127.0.0.1:{port}"):
        print_ticket(a_ticket(), NetworkConnection("127.0.0.1", port))


def test_a_usb_printer_not_plugged_in_is_told():
    with pytest.raises(PrinterMissing) as missing:
        print_ticket(a_ticket(), UsbConnection(0x04B8, 0x0E15))
    assert "USB" in str(missing.value) and "máy in vé" in str(missing.value)


def test_a_windows_printer_on_another_system_is_told():
    with pytest.raises(PrinterMissing, match="Windows không có máy in tên 'EPSON TM-T82'"):
        print_ticket(a_ticket(), WindowsConnection("EPSON TM-T82"))
