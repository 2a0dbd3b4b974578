"""Scanning benchmark: our scan of 5 pages from the SANE `test` device (SaneScanner.scan:
scanimage --batch, each page read as it is finished and encoded — G4 for black and white,
JPEG for grey) against `scanimage` alone scanning the same pages into files (the baseline:
the scanner's own time), interleaved; then the size of a page as it ends in the PDF.

    python bench/scanning.py [--n 20] [--pages 5] [--dpi 300]

The SANE configuration is made in a temporary folder (only the `test` backend; its Grid
picture, its largest page, 200 × 200 mm: an A4 page is cut to it). `--n` rounds after one
warm round, order rotated each round; p50/p95/max with n; the extra time of ours over the
baseline per component. Page sizes: the test device's grid page, and a synthetic A4 form
page at 300 dpi (30 lines of Vietnamese text, a paper grain of σ = 2 levels), the grey
one as our JPEG and the black-and-white one as G4, each wrapped by img2pdf (targets: grey
≤ 400 KB, black and white ≤ 80 KB).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import (  # noqa: E402
    environment,
    interleave,
    scope,
    spread_ms,
    table,
    verdict,
    verdict_table,
)

GRID = ["--test-picture=Grid"]
WORDS = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam tờ khai đăng ký khai sinh họ tên ngày tháng năm "
    "nơi cư trú giấy tờ tùy thân quan hệ với người được khai sinh"
)
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()
    print(environment(), f"load {os.getloadavg()[0]:.2f}")
    from tests.devices import sane_config

    with tempfile.TemporaryDirectory(prefix="bench-scanning-") as folder:
        os.environ["SANE_CONFIG_DIR"] = str(sane_config(Path(folder) / "sane.d"))
        scratch = Path(folder) / "scratch"
        scratch.mkdir()
        verdicts = []
        for mode in ("gray", "lineart"):
            verdicts += timings(mode, scratch, args)
        verdicts += sizes(args.dpi)
        print(verdict_table(verdicts))


def timings(mode: str, scratch: Path, args: argparse.Namespace) -> list[list[object]]:
    from counter_app.scanning.sane import SaneScanner
    from counter_app.scanning.sane_options import choose

    scanner = SaneScanner(extra=GRID, temp_root=scratch)
    choice = choose(scanner.options("test:0"), args.dpi, mode, False)  # type: ignore[arg-type]
    bare = ["scanimage", "-d", "test:0", "--format=pnm", *choice.arguments, *GRID]
    bare += [f"--batch-count={args.pages}"]

    def ours(_: int) -> None:
        scanner.scan("test:0", args.pages, args.dpi, mode)  # type: ignore[arg-type]

    def scanimage(_: int) -> None:
        out = tempfile.mkdtemp(dir=scratch)
        subprocess.run([*bare, f"--batch={out}/p%04d.pnm"], check=True, capture_output=True)
        shutil.rmtree(out)

    samples = interleave({"ours": ours, "scanimage": scanimage}, args.n, warm=1)
    scope(f"{args.pages} pages of 200 × 200 mm at {choice.dpi} dpi, {mode}, n = {args.n}")
    rows = [[name, len(s), *spread_ms(s)] for name, s in samples.items()]
    print(table(["side", "n", "p50 ms", "p95 ms", "max ms"], rows, f"a component, {mode}"))
    extra = [a - b for a, b in zip(samples["ours"], samples["scanimage"], strict=True)]
    extra_ms = spread_ms(extra)
    print(f"ours − scanimage, same round: p50 {extra_ms[0]:.0f} ms, max {extra_ms[2]:.0f} ms")
    return [verdict(f"{mode}: ours − scanimage, p50", extra_ms[0], 500, below=False, n=args.n)]


def sizes(dpi: int) -> list[list[object]]:
    import img2pdf

    from counter_app.scanning.pages import page_from_image
    from counter_app.scanning.sane import SaneScanner

    rows, found = [], {}
    grid = {m: SaneScanner(extra=GRID).scan("test:0", 1, dpi, m)[0] for m in ("gray", "lineart")}
    form = form_page()
    for name, page in (
        ("test device grid, grey", grid["gray"]),
        ("test device grid, black and white", grid["lineart"]),
        ("A4 form page, grey", page_from_image(form, 300, "gray")),
        ("A4 form page, black and white", page_from_image(form, 300, "lineart")),
    ):
        in_pdf = len(img2pdf.convert(page.data))
        found[name] = in_pdf
        rows.append([name, page.format, f"{page.width}×{page.height}", len(page.data), in_pdf])
    print(table(["page", "format", "pixels", "image bytes", "PDF bytes"], rows, "one page"))
    return [
        verdict("A4 form page grey, KB", found["A4 form page, grey"] / 1024, 400, "KB", False, 1),
        verdict(
            "A4 form page B/W, KB",
            found["A4 form page, black and white"] / 1024,
            80,
            "KB",
            False,
            1,
        ),
    ]


def form_page():
    """An A4 page at 300 dpi as a scanner sees a typed form: headings, 30 lines of 13 pt
    Vietnamese text, paper a little grey with its grain (σ = 2), edges a little soft."""
    import random

    from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

    page = Image.new("L", (2480, 3508), 240)
    draw = ImageDraw.Draw(page)
    body, title = ImageFont.truetype(FONT, 54), ImageFont.truetype(FONT, 58)
    words = WORDS.split(" ")
    rnd = random.Random(20)
    for y, text in ((250, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (500, "TỜ KHAI ĐĂNG KÝ")):
        draw.text((700, y), text, fill=20, font=title)
    for k in range(30):
        line = " ".join(rnd.choice(words) for _ in range(11))
        draw.text((280, 700 + 88 * k), line, fill=35, font=body)
    page = page.filter(ImageFilter.GaussianBlur(0.7))
    return ImageChops.add(page, Image.effect_noise(page.size, 2), 1.0, -128)


if __name__ == "__main__":
    main()
