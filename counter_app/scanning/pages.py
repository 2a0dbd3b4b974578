"""From the scanner's raw picture to a `Page` img2pdf wraps as it is.

Black and white: a 1-bit picture saved as a CCITT Group 4 TIFF. img2pdf copies G4 data into
the PDF (CCITTFaxDecode); a 1-bit PNG it would keep as Flate, two to three times bigger on
a text page. A text page at 300 dpi is 30–60 KB.

Grey and colour: the scanner gives raw pixels (PNM; WIA a BMP) and they are encoded once,
here, as a JPEG of quality 70 with optimised tables, after the paper's background is made
white (the "background removal" of scanner drivers: the levels above the paper's own grey
go to white, the rest is stretched below it). Why not the scanner's JPEG: SANE backends
give JPEG at a quality nobody chooses (scanimage's is fixed; many backends have none), and
the paper's grain, kept, costs more than the text: a full A4 form at 300 dpi was 420–800 KB
at quality 70 with the grain, 366–378 KB without it, whatever the grain (bench/scanning.py,
docs/digitisation-devices.md). The text's own greys are kept.
"""

from __future__ import annotations

import io

from PIL import Image

from counter_app.scanning.base import Mode, Page

JPEG_QUALITY = 70
_MAX_PIXELS = 20_000 * 20_000  # the spec's largest page side, squared: no bomb check below


def page_from_image(image: Image.Image, dpi: int, mode: Mode) -> Page:
    """`image` (any Pillow picture the scanner gave) as a Page of `mode`."""
    if mode == "lineart":
        return _g4_page(image, dpi)
    return _jpeg_page(image, dpi, mode)


def page_from_file(data: bytes, dpi: int, mode: Mode) -> Page:
    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return page_from_image(image, dpi, mode)


def _g4_page(image: Image.Image, dpi: int) -> Page:
    bw = image if image.mode == "1" else image.convert("L").point(_threshold, mode="1")
    out = io.BytesIO()
    bw.save(out, "TIFF", compression="group4", dpi=(dpi, dpi))
    return Page(out.getvalue(), "tiff-g4", bw.width, bw.height, dpi, "lineart")


def _threshold(value: int) -> int:
    return 255 if value > 140 else 0


def _jpeg_page(image: Image.Image, dpi: int, mode: Mode) -> Page:
    picture = image.convert("L" if mode == "gray" else "RGB")
    lut = _whitening(picture.convert("L") if mode == "color" else picture)
    picture = picture.point(lut * (3 if mode == "color" else 1))
    out = io.BytesIO()
    picture.save(
        out, "JPEG", quality=JPEG_QUALITY, optimize=True, dpi=(dpi, dpi), subsampling="4:2:0"
    )
    return Page(out.getvalue(), "jpeg", picture.width, picture.height, dpi, mode)


def _whitening(grey: Image.Image) -> list[int]:
    """A table of levels that sends the paper (the commonest light grey, less a margin for
    its grain) to white and stretches everything darker over the whole range."""
    histogram = grey.histogram()
    paper = max(range(128, 256), key=lambda level: histogram[level])
    white = max(128, min(250, paper - 20))
    return [min(255, round(level * 255 / white)) for level in range(256)]


def pages_pdf(pages: list[Page]) -> bytes:
    """The pages as one plain PDF (img2pdf, no re-encoding), each at its true size from its
    dpi: what the digitisation package turns into PDF/A; here for the tests and benches."""
    import img2pdf

    return bytes(img2pdf.convert([page.data for page in pages], rotation=img2pdf.Rotation.ifvalid))
