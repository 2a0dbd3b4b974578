"""The Windows kit's wheels, for scripts/build-windows-kit.sh: what the kit must hold as
Windows resolves it, and requirements-windows.txt with a hash for every file.

`pip download --platform win_amd64` picks Windows wheels but evaluates the markers of the
requirements on the machine it runs on: on Linux it leaves out comtypes and pywin32
(`sys_platform == 'win32'`) and what a dependency needs on Windows only (psycopg's and
tzlocal's tzdata, qrcode's colorama), and pulls what Linux alone needs. So the graph is
walked here again from pyproject.toml, with the markers evaluated for CPython on 64-bit
Windows, over the wheels the folder holds:

    toplevel      pyproject's dependencies as Windows reads them, markers gone (pip input)
    missing       requirements Windows needs that no wheel of the folder meets (the build
                  downloads them and asks again, until none)
    requirements  checks every wheel (one per project, a tag this Python on win_amd64
                  installs, reached from the top) and writes `name==version --hash=...`
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.tags import compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # a Python with pip alone: pip carries its own copy
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.tags import compatible_tags, cpython_tags  # type: ignore
    from pip._vendor.packaging.utils import (  # type: ignore[no-redef]
        canonicalize_name,
        parse_wheel_filename,
    )


def windows(python: str) -> dict[str, str]:
    """The marker environment of the kit's Python: CPython on 64-bit Windows 10/11."""
    return {
        "sys_platform": "win32",
        "platform_system": "Windows",
        "os_name": "nt",
        "platform_machine": "AMD64",
        "platform_release": "10",
        "platform_version": "10.0.19045",
        "implementation_name": "cpython",
        "implementation_version": f"{python}.0",
        "platform_python_implementation": "CPython",
        "python_version": python,
        "python_full_version": f"{python}.0",
    }


def toplevel(pyproject: Path, env: dict[str, str]) -> list[Requirement]:
    with pyproject.open("rb") as file:
        listed = tomllib.load(file)["project"]["dependencies"]
    wanted = []
    for line in listed:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({**env, "extra": ""}):
            requirement.marker = None
            wanted.append(requirement)
    return wanted


class Wheel:
    def __init__(self, path: Path) -> None:
        self.path = path
        name, self.version, _build, self.tags = parse_wheel_filename(path.name)
        self.name = canonicalize_name(name)
        with zipfile.ZipFile(path) as archive:
            metadata = next(
                n
                for n in archive.namelist()
                if n.endswith(".dist-info/METADATA") and n.count("/") == 1
            )
            headers = HeaderParser().parsestr(archive.read(metadata).decode("utf-8"))
        self.requires = [Requirement(line) for line in headers.get_all("Requires-Dist") or []]


def folder(wheels: Path) -> dict[str, list[Wheel]]:
    found: dict[str, list[Wheel]] = {}
    for path in sorted(wheels.glob("*.whl")):
        wheel = Wheel(path)
        found.setdefault(wheel.name, []).append(wheel)
    return found


def walk(
    top: list[Requirement], found: dict[str, list[Wheel]], env: dict[str, str]
) -> tuple[list[Requirement], set[str]]:
    """The requirements no wheel meets, and the projects reached, from the top down."""
    missing: list[Requirement] = []
    extras_done: dict[str, set[str]] = {}
    queue = list(top)
    while queue:
        requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        wheel = next(
            (w for w in found.get(name, []) if requirement.specifier.contains(w.version, True)),
            None,
        )
        if wheel is None:
            missing.append(requirement)
            continue
        done = extras_done.setdefault(name, set())
        asked = ({""} | set(requirement.extras)) - done
        done |= asked
        for dependency in wheel.requires:
            marker = dependency.marker
            if marker is None or any(marker.evaluate({**env, "extra": e}) for e in asked):
                queue.append(dependency)
    return missing, set(extras_done)


def installable(python: str) -> set:
    major, minor = (int(part) for part in python.split("."))
    version = (major, minor)
    platforms = ["win_amd64"]
    return set(cpython_tags(version, platforms=platforms)) | set(
        compatible_tags(version, f"cp{major}{minor}", platforms)
    )


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_requirements(
    top: list[Requirement], wheels: Path, python: str, out: Path, env: dict[str, str]
) -> list[str]:
    """Checks the folder and writes the file; returns the problems (nothing written then)."""
    found = folder(wheels)
    missing, reached = walk(top, found, env)
    problems = [f"không có wheel nào đáp ứng {r}" for r in missing]
    tags = installable(python)
    for name, versions in found.items():
        if len(versions) > 1:
            problems.append(f"{name}: nhiều phiên bản ({', '.join(w.path.name for w in versions)})")
        for wheel in versions:
            if not wheel.tags & tags:
                problems.append(
                    f"{wheel.path.name}: không cài được trên CPython {python} win_amd64"
                )
    for name in sorted(set(found) - reached):  # pulled by a Linux-only marker: not Windows'
        for wheel in found[name]:
            print(f"bỏ khỏi bộ cài (Windows không cần): {wheel.path.name}", file=sys.stderr)
            wheel.path.unlink()
    if problems:
        return problems
    lines = [
        f"# counter-app for Windows (CPython {python}, win_amd64): every file of the kit,",
        "# pinned, with its hash. Made by scripts/build-windows-kit.sh; pip installs it",
        "# with --require-hashes.",
    ]
    for name in sorted(reached):
        wheel = found[name][0]
        lines.append(f"{name}=={wheel.version} \\\n    --hash=sha256:{sha256(wheel.path)}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["toplevel", "missing", "requirements"])
    parser.add_argument("--pyproject", type=Path, default=Path("pyproject.toml"))
    parser.add_argument("--python", default="3.12", help="the kit's CPython, e.g. 3.12")
    parser.add_argument("--wheels", type=Path, help="the kit's folder of wheels")
    parser.add_argument("--extra", action="append", default=[], help="a requirement added")
    parser.add_argument("--out", type=Path, help="requirements-windows.txt")
    args = parser.parse_args(argv)
    env = windows(args.python)
    top = toplevel(args.pyproject, env) + [Requirement(r) for r in args.extra]
    if args.action == "toplevel":
        print("\n".join(str(r) for r in top))
        return 0
    if args.action == "missing":
        missing, _reached = walk(top, folder(args.wheels), env)
        for requirement in missing:  # pip, on Linux, would read a Windows marker as false
            requirement.marker = None
        print("\n".join(sorted({str(r) for r in missing})))
        return 0
    problems = write_requirements(top, args.wheels, args.python, args.out, env)
    for problem in problems:
        print(f"Lỗi bộ cài Windows: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
