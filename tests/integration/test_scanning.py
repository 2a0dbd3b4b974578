"""Scanning through the real SANE stack: scanimage and the `test` backend's virtual
scanners (tests/devices.py), as a desk scans with a USB scanner."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pikepdf
import pytest

from counter_app.scanning import ScanCancelled, ScannerFailed, ScannerMissing
from counter_app.scanning.pages import pages_pdf
from counter_app.scanning.sane import SaneScanner

GRID = ["--test-picture=Grid"]


@pytest.fixture
def scratch(tmp_path) -> Path:
    """Where the scanner's page files wait; it must be left empty."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    return folder


def test_the_virtual_scanners_are_listed(sane_device):
    found = SaneScanner().devices()
    assert [(d.name, d.vendor, d.model) for d in found] == [
        ("test:0", "Noname", "frontend-tester"),
        ("test:1", "Noname", "frontend-tester"),
    ]


@pytest.mark.parametrize(
    ("mode", "page_format", "pdf_filter"),
    [("lineart", "tiff-g4", "/CCITTFaxDecode"), ("gray", "jpeg", "/DCTDecode")],
)
def test_three_pages_at_300_dpi_end_in_the_pdf_as_scanned(
    sane_device, scratch, mode, page_format, pdf_filter
):
    heard = []
    pages = SaneScanner(extra=GRID, temp_root=scratch).scan(
        "test:0", 3, 300, mode, on_page=lambda i, page: heard.append(i)
    )
    assert heard == [0, 1, 2]
    # the test device's largest page is 200 × 200 mm (A4 is cut to it): 2362 px at 300 dpi
    assert [(p.format, p.width, p.height, p.dpi) for p in pages] == [
        (page_format, 2362, 2362, 300)
    ] * 3
    pdf = pikepdf.open(io.BytesIO(pages_pdf(pages)))
    assert len(pdf.pages) == 3
    for page in pdf.pages:
        (image,) = _images(page)
        assert _filter(image) == pdf_filter
        # the page's size in the PDF is the paper's: 200 mm
        assert round(float(page.mediabox[2]) / 72 * 25.4) == 200
    assert list(scratch.iterdir()) == []  # no page file left behind


def _filter(image) -> str:
    found = image.Filter
    return str(found[0] if isinstance(found, pikepdf.Array) else found)


def _images(page):
    resources = page.Resources.XObject
    return [resources[name] for name in resources]


def test_cancel_after_the_first_page_stops_the_scanner_and_leaves_nothing(sane_device, scratch):
    # slow pages (a delay in the driver after each of many small reads): the scanner is
    # still on the second page when the officer cancels, whatever the machine's speed
    slow = ["--read-limit=yes", "--read-limit-size=4096", "--read-delay=yes"]
    slow += ["--read-delay-duration=20000"]
    cancel = []
    scanner = SaneScanner(extra=GRID + slow, temp_root=scratch)
    with pytest.raises(ScanCancelled) as stopped:
        scanner.scan(
            "test:0",
            3,
            75,
            "gray",
            on_page=lambda i, page: cancel.append(True),
            cancelled=lambda: bool(cancel),
        )
    assert len(stopped.value.pages) == 1
    assert str(stopped.value) == "Đã hủy quét sau 1 trang."
    assert list(scratch.iterdir()) == []
    assert _scanimage_running(scratch) == []


def _scanimage_running(folder: Path) -> list[int]:
    """Processes whose command line names `folder` (a scanimage writing into it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(folder).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return [pid for pid in found if pid != os.getpid()]


def test_a_scanner_that_does_not_exist_is_told_in_vietnamese(sane_device, scratch):
    with pytest.raises(ScannerMissing) as missing:
        SaneScanner(temp_root=scratch).scan("epson2:libusb:009:009", 1, 300, "gray")
    assert str(missing.value).startswith(
        "Không mở được máy quét 'epson2:libusb:009:009': không có máy này, máy đã bị rút ra"
    )
    assert list(scratch.iterdir()) == []


def test_no_scanner_at_all_is_told(tmp_path, monkeypatch):
    empty = tmp_path / "sane.d"
    empty.mkdir()
    (empty / "dll.conf").write_text("")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(empty))
    with pytest.raises(ScannerMissing, match="^Không tìm thấy máy quét nào"):
        SaneScanner(temp_root=tmp_path).scan(None, 1, 300, "gray")


def test_a_scanner_lost_mid_scan_keeps_no_page(sane_device, scratch):
    # the driver's read fails as when the USB cable is pulled (SANE_STATUS_IO_ERROR)
    lost = SaneScanner(extra=["--read-return-value=SANE_STATUS_IO_ERROR"], temp_root=scratch)
    with pytest.raises(ScannerFailed, match="^Máy quét ngừng giữa chừng"):
        lost.scan("test:0", 3, 150, "gray")
    assert list(scratch.iterdir()) == []


def test_a_driver_stuck_after_its_error_does_not_keep_the_officer_waiting(
    sane_device, scratch, tmp_path
):
    # scanimage said the I/O error, then never ended (its driver stuck in cancelling, seen
    # once in CI with the test backend): the officer is told at once, not after 120 s
    stuck = tmp_path / "scanimage"
    stuck.write_text(
        "#!/bin/sh\n"
        'case " $* " in *" --batch="*)\n'
        '  echo "scanimage: sane_read: Error during device I/O" >&2\n'
        "  exec python3 -c 'import time; time.sleep(600)' \"$@\";;\n"
        "esac\n"
        'exec scanimage "$@"\n'
    )
    stuck.chmod(0o700)
    scanner = SaneScanner(program=str(stuck), temp_root=scratch)  # page_timeout: 120 s
    with pytest.raises(ScannerFailed, match="^Máy quét ngừng giữa chừng"):
        scanner.scan("test:0", 3, 150, "gray")
    assert list(scratch.iterdir()) == []
    assert _scanimage_running(scratch) == []


def test_a_scanner_that_never_finishes_a_page_is_given_up(sane_device, scratch):
    stuck = ["--read-limit=yes", "--read-limit-size=1", "--read-delay=yes"]
    stuck += ["--read-delay-duration=200000"]  # a page would take days
    scanner = SaneScanner(extra=stuck, temp_root=scratch, page_timeout=1.0)
    with pytest.raises(ScannerFailed, match="^Máy quét không trả trang nào sau 1 giây"):
        scanner.scan("test:0", 1, 75, "gray")
    assert list(scratch.iterdir()) == []
    assert _scanimage_running(scratch) == []


def test_the_feeder_is_used_when_asked(sane_device, scratch):
    pages = SaneScanner(extra=GRID, temp_root=scratch).scan(None, None, 100, "lineart", feeder=True)
    assert len(pages) == 10  # the test device's feeder holds 10 sheets
