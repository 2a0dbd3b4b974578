"""What a SANE device offers (`scanimage -d DEVICE -A`) and which of its options give the
page asked for. Backends name the same thing differently ("Lineart", "Binary", "Black &
White"; "Gray", "Grayscale"; "ADF", "Automatic Document Feeder"): the choice is made here,
once, from the device's own list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from counter_app.scanning.base import Mode, ScannerError

_LINE = re.compile(r"^\s+(--?[\w-]+)\s(.+?)\s\[(.*)\]\s*$")
_RANGE = re.compile(r"^(-?[\d.]+)\.\.(-?[\d.]+)")
_NAMES: dict[Mode, tuple[str, ...]] = {
    "lineart": ("lineart", "binary", "black & white", "black and white", "bw", "monochrome"),
    "gray": ("gray", "grayscale", "grey", "greyscale", "true gray", "8bit gray"),
    "color": ("color", "colour", "24bit color", "rgb", "24bit colour"),
}
_FEEDER = ("adf", "feeder", "automatic")
A4_MM = (210, 297)


@dataclass
class DeviceOptions:
    values: dict[str, list[str]] = field(default_factory=dict)  # option -> choices
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)  # option -> lo, hi

    @classmethod
    def parse(cls, text: str) -> DeviceOptions:
        found = cls()
        for line in text.splitlines():
            match = _LINE.match(line)
            if match is None or match.group(3) == "inactive":
                continue
            name, spec = match.group(1), match.group(2)
            spec = spec.split(" (", 1)[0].strip()
            if (span := _RANGE.match(spec)) is not None:
                found.ranges[name] = (float(span.group(1)), float(span.group(2)))
            elif "|" in spec or name in ("--mode", "--source"):
                choices = spec.split("|")
                choices[-1] = re.sub(r"(dpi|mm|bit)$", "", choices[-1])
                found.values[name] = choices
        return found


@dataclass(frozen=True)
class Choice:
    arguments: list[str]
    dpi: int


def choose(options: DeviceOptions, dpi: int, mode: Mode, feeder: bool) -> Choice:
    """The scanimage arguments for a page of `mode` at (about) `dpi`, the whole A4 page or
    what the device can take of it, from the glass or the feeder."""
    args: list[str] = []
    modes = options.values.get("--mode", [])
    one_bit = False
    wanted = _named(modes, mode)
    if wanted is None and mode == "lineart":  # a 1-bit grey, else grey thresholded here
        wanted = _named(modes, "gray")
        one_bit = "1" in options.values.get("--depth", [])
    if wanted is not None:
        args.append(f"--mode={wanted}")
    elif modes and mode != "lineart":
        raise ScannerError(f"Máy quét này không quét được chế độ {mode}.")
    if "--depth" in options.values:
        args.append("--depth=1" if one_bit else "--depth=8")
    resolution = _resolution(options, dpi)
    args.append(f"--resolution={resolution}")
    for axis, size in zip(("-x", "-y"), A4_MM, strict=True):
        if axis in options.ranges:
            args += [axis, str(min(size, int(options.ranges[axis][1])))]
    args += _source(options.values.get("--source", []), feeder)
    return Choice(args, resolution)


def _named(choices: list[str], mode: Mode) -> str | None:
    lowered = {c.lower(): c for c in choices}
    for name in _NAMES[mode]:
        if name in lowered:
            return lowered[name]
    return None


def _resolution(options: DeviceOptions, dpi: int) -> int:
    if "--resolution" in options.ranges:
        low, high = options.ranges["--resolution"]
        return int(max(low, min(high, dpi)))
    listed = [int(float(v)) for v in options.values.get("--resolution", []) if _number(v)]
    return min(listed, key=lambda v: (abs(v - dpi), -v)) if listed else dpi


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _source(sources: list[str], feeder: bool) -> list[str]:
    feeders = [s for s in sources if any(w in s.lower() for w in _FEEDER)]
    simplex = [s for s in feeders if "duplex" not in s.lower()] or feeders
    if feeder:
        if not simplex:
            raise ScannerError(
                "Máy quét này không có khay nạp giấy tự động: hãy quét trên mặt kính."
            )
        return [f"--source={simplex[0]}"]
    glass = [s for s in sources if s not in feeders]
    return [f"--source={glass[0]}"] if glass and feeders else []
