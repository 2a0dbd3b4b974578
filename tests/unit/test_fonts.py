"""Which font the forms are printed with: Times New Roman where it is, a metric-compatible
serif with every Vietnamese letter otherwise, and a sans-serif only when nothing else is
there — and then said, never silently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import reportlab

from counter_app.printing import fonts

ROBOTO = fonts._roboto()  # complete Vietnamese: stands in for any complete font file
VERA = tuple(
    Path(reportlab.__file__).parent / "fonts" / n
    for n in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")
)  # no ơ, ư, ạ…
NAMES = dict(fonts.CANDIDATES[1:])  # Tinos, Liberation Serif: file names by family
TIMES_FILES = fonts.CANDIDATES[0][1]


def install(folder: Path, names: tuple[str, ...], sources: tuple[Path, ...] = ROBOTO) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in zip(names, sources, strict=True):
        shutil.copyfile(source, folder / name)
    return folder


MACHINES = {
    "Windows, Times New Roman": (lambda d: install(d / "Fonts", TIMES_FILES), fonts.TIMES),
    "Debian, fonts-liberation2": (
        lambda d: install(d / "truetype/liberation2", NAMES["Liberation Serif"]),
        "Liberation Serif",
    ),
    "Liberation 1.x without Vietnamese, then 2.x": (
        lambda d: (
            install(d / "truetype/liberation", NAMES["Liberation Serif"], VERA),
            install(d / "truetype/liberation2", NAMES["Liberation Serif"]),
        ),
        "Liberation Serif",
    ),
    "Tinos": (lambda d: install(d / "truetype/croscore", NAMES["Tinos"]), "Tinos"),
    "only Liberation 1.x": (
        lambda d: install(d / "truetype/liberation", NAMES["Liberation Serif"], VERA),
        fonts.FALLBACK,
    ),
    "no font at all": (lambda d: d, fonts.FALLBACK),
}


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """The font folders of a machine made up in the test's folder."""
    monkeypatch.setattr(fonts, "_system_dirs", lambda: [tmp_path])
    fonts.font_family.cache_clear()
    yield tmp_path
    fonts.font_family.cache_clear()  # the real machine's choice again for later tests


@pytest.mark.parametrize("case", list(MACHINES))
def test_the_font_chosen_and_what_is_said_about_it(machine, case):
    make, expected = MACHINES[case]
    make(machine)
    used = fonts.font_in_use()
    assert used.family == expected
    assert used.times_new_roman == (expected == fonts.TIMES)
    assert used.serif == (expected != fonts.FALLBACK)
    if expected == fonts.TIMES:
        assert used.notice is None
    elif expected == fonts.FALLBACK:  # a sans-serif is never chosen silently
        assert "không chân" in used.notice and "Roboto" in used.notice
        assert "fonts-liberation2" in used.notice and "\n" not in used.notice
    else:
        assert expected in used.notice and fonts.TIMES in used.notice
        assert "không chân" not in used.notice
    if case.startswith("Liberation 1.x without"):
        assert "liberation2" in used.path


def test_a_configured_font_is_named_by_its_own_family(machine):
    used = fonts.font_in_use(str(ROBOTO[0]))
    assert used.family == "Roboto" and not used.times_new_roman
    assert "Roboto" in used.notice and "COUNTER_APP_FONT" in used.notice


def test_windows_times_new_roman_from_the_windows_fonts_folder(tmp_path):
    """%WINDIR%\\Fonts holds times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf (stand-ins
    here): the forms are set in Times New Roman, whatever the Linux folders hold."""
    windows = tmp_path / "Windows"
    install(windows / "Fonts", TIMES_FILES)
    dirs = fonts._system_dirs("win32", {"WINDIR": str(windows)})
    assert dirs == [windows / "Fonts"]
    label, found = fonts.choose(dirs)
    assert label == fonts.TIMES
    assert [Path(f.face.filename).name for f in found] == list(TIMES_FILES)


def test_windows_fonts_installed_for_one_user_are_looked_at_too(tmp_path):
    """Windows 10 1809 on installs a font "for me only" under %LOCALAPPDATA%; SystemRoot
    stands for WINDIR when a service's environment lacks it."""
    local = tmp_path / "Nguyễn Thị Hoà" / "AppData" / "Local"
    install(local / "Microsoft" / "Windows" / "Fonts", TIMES_FILES)
    environ = {"SystemRoot": str(tmp_path / "Windows"), "LOCALAPPDATA": str(local)}
    dirs = fonts._system_dirs("win32", environ)
    assert dirs[0] == tmp_path / "Windows" / "Fonts"
    assert fonts.choose(dirs)[0] == fonts.TIMES
