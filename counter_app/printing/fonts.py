"""The serif used on every form, found once per process.

Order: a configured font file; Times New Roman (the administrative standard) where the
machine has it; a metric-compatible free serif (Tinos, Liberation Serif 2.x); else Roboto
from the `font-roboto` package, a declared dependency, so a fresh machine always prints
Vietnamese correctly. A candidate is used only if it has every Vietnamese letter.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from counter_app.errors import ConfigurationError

VIETNAMESE = ("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽ"
              "ẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ")  # fmt: skip
STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab font names for the four styles, and where they came from."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: str


def _system_dirs() -> list[Path]:
    if sys.platform == "win32":
        return [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                Path.home() / "Library/Fonts"]  # fmt: skip
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
            Path.home() / ".local/share/fonts", Path.home() / ".fonts"]  # fmt: skip


# (family, file names for regular, bold, italic, bold italic)
CANDIDATES = (
    ("Times New Roman", ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")),
    ("Times New Roman", ("Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf",
                         "Times_New_Roman_Italic.ttf", "Times_New_Roman_Bold_Italic.ttf")),
    ("Tinos", ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf",
               "Tinos-BoldItalic.ttf")),
    ("Liberation Serif", ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                          "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf")),
)  # fmt: skip


def _find(name: str, dirs: list[Path]) -> Path | None:
    for folder in dirs:
        if folder.is_dir():
            direct = folder / name
            if direct.is_file():
                return direct
            for found in folder.rglob(name):
                return found
    return None


def _roboto() -> tuple[str, tuple[Path, ...]]:
    import font_roboto  # the declared fallback

    folder = Path(font_roboto.font_directory)
    names = ("Roboto-Regular.ttf", "Roboto-Bold.ttf", "Roboto-Italic.ttf",
             "Roboto-BoldItalic.ttf")  # fmt: skip
    return "Roboto", tuple(folder / n for n in names)


def _covers_vietnamese(font: TTFont) -> bool:
    glyphs = font.face.charToGlyph
    return all(ord(ch) in glyphs for ch in VIETNAMESE)


def _register(label: str, paths: tuple[Path, ...]) -> FontFamily | None:
    key = "VN-" + label.replace(" ", "")
    fonts = []
    try:
        for style, path in zip(STYLES, paths, strict=True):
            font = TTFont(f"{key}-{style}", str(path))
            if not _covers_vietnamese(font):
                return None
            fonts.append(font)
    except (TTFError, OSError):
        return None
    for font in fonts:
        pdfmetrics.registerFont(font)
    names = [f.fontName for f in fonts]
    for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
        addMapping(key, bold, italic, name)
    regular, bold, italic, bold_italic = names
    return FontFamily(regular, bold, italic, bold_italic, source=f"{label}: {paths[0]}")


@lru_cache(maxsize=4)
def font_family(configured: str | None = None) -> FontFamily:
    """The serif to print with (cached; reportlab's font registry is process-wide)."""
    if configured:
        path = Path(configured)
        family = _register(path.stem, (path,) * 4) if path.is_file() else None
        if family is None:
            raise ConfigurationError(
                f"Phông chữ cấu hình '{configured}' không đọc được hoặc thiếu chữ tiếng Việt."
            )
        return family
    dirs = _system_dirs()
    for label, names in CANDIDATES:
        found = [_find(n, dirs) for n in names]
        if all(found):
            family = _register(label, tuple(p for p in found if p))
            if family:
                return family
    label, fallback = _roboto()
    family = _register(label, fallback)
    if family is None:  # pragma: no cover - the package ships complete fonts
        raise ConfigurationError("Không tìm được phông chữ có đủ chữ tiếng Việt.")
    return family
