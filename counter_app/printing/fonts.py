"""The serif used on every form, found once per process.

Administrative documents are set in Times New Roman (Decree 30/2020/NĐ-CP). Order: a
configured font file; Times New Roman where the machine has it (Windows desks do); a
metric-compatible free serif, Tinos or Liberation Serif 2.x (scripts/setup.sh installs
Debian's `fonts-liberation2`), so lines break where they would in Times New Roman; else
Roboto from the `font-roboto` package, a sans-serif kept only so that a bare machine still
prints Vietnamese — never silently: `font_in_use().notice` says what is printed with, and
`counter-app print` writes it on stderr. A candidate is used only if it has every
Vietnamese letter (Liberation Serif 1.x, Debian's `fonts-liberation` before 2.x, has not).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from counter_app.errors import ConfigurationError, ValidationError
from counter_app.printing.subsets import keep_subsets

VIETNAMESE = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽ"
    "ẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)
STYLES = ("regular", "bold", "italic", "bold_italic")
TIMES = "Times New Roman"
FALLBACK = "Roboto"
SETUP = "chạy bash scripts/setup.sh (cài gói fonts-liberation2) hoặc đặt COUNTER_APP_FONT"


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab font names for the four styles, and where they came from."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: str  # "label: path of the regular file"
    family: str = ""
    serif: bool = True
    configured: bool = False

    @property
    def path(self) -> str:
        return self.source.split(": ", 1)[-1]


@dataclass(frozen=True)
class FontInUse:
    """What the forms are printed with, for the settings screen (Qt-free)."""

    family: str
    times_new_roman: bool
    serif: bool
    path: str
    notice: str | None  # one Vietnamese line when it is not Times New Roman


def _system_dirs(
    platform: str = sys.platform, environ: Mapping[str, str] = os.environ
) -> list[Path]:
    """Where the machine keeps its fonts. Windows: %WINDIR%\\Fonts (times.ttf, timesbd.ttf,
    timesi.ttf, timesbi.ttf come with every Windows), then the fonts a user installed for
    themselves alone (Windows 10 1809 on), in %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts."""
    if platform == "win32":
        windows = environ.get("WINDIR") or environ.get("SystemRoot") or r"C:\Windows"
        found = [Path(windows) / "Fonts"]
        if local := environ.get("LOCALAPPDATA"):
            found.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return found
    if platform == "darwin":
        return [
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path.home() / "Library/Fonts",
        ]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local/share/fonts",
        Path.home() / ".fonts",
    ]


# (family, file names for regular, bold, italic, bold italic)
CANDIDATES = (
    (TIMES, ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")),
    (
        TIMES,
        (
            "Times_New_Roman.ttf",
            "Times_New_Roman_Bold.ttf",
            "Times_New_Roman_Italic.ttf",
            "Times_New_Roman_Bold_Italic.ttf",
        ),
    ),
    ("Tinos", ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf")),
    (
        "Liberation Serif",
        (
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ),
    ),
)


def _sets(names: tuple[str, ...], dirs: list[Path]) -> list[tuple[Path, ...]]:
    """Every folder holding the four files, in the order of `dirs`."""
    found = []
    for folder in dirs:
        if folder.is_dir():
            for regular in sorted({folder / names[0], *folder.rglob(names[0])}):
                paths = tuple(regular.with_name(n) for n in names)
                if all(p.is_file() for p in paths):
                    found.append(paths)
    return found


def _roboto() -> tuple[Path, ...]:
    import font_roboto  # the declared fallback

    folder = Path(font_roboto.font_directory)
    return tuple(folder / f"Roboto-{s}.ttf" for s in ("Regular", "Bold", "Italic", "BoldItalic"))


def _complete(label: str, paths: tuple[Path, ...]) -> list[TTFont] | None:
    """The four fonts, if each reads and has every Vietnamese letter."""
    key = "VN-" + label.replace(" ", "")
    fonts = []
    try:
        for style, path in zip(STYLES, paths, strict=True):
            font = TTFont(f"{key}-{style}", str(path))
            glyphs = font.face.charToGlyph
            if not all(ord(ch) in glyphs for ch in VIETNAMESE):
                return None
            fonts.append(font)
    except (TTFError, OSError):
        return None
    return fonts


def _declares_serif(font: TTFont) -> bool:
    """The font's own OS/2 classification: a serif class (1–7), or a PANOSE serif style."""
    face = font.face
    table = face.table.get("OS/2")
    if not table or table["length"] < 42:
        return False
    data = face._ttf_data
    family_class, serif_style = data[table["offset"] + 30], data[table["offset"] + 33]
    return 1 <= family_class <= 7 or (family_class == 0 and 2 <= serif_style <= 10)


