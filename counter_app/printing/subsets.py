"""Font subsets made once per process, not once per document.

Every receipt embeds a subset of each face it uses: reportlab rebuilds the subset from the
font file and deflates it for each PDF, a fifth of a receipt's time, though a desk prints
the same few hundred letters all day. The subset bytes and their deflated form are kept
(a few dozen, by the glyphs they hold): the PDF is byte for byte the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont


class _KeptDeflate(pdfdoc.PDFStreamFilterZCompress):  # type: ignore[misc]
    """reportlab's Flate filter, remembering what it deflated last."""

    @lru_cache(maxsize=32)  # noqa: B019 - one instance for the process
    def encode(self, text: bytes) -> bytes:
        return super().encode(text)  # type: ignore[no-any-return]


_DEFLATE = _KeptDeflate()


def keep_subsets(font: TTFont) -> None:
    """Make `font` reuse its subsets (and their deflated bytes) across documents."""
    face = font.face
    make, add = face.makeSubset, face.addSubsetObjects
    made = lru_cache(maxsize=32)(lambda glyphs: make(list(glyphs)))

    def add_objects(doc, name, subset):  # type: ignore[no-untyped-def]
        reference = add(doc, name, subset)
        stream = doc.idToObject.get(f"fontFile:{face.filename}({name})")
        if isinstance(stream, pdfdoc.PDFStream) and stream.filters:
            stream.filters = [_DEFLATE if f is pdfdoc.PDFZCompress else f for f in stream.filters]
        return reference

    def make_subset(subset: Sequence[int]) -> bytes:
        return made(tuple(subset))  # type: ignore[no-any-return]

    face.makeSubset = make_subset
    face.addSubsetObjects = add_objects
