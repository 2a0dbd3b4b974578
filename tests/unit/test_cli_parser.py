"""The desk's own options are read without building every sub-command, and read exactly as
the full command line reads them; anything else goes to the full parser."""

from __future__ import annotations

import pytest

from counter_app.cli.parser import build, desk_options


@pytest.mark.parametrize("argv", [
    [], ["--check-start"], ["--db", "sqlite:///x.db"], ["--db=sqlite:///x.db", "--json"],
    ["--officer", "lan", "--check-start", "--db", "postgresql://h/d"], ["--check"],
])  # fmt: skip
def test_desk_options_match_the_full_parser(argv):
    assert vars(desk_options(argv)) == vars(build().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["init"], ["--db", "x", "init", "--demo"], ["show", "--check-start"], ["-h"], ["--help"],
    ["--db"], ["--bogus"], ["--check-start", "extra"],
])  # fmt: skip
def test_anything_else_is_left_to_the_full_parser(argv):
    assert desk_options(argv) is None
