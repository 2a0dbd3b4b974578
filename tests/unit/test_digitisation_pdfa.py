"""One PDF/A-2b per document, made without re-encoding: what an archive checks (XMP part 2
conformance B, the sRGB output intent), what the officer sees (pages in order, turned as
asked), and what the disk holds (a text page in a few tens of KB)."""

from __future__ import annotations

import io
import os
import stat

import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from counter_app.digitisation import pdfa
from counter_app.digitisation.errors import DigitisationError
from counter_app.digitisation.store import Store

A4_300 = (2480, 3508)
TEXT = "Tờ khai đăng ký khai sinh - Giấy chứng sinh - Căn cước "


def text_page(mode: str, mark: str = "") -> Image.Image:
    """An A4 page at 300 dpi full of text as a form is typed: 29 lines of 75 characters,
    12 pt (50 px), 1.5 line spacing, 2 cm margins."""
    page = Image.new(mode, A4_300, 255 if mode != "1" else 1)
    draw, font = ImageDraw.Draw(page), ImageFont.load_default(size=50)
    for y in range(300, 3200, 100):
        draw.text((240, y), ((mark + TEXT) * 3)[:75], fill=0, font=font)
    return page


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, dpi=(300, 300), **options)
    return out.getvalue()


def opened(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def images_of(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [img for page in pdf.pages for img in page.get_images().values()]


def first(value: pikepdf.Object) -> pikepdf.Object:
    """A filter or its parameters, given alone or as a one-element array."""
    return value[0] if isinstance(value, pikepdf.Array) else value


def test_the_output_is_pdfa_2b_by_its_metadata_and_output_intent():
    built = pdfa.build([pdfa.Page(encoded(text_page("L"), "JPEG"))], "Giấy chứng sinh")
    with opened(built.pdf) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["dc:title"] == "Giấy chứng sinh"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        assert intent.DestOutputProfile.N == 3
        assert len(pdf.trailer.ID) == 2
        assert not pdf.is_encrypted


def test_a_raw_black_and_white_page_becomes_ccitt_g4_inside_the_pdf():
    """As scanimage gives lineart (PNM, uncompressed TIFF): G4, lossless for 1-bit."""
    for data in (encoded(text_page("1"), "PPM"), encoded(text_page("1"), "TIFF")):
        with opened(pdfa.build([pdfa.Page(data)], "x").pdf) as pdf:
            (image,) = images_of(pdf)
            assert first(image.Filter) == pikepdf.Name.CCITTFaxDecode
            assert image.BitsPerComponent == 1
            assert first(image.DecodeParms).K == -1  # group 4


def test_a_black_and_white_png_stays_one_bit_as_img2pdf_wraps_it():
    png = encoded(text_page("1"), "PNG")
    with opened(pdfa.build([pdfa.Page(png)], "x").pdf) as pdf:
        (image,) = images_of(pdf)
        assert first(image.Filter) == pikepdf.Name.FlateDecode
        assert image.BitsPerComponent == 1


def test_a_g4_tiff_is_wrapped_as_it_is():
    g4 = encoded(text_page("1"), "TIFF", compression="group4")
    with opened(pdfa.build([pdfa.Page(g4)], "x").pdf) as pdf:
        (image,) = images_of(pdf)
        assert first(image.Filter) == pikepdf.Name.CCITTFaxDecode
        assert (image.Width, image.Height) == A4_300


def test_jpeg_bytes_are_inside_the_pdf_unchanged():
    grey, colour = encoded(text_page("L"), "JPEG"), encoded(text_page("RGB"), "JPEG", quality=80)
    built = pdfa.build([pdfa.Page(grey), pdfa.Page(colour)], "x")
    with opened(built.pdf) as pdf:
        streams = [img.read_raw_bytes() for img in images_of(pdf)]
    assert streams == [grey, colour]


def test_pages_keep_their_order_and_rotation():
    marks = [encoded(text_page("L", f"trang {n} "), "JPEG") for n in range(1, 5)]
    turns = [0, 90, 180, 270]
    built = pdfa.build([pdfa.Page(m, t) for m, t in zip(marks, turns, strict=True)], "x")
    assert built.pages == 4
    with opened(built.pdf) as pdf:
        assert [img.read_raw_bytes() for img in images_of(pdf)] == marks
        assert [int(p.obj.get("/Rotate", 0)) for p in pdf.pages] == turns


def test_a_wrong_rotation_is_refused():
    with pytest.raises(DigitisationError, match="0, 90, 180 hoặc 270"):
        pdfa.build([pdfa.Page(encoded(text_page("L"), "JPEG"), 45)], "x")


def test_the_same_pages_give_the_same_bytes():
    """A retry after a crash finds its file again by its hash."""
    page = pdfa.Page(encoded(text_page("1"), "PNG"), 90)
    assert pdfa.build([page], "x").pdf == pdfa.build([page], "x").pdf


def test_a_black_and_white_text_page_takes_at_most_80_kb():
    bw = pdfa.build([pdfa.Page(encoded(text_page("1"), "PNG"))], "x").pdf
    assert len(bw) <= 80_000


def test_a_grey_page_is_its_scanners_jpeg_and_a_few_kb():
    """The grey page's size is the scanner's JPEG (not re-encoded: its quality decides);
    what the PDF/A adds (structure, XMP, the 0.6 KB sRGB profile) stays under 4 KB."""
    jpeg = encoded(text_page("L"), "JPEG", quality=75)
    grey = pdfa.build([pdfa.Page(jpeg)], "x").pdf
    assert len(jpeg) < len(grey) <= len(jpeg) + 4_000


def test_the_store_keeps_one_private_file_per_content(tmp_path):
    store = Store(tmp_path / "documents")
    sha = store.put(b"%PDF-1.7 one")
    assert store.put(b"%PDF-1.7 one") == sha
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert files == [store.root / sha[:2] / f"{sha}.pdf"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700
    assert store.verify(sha)
    files[0].write_bytes(b"%PDF-1.7 two")
    assert not store.verify(sha)


def test_the_sweep_removes_only_old_files_no_event_names(tmp_path):
    store = Store(tmp_path / "documents")
    named, orphan, fresh = (store.put(x) for x in (b"named", b"orphan", b"fresh"))
    for sha in (named, orphan):
        os.utime(store.path(sha), (1, 1))  # an hour… or years old
    assert store.sweep({named}) == [orphan]
    assert set(store.stored()) == {named, fresh}  # the fresh one may be a store under way
