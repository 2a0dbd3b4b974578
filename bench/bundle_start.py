"""The desk's folder build (dist/counter-app/, scripts/build-bundle.sh) against the desk run
from its virtual environment: the bundle's size, and the start to the window painted with
its first list (`--check-start`), whole processes, the two interleaved in the same run.

    python bench/bundle_start.py --db /tmp/bench/demo.db [--n 20] [--cold 20]

Run it with the project's environment (`.venv/bin/python`): that interpreter is the
virtual-environment side, `python -m counter_app`. Off screen (QT_QPA_PLATFORM=offscreen).
A missing database is made with `init --demo --no-officers` (a desk opened in the morning);
an existing one is used as it is.

Cold, the first start of the day: `--cold` rounds of the two, the order rotated each round
(`_common.interleave`: bundle, venv; venv, bundle…), each process started after the
database and both programs' files were dropped from the OS page cache (the venv's
counter_app and packages, `_common.drop_from_os_cache(program=True)`, and the files of
dist/counter-app/; what that cannot drop: see bench/README.md). The system libraries the
venv's Qt loads (glib, fontconfig, libz…) stay cached: other processes keep them mapped.
The bundle carries copies of them; on the same footing they stay cached for the verdict's
side, and a third side drops them too (the bundle's worst case). Warm:
`--n` rounds after one warm round, rotated likewise. p50, p95 (from 20 samples) and maximum
with n; the verdicts are computed from the medians: bundle / venv ≤ RATIO, cold and warm.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from _common import (
    REPO,
    drop_from_os_cache,
    environment,
    human_bytes,
    installed_bytecode,
    interleave,
    scope,
    spread_ms,
    table,
    verdict,
    verdict_table,
)

RATIO = 1.2
BUNDLE = REPO / "dist" / "counter-app"


CPU: dict[str, list[float]] = {}  # per side: the child's user + system CPU, in seconds


def timed(command: list[str], env: dict[str, str], side: str = "") -> tuple[float, str]:
    """Wall time of the whole process (and its CPU time kept under `side`)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if side:
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        CPU.setdefault(side, []).append(cpu)
    return took, done.stdout.strip()


SYSTEM_LIBS = (
    "/lib",
    "/usr/lib",
    "/lib64",
    "/usr/lib64",
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
)


def bundle_files() -> list[Path]:
    return [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]


def system_copy(path: Path) -> bool:
    """A library the bundle carries that the system has too (libglib, fontconfig, libz…):
    the venv loads the system's, which other processes keep mapped and cached."""
    return any(Path(folder, path.name).exists() for folder in SYSTEM_LIBS)


def drop_bundle(with_system_copies: bool) -> None:
    """posix_fadvise(DONTNEED) on the bundle's files (as _common does for the venv's), with
    or without its copies of system libraries."""
    for path in bundle_files():
        if not with_system_copies and system_copy(path):
            continue
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a database file (made when missing)")
    parser.add_argument("--n", type=int, default=20, help="warm rounds")
    parser.add_argument("--cold", type=int, default=20, help="rounds after dropping the OS cache")
    args = parser.parse_args()
    program = BUNDLE / "counter-app"
    if not program.is_file():
        sys.exit(f"{program}: no bundle (run scripts/build-bundle.sh first)")
    venv_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    bundle_env = {k: v for k, v in venv_env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    url = f"sqlite:///{Path(args.db).resolve()}"
    if not Path(args.db).exists():
        init = [sys.executable, "-m", "counter_app", "--db", url, "init", "--demo"]
        subprocess.run([*init, "--no-officers"], env=venv_env, check=True, capture_output=True)
    bundle, venv = "bundle (dist/counter-app)", "venv (python -m counter_app)"
    sides = {
        bundle: ([str(program), "--db", url, "--check-start"], bundle_env),
        venv: ([sys.executable, "-m", "counter_app", "--db", url, "--check-start"], venv_env),
    }

    def warm(side: str):  # type: ignore[no-untyped-def]
        return lambda i: timed(*sides[side], f"warm: {side}" if i >= 0 else "")[0]

    def cold(name: str, side: str, system_copies: bool = False):  # type: ignore[no-untyped-def]
        def run(_i: int) -> float:
            drop_from_os_cache(args.db, program=True)
            drop_bundle(system_copies)
            return timed(*sides[side], f"cold: {name}")[0]

        return run

    copies = "bundle, its system-library copies dropped too"
    colds = interleave(
        {bundle: cold(bundle, bundle), venv: cold(venv, venv), copies: cold(copies, bundle, True)},
        args.cold,
        warm=0,
    )
    warms = interleave({side: warm(side) for side in sides}, args.n)
    said = {side: timed(*sides[side])[1] for side in sides}
    files = bundle_files()
    size = sum(p.stat().st_size for p in files)
    system = sum(p.stat().st_size for p in files if system_copy(p))
    print(f"Bundle start on {args.db}; {environment()}")
    print(installed_bytecode())
    scope(
        f"bundle {human_bytes(size)} in {len(files):,} files ({human_bytes(system)} of them "
        "copies of system libraries); first list: "
        + "; ".join(f"{side} said {text!r}" for side, text in said.items())
        + f"; {args.cold} cold rounds of {len(colds)} and {args.n} warm rounds of {len(warms)}, "
        "order rotated"
    )
    rows = []
    for kind, samples in (("cold", colds), ("warm", warms)):
        base = spread_ms(samples[venv])[0]
        cpu_base = spread_ms(CPU[f"{kind}: {venv}"])[0]
        for side, t in samples.items():
            cpu = spread_ms(CPU[f"{kind}: {side}"])[0]
            p50 = spread_ms(t)[0]
            rows.append([f"{kind}: {side}", len(t), *spread_ms(t), p50 / base, cpu, cpu / cpu_base])
    headers = ["whole process (ms)", "n", "p50", "p95", "max", "× venv", "CPU p50", "CPU × venv"]
    print(table(headers, rows))
    print(
        verdict_table(
            [
                verdict(
                    "cold: bundle / venv (p50)", rows[0][5], RATIO, "×", below=False, n=args.cold
                ),
                verdict("warm: bundle / venv (p50)", rows[3][5], RATIO, "×", below=False, n=args.n),
            ]
        )
    )


if __name__ == "__main__":
    main()
