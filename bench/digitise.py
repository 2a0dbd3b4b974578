"""Digitising a scanned component: what storing it costs beyond the scan.

    python bench/digitise.py [--n 20] [--scan 3]

Ours: `digitisation.record.digitise` of a 5-page A4 300 dpi component (PDF/A-2b built from
the pages, SHA-256, the file written and fsynced, the `digitised` event and its audit entry
committed in one write unit of work, WAL and synchronous=FULL as a desk runs), into a fresh
dossier each round. Baseline: a bare `img2pdf.convert` of the same pages. Interleaved
(`_common.interleave`, order rotated each round), each round on new pages (one pixel
differs, so no round finds the file of another). Two kinds of page: black-and-white (1-bit
PNG, stored as CCITT G4) and grey (JPEG q75, wrapped as it is). Pages are drawn with Pillow
(A4 text, 12 pt, 29 lines of 75 characters): the SANE test device scans at most 200 mm.

`--scan K`: for reference, K runs of `scanimage -d test` (5 pages, 300 dpi, grey, 200 x 200
mm, the SANE test device, SANE_CONFIG_DIR pointing at a dll.conf naming `test`), to set
the storing time beside the scanner's own.

Verdicts: ours p50 ≤ 1.3x the bare img2pdf of the same rounds; ours p95 ≤ 0.5 s (what an
officer waits beyond the scan; refused under 20 rounds).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import img2pdf
from _common import environment, interleave, scope, spread_ms, table, verdict, verdict_table
from PIL import Image, ImageDraw, ImageFont

from counter_app.clock import now
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.digitisation import record
from counter_app.digitisation.pdfa import Page
from counter_app.digitisation.store import Store
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import intake_doc, small_catalog

PAGES = 5
TEXT = "Tờ khai đăng ký khai sinh - Giấy chứng sinh - Căn cước công dân số "


def text_page(mode: str) -> Image.Image:
    page = Image.new(mode, (2480, 3508), 255 if mode != "1" else 1)
    draw, font = ImageDraw.Draw(page), ImageFont.load_default(size=50)
    for y in range(300, 3200, 100):
        draw.text((240, y), (TEXT * 3)[:75], fill=0, font=font)
    return page


def rounds_of(mode: str, rounds: int) -> list[list[bytes]]:
    """For each round, 5 pages that differ from every other round's by one pixel."""
    base, fmt = text_page(mode), "PNG" if mode == "1" else "JPEG"
    out = []
    for r in range(rounds):
        pages = []
        for p in range(PAGES):
            page = base.copy()
            page.putpixel((r % 2000 + 1, p + 1), 0)
            data = io.BytesIO()
            page.save(data, fmt, dpi=(300, 300), quality=75)
            pages.append(data.getvalue())
        out.append(pages)
    return out


def desk_with_dossiers(folder: Path, count: int) -> tuple[object, list[str]]:
    engine = make_engine(f"sqlite:///{folder / 'desk.db'}")
    migrate(engine)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), now())
    codes = []
    for _ in range(count):
        with unit_of_work(sessions, write=True) as session:
            who = desk.actor(session, "motcua", None)
            codes.append(intake.receive(session, who, read_intake(intake_doc()), now()).code)
    return sessions, codes


def measure(mode: str, n: int, folder: Path) -> tuple[dict[str, list[float]], int]:
    pages = rounds_of(mode, n + 1)
    sessions, codes = desk_with_dossiers(folder, n + 1)
    store = Store(folder / "documents")
    sizes: list[int] = []

    def ours(i: int) -> None:
        source = record.Scanned(tuple(Page(p) for p in pages[i + 1]))
        with unit_of_work(sessions, write=True) as session:  # type: ignore[arg-type]
            who = desk.actor(session, "motcua", None)
            done = record.digitise(session, who, codes[i + 1], 1, source, store=store, now=now())
        sizes.append(done.bytes)

    def bare(i: int) -> None:
        img2pdf.convert(pages[i + 1])

    samples = interleave({"ours": ours, "bare img2pdf": bare}, n)
    return samples, max(sizes) // PAGES


def scanner(runs: int, folder: Path) -> list[float]:
    if not shutil.which("scanimage") or runs <= 0:
        return []
    config = folder / "sane"
    config.mkdir(exist_ok=True)
    (config / "dll.conf").write_text("test\n")
    env = dict(os.environ, SANE_CONFIG_DIR=str(config))
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        for page in range(PAGES):
            subprocess.run(
                ["scanimage", "-d", "test", "--mode", "Gray", "--resolution", "300"],
                env=env,
                stdout=(folder / f"scan{page}.pnm").open("wb"),
                stderr=subprocess.DEVNULL,
                check=True,
            )
        took.append(time.perf_counter() - started)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="rounds per kind of page")
    parser.add_argument("--scan", type=int, default=3, help="scanimage runs (0: none)")
    args = parser.parse_args()
    print(environment())
    rows, verdicts = [], []
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        for mode, label in (("1", "black-and-white"), ("L", "grey JPEG")):
            folder = Path(tmp) / label.replace(" ", "-")
            folder.mkdir()
            samples, page_bytes = measure(mode, args.n, folder)
            scope(
                f"{label}: {args.n} components of {PAGES} A4 300 dpi pages, "
                f"~{page_bytes:,} B a page"
            )
            for side, taken in samples.items():
                rows.append([label, side, len(taken), *spread_ms(taken)])
            ratio = spread_ms(samples["ours"])[0] / spread_ms(samples["bare img2pdf"])[0]
            verdicts.append(verdict(f"{label}: ours / bare p50", ratio, 1.3, "x", False, args.n))
            p95 = spread_ms(samples["ours"])[1]
            verdicts.append(verdict(f"{label}: ours p95", p95, 500, "ms", False, args.n))
        scans = scanner(args.scan, Path(tmp))
        if scans:
            rows.append(
                ["scanner (test device)", "scanimage 5 pages", len(scans), *spread_ms(scans)]
            )
    print(table(["pages", "side", "n", "p50 ms", "p95 ms", "max ms"], rows))
    print(verdict_table(verdicts))


if __name__ == "__main__":
    main()
