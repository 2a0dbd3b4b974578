"""README.md and docs/ stand on their own: every relative link, and every `….md` file a page
names, is a file of the clone. (The specifications the program was written from are not
part of it: a page that sends readers to `spec/sync.md` sends them nowhere.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _targets(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s#]+)", text)
    prose = re.sub(r"\[[^\]]*\]\([^)]*\)", "", text)  # a link's own text is checked above
    named = re.findall(r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.md)\b", prose)
    return [t for t in links + named if not re.match(r"[a-z]+:", t)]


def _exists(page: Path, target: str) -> bool:
    return (page.parent / target).is_file() or (ROOT / target).is_file()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_and_named_page_is_in_the_clone(page):
    assert [t for t in _targets(page) if not _exists(page, t)] == []


def test_the_check_sees_a_missing_page(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "See [the design](../spec/sync.md) and `spec/officers.md`, and [x](page.md).",
        encoding="utf-8",
    )
    assert [t for t in _targets(page) if not _exists(page, t)] == [
        "../spec/sync.md",
        "spec/officers.md",
    ]
