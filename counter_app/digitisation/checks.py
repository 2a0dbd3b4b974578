"""The bad input of spec/digitisation.md, refused before anything is written: not a PDF or
an image, an encrypted or damaged PDF, more than 200 pages, more than 100 MB, an image under
100 px or over 20,000 px a side. Files are named by their place in the command ("tệp thứ
2"), never by their name, which may carry a citizen's name or ID number."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from PIL import Image, UnidentifiedImageError

from counter_app.digitisation.errors import DigitisationError

MAX_BYTES = 100_000_000  # 100 MB, a file and a document alike
MAX_PAGES = 200
MIN_SIDE, MAX_SIDE = 100, 20_000
# Pillow's guard against decompression bombs starts at 2x this; our own bound (checked
# first, from the header alone) is 20,000 px a side, so allow exactly that much
Image.MAX_IMAGE_PIXELS = MAX_SIDE * MAX_SIDE

_IMAGE_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"P4",  # PBM, PGM, PPM: what scanimage writes by default
    b"P5",
    b"P6",
)


@dataclass(frozen=True)
class Checked:
    kind: str  # pdf | image
    pages: int


def which(n: int) -> str:
    """A file as the officer's command gave it: by its place, not by its name."""
    return f"Tệp thứ {n}"


def check_size(data: bytes, n: int) -> None:
    if len(data) > MAX_BYTES:
        raise DigitisationError(
            f"{which(n)} dài {len(data) / 1e6:.0f} MB: tối đa {MAX_BYTES // 1_000_000} MB."
        )
    if not data:
        raise DigitisationError(f"{which(n)} rỗng.")


def kind_of(data: bytes, n: int) -> str:
    """pdf or image, from the first bytes; anything else is refused."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    raise DigitisationError(
        f"{which(n)} không phải PDF hay ảnh (JPEG, PNG, TIFF, PNM): không số hóa được."
    )


def check_pdf(data: bytes, n: int) -> int:
    """The pages of a PDF kept as it is; refused if encrypted, damaged or too long."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise DigitisationError(
                    f"{which(n)} là PDF có mật khẩu hoặc bị mã hóa: hãy lưu lại bản không "
                    "mã hóa rồi số hóa."
                )
            pages = len(pdf.pages)
    except pikepdf.PasswordError:
        raise DigitisationError(
            f"{which(n)} là PDF có mật khẩu: hãy lưu lại bản không mật khẩu rồi số hóa."
        ) from None
    except pikepdf.PdfError:
        raise DigitisationError(f"{which(n)} là PDF bị hỏng, không mở được.") from None
    if pages == 0:
        raise DigitisationError(f"{which(n)} là PDF không có trang nào.")
    if pages > MAX_PAGES:
        raise DigitisationError(f"{which(n)} có {pages} trang: tối đa {MAX_PAGES} trang.")
    return pages


def check_image(data: bytes, n: int) -> int:
    """The pages (frames) of an image, each within 100–20,000 px a side (read from the
    header: nothing is decoded)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            for frame in range(frames):
                image.seek(frame)
                _side(image.size, n)
    except Image.DecompressionBombError:
        raise _too_big(n) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise DigitisationError(f"{which(n)} là ảnh bị hỏng, không đọc được.") from None
    if frames > MAX_PAGES:
        raise DigitisationError(f"{which(n)} có {frames} trang: tối đa {MAX_PAGES} trang.")
    return frames


def _side(size: tuple[int, int], n: int) -> None:
    if min(size) < MIN_SIDE:
        raise DigitisationError(
            f"{which(n)}: ảnh {size[0]}×{size[1]} px quá nhỏ (mỗi cạnh ít nhất {MIN_SIDE} px)."
        )
    if max(size) > MAX_SIDE:
        raise _too_big(n, size)


def _too_big(n: int, size: tuple[int, int] | None = None) -> DigitisationError:
    shown = f" {size[0]}×{size[1]} px" if size else ""
    return DigitisationError(
        f"{which(n)}: ảnh{shown} quá lớn (mỗi cạnh tối đa {MAX_SIDE:,} px).".replace(",", ".")
    )


def check_files(contents: list[bytes]) -> list[Checked]:
    """Every file of one document, checked in order; a PDF only alone (it is kept byte for
    byte, so it cannot be joined with other files)."""
    if not contents:
        raise DigitisationError("Chưa có tệp hoặc trang nào để số hóa.")
    found = []
    for n, data in enumerate(contents, 1):
        check_size(data, n)
        kind = kind_of(data, n)
        pages = check_pdf(data, n) if kind == "pdf" else check_image(data, n)
        found.append(Checked(kind, pages))
    if len(found) > 1 and any(c.kind == "pdf" for c in found):
        raise DigitisationError(
            "Một tệp PDF được giữ nguyên nên phải số hóa riêng: không ghép PDF với tệp khác."
        )
    if sum(len(c) for c in contents) > MAX_BYTES:
        raise DigitisationError(f"Các tệp dài quá {MAX_BYTES // 1_000_000} MB cộng lại.")
    if sum(c.pages for c in found) > MAX_PAGES:
        raise DigitisationError(f"Quá {MAX_PAGES} trang cho một giấy tờ.")
    return found