def _register(label: str, fonts: list[TTFont], serif: bool, configured: bool) -> FontFamily:
    for font in fonts:
        keep_subsets(font)
        pdfmetrics.registerFont(font)
    key, names = "VN-" + label.replace(" ", ""), [f.fontName for f in fonts]
    for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
        addMapping(key, bold, italic, name)
    regular, bold, italic, bold_italic = names
    family = fonts[0].face.familyName.decode("utf-8", "replace") if configured else label
    return FontFamily(
        regular,
        bold,
        italic,
        bold_italic,
        f"{label}: {fonts[0].face.filename}",
        family,
        serif,
        configured,
    )


def choose(dirs: list[Path]) -> tuple[str, list[TTFont]]:
    """The first complete candidate found in `dirs`, else the sans-serif fallback."""
    for label, names in CANDIDATES:
        for paths in _sets(names, dirs):
            fonts = _complete(label, paths)
            if fonts:
                return label, fonts
    fonts = _complete(FALLBACK, _roboto())
    if fonts is None:  # pragma: no cover - the package ships complete fonts
        raise ConfigurationError("Không tìm được phông chữ có đủ chữ tiếng Việt.")
    return FALLBACK, fonts


@lru_cache(maxsize=4)
def font_family(configured: str | None = None) -> FontFamily:
    """The serif to print with (cached; reportlab's font registry is process-wide)."""
    if configured:
        path = Path(configured)
        fonts = _complete(path.stem, (path,) * 4) if path.is_file() else None
        if fonts is None:
            raise ConfigurationError(
                f"Phông chữ cấu hình '{configured}' không đọc được hoặc thiếu chữ tiếng Việt."
            )
        return _register(path.stem, fonts, _declares_serif(fonts[0]), configured=True)
    label, fonts = choose(_system_dirs())
    return _register(label, fonts, label != FALLBACK, configured=False)


def font_in_use(configured: str | None = None) -> FontInUse:
    """Which font the forms print with and whether it is Times New Roman (for the desk's
    settings screen and the command's output); raises ConfigurationError like printing."""
    f = font_family(configured)
    return FontInUse(f.family, f.family == TIMES, f.serif, f.path, notice(f))


def notice(f: FontFamily) -> str | None:
    """One line saying what the forms are printed with, when it is not Times New Roman."""
    if f.family == TIMES:
        return None
    if f.configured:
        kind = "có chân" if f.serif else "không rõ là phông có chân"
        return (
            f"Lưu ý: các mẫu in bằng phông {f.family} ({kind}) theo COUNTER_APP_FONT, "
            f"không phải {TIMES} (Nghị định 30/2020)."
        )
    if f.serif:
        return (
            f"Lưu ý: máy không có phông {TIMES}; các mẫu in bằng {f.family}, phông có "
            f"chân cùng cỡ chữ với {TIMES}."
        )
    return (
        f"Cảnh báo: máy không có phông có chân ({TIMES}, Liberation Serif, Tinos); các "
        f"mẫu in bằng {f.family}, phông không chân, sai thể thức Nghị định 30/2020: "
        f"{SETUP}."
    )


def check_printable(text: str, field: str, label: str) -> str:
    """`text` if the forms' font (COUNTER_APP_FONT, else the one found) has a glyph for each
    of its characters in the regular and bold faces; else ValidationError naming the field
    — a name in a script the font lacks (Arabic, an emoji) would print as blank boxes. The
    text itself is never in the message. A font that cannot be read is told when printing."""
    try:
        family = font_family(os.environ.get("COUNTER_APP_FONT") or None)
    except ConfigurationError:
        return text
    faces = [pdfmetrics.getFont(name).face for name in (family.regular, family.bold)]
    missing = next(
        (
            ch
            for ch in text
            if not ch.isspace() and not all(ord(ch) in face.charToGlyph for face in faces)
        ),
        None,
    )
    if missing is not None:
        raise ValidationError(
            f"{label}: có chữ (U+{ord(missing):04X}) mà phông in các mẫu ({family.family}) "
            "không có, sẽ in thành ô trống. Hãy ghi bằng chữ tiếng Việt hoặc chữ Latinh như "
            "trên giấy tờ tuỳ thân.",
            field,
        )
    return text
