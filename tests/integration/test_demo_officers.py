"""`init --demo` gives the demo desk officers, so that it needs a login (Ctrl+L locks it) as an
office's desk does; the README lists them with their demo passwords, and they sign in."""

from __future__ import annotations

import re
from pathlib import Path

from counter_app.cli import main
from counter_app.clock import now
from counter_app.db import make_engine, session_factory
from counter_app.officers.session import Place, needs_login, sign_in

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_officers() -> list[tuple[str, str, str]]:
    """The README's table of demo officers: (officer, password, role)."""
    text = README.read_text(encoding="utf-8")
    table = re.search(r"\| officer \| password \| role \|\n\|[-|]+\|\n((?:\|.*\|\n)+)", text)
    assert table, "the README has no table of demo officers"
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in table.group(1).splitlines()
    ]
    return [(name, password, role) for name, password, role in rows]


def test_the_demo_needs_a_login_and_the_readme_passwords_sign_in(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["--db", url, "init", "--demo", "--days", "7"]) == 0
    engine = make_engine(url)
    place = Place(session_factory(engine))
    assert needs_login(place)
    listed = readme_officers()
    assert len(listed) >= 3
    for username, password, role in listed:
        signed = sign_in(place, username, password, now())
        assert (signed.username, signed.role) == (username, role)
    engine.dispose()
    assert main(["--db", url, "init", "--demo"]) == 0  # login on: writes nothing, exit 0
