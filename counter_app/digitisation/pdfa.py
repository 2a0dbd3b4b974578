"""Pages (images as a scanner or a file gives them) into one PDF/A-2b, without re-encoding
what is already compressed: img2pdf wraps a JPEG as it is (DCT), a CCITT G4 TIFF as it is,
a PNG as img2pdf does (its deflated data, kept); a black-and-white page in any other form
becomes CCITT G4 (lossless for 1-bit), other uncompressed pages PNG (lossless). pikepdf then
adds what PDF/A-2b asks: XMP metadata (pdfaid part 2, conformance B, a title without
personal data) and an sRGB output intent. Each page's rotation is its /Rotate: nothing is
decoded for it.

The same pages give the same bytes (no dates, an ID from the content, the ICC profile
without its creation time), so a retry after a crash finds its file by its hash."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import img2pdf
import pikepdf
from PIL import Image, ImageCms

from counter_app.digitisation import checks
from counter_app.digitisation.errors import DigitisationError

ROTATIONS = (0, 90, 180, 270)
PDF_VERSION = "1.7"  # PDF/A-2 is built on ISO 32000-1
SRGB = "sRGB IEC61966-2.1"
_KEPT = ("JPEG", "PNG")  # wrapped by img2pdf as they are


@dataclass(frozen=True)
class Page:
    """One input image (a scanned page, or a file that may hold several frames) and the
    clockwise rotation its pages are shown with."""

    data: bytes
    rotation: int = 0


@dataclass(frozen=True)
class Built:
    pdf: bytes
    pages: int


def build(pages: Sequence[Page], title: str) -> Built:
    """One PDF/A-2b of `pages` in the given order. DigitisationError for bad input."""
    checks.check_files([p.data for p in pages])
    for page in pages:
        if page.rotation not in ROTATIONS:
            raise DigitisationError(f"Góc xoay {page.rotation}: chỉ 0, 90, 180 hoặc 270 độ.")
    images: list[bytes] = []
    turns: list[int] = []
    for n, page in enumerate(pages, 1):
        ready = _ready(page.data, n)
        images += ready
        turns += [page.rotation] * len(ready)
    try:
        wrapped = img2pdf.convert(images, nodate=True, rotation=img2pdf.Rotation.ifvalid)
    except Exception:  # noqa: BLE001 - img2pdf raises many kinds for a broken image
        raise DigitisationError("Có ảnh bị hỏng, không đọc được: không số hóa.") from None
    return Built(_archival(wrapped, turns, title), len(images))


def _ready(data: bytes, n: int) -> list[bytes]:
    """The image(s) img2pdf wraps for one input, each frame of a multi-page file apart."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            if frames == 1 and _kept_as_is(image):
                return [data]
            out = []
            for frame in range(frames):
                image.seek(frame)
                out.append(_lossless(image))
            return out
    except (OSError, ValueError, SyntaxError):
        raise DigitisationError(f"{checks.which(n)} là ảnh bị hỏng, không đọc được.") from None


def _kept_as_is(image: Image.Image) -> bool:
    if image.format == "JPEG":
        return image.mode in ("L", "RGB")  # CMYK would break the sRGB output intent
    if image.format == "PNG":
        return image.mode in ("1", "L", "RGB", "P") and "transparency" not in image.info
    if image.format == "TIFF":
        return image.mode == "1" and image.info.get("compression") == "group4"
    return False


def _lossless(image: Image.Image) -> bytes:
    """A frame as CCITT G4 (black and white) or PNG: its pixels unchanged (an alpha
    channel flattened on white, CMYK into RGB)."""
    out = io.BytesIO()
    if image.mode == "1":
        image.save(out, "TIFF", compression="group4", dpi=_dpi(image))
        return out.getvalue()
    if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode not in ("L", "RGB", "I;16"):
        image = image.convert("RGB")
    image.save(out, "PNG", dpi=_dpi(image))
    return out.getvalue()


def _dpi(image: Image.Image) -> tuple[float, float]:
    dpi = image.info.get("dpi") or (300, 300)
    return (float(dpi[0]) or 300.0, float(dpi[1]) or 300.0)


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile made by Pillow (lcms), its creation time zeroed."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    icc[24:36] = bytes(12)  # dateTime of the header
    return bytes(icc)


def _archival(wrapped: bytes, turns: list[int], title: str) -> bytes:
    with pikepdf.open(io.BytesIO(wrapped)) as pdf:
        for page, turn in zip(pdf.pages, turns, strict=True):
            if turn:
                page.Rotate = (int(page.obj.get("/Rotate", 0)) + turn) % 360
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
            meta["dc:title"] = title
        profile = pikepdf.Stream(pdf, srgb_profile())
        profile.N = 3
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFA1,
                    OutputConditionIdentifier=SRGB,
                    Info=SRGB,
                    DestOutputProfile=profile,
                )
            ]
        )
        if "/ID" in pdf.trailer:  # img2pdf's is random: the ID is made from the content
            del pdf.trailer["/ID"]
        out = io.BytesIO()
        pdf.save(out, min_version=PDF_VERSION, deterministic_id=True)
        return out.getvalue()
