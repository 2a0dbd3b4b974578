"""The desk's own options are read without building every sub-command, and read exactly as
the full command line reads them; anything else goes to the full parser."""

from __future__ import annotations

import pytest

from counter_app.cli.parser import build, desk_options


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--check-start"],
        ["--db", "sqlite:///x.db"],
        ["--db=sqlite:///x.db", "--json"],
        ["--officer", "lan", "--check-start", "--db", "postgresql://h/d"],
        ["--check"],
    ],
)
def test_desk_options_match_the_full_parser(argv):
    assert vars(desk_options(argv)) == vars(build().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["init"],
        ["--db", "x", "init", "--demo"],
        ["show", "--check-start"],
        ["-h"],
        ["--help"],
        ["--db"],
        ["--bogus"],
        ["--check-start", "extra"],
    ],
)
def test_anything_else_is_left_to_the_full_parser(argv):
    assert desk_options(argv) is None


ENGLISH = (
    "usage",
    "positional arguments",
    "options:",
    "optional arguments",
    "show this help",
    "the following arguments",
    "invalid choice",
    "choose from",
    "unrecognized",
    "expected one argument",
    "expected at least",
    "not allowed with",
    "one of the",
    "argument ",
    "ambiguous",
    "invalid",
    "required",
    "error: error",
)


def _english(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text.lower()]


HELP = [
    ["--help"],
    ["-h"],
    ["receive", "--help"],
    ["catalog", "--help"],
    ["catalog", "import", "-h"],
    ["print", "--help"],
    ["return", "-h"],
    ["handoff", "--help"],
    ["deadline", "--help"],
]


@pytest.mark.parametrize("argv", HELP, ids=[" ".join(a) for a in HELP])
def test_help_is_vietnamese_throughout(capsys, argv):
    from counter_app.cli import main

    status = main(argv)
    out = capsys.readouterr().out
    assert (status, out.startswith("cách dùng: counter-app"), _english(out)) == (0, True, [])


WRONG = [
    ["handoff", "X"],
    ["deadline", "1.001193"],
    ["deadline", "a", "b", "--channel", "fax"],
    ["frobnicate"],
    ["show"],
    ["show", "a", "b"],
    ["return", "X"],
    ["return", "X", "--receiver", "A", "--post", "B"],
    ["handoff", "X", "--to"],
    ["--db"],
    ["catalog"],
    ["catalog", "remove"],
    ["receive"],
    ["--bogus", "init"],
    ["print", "receipt", "X", "-o", "f.pdf", "--paper", "A3"],
    ["print", "poster", "X"],
    ["result", "X", "--outcome", "maybe"],
    ["extend", "X", "--due", "2026-03-02"],
    ["init", "--demo=yes"],
]


@pytest.mark.parametrize("argv", WRONG, ids=[" ".join(a) for a in WRONG])
def test_argument_errors_are_one_vietnamese_line(capsys, argv):
    from counter_app.cli import main

    status = main(argv)
    captured = capsys.readouterr()
    one_line = captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert (status, captured.out, one_line, _english(captured.err[7:])) == (2, "", True, []), (
        captured.err
    )


def test_version(capsys):
    from counter_app import __version__
    from counter_app.cli import main

    assert (main(["--version"]), capsys.readouterr().out) == (0, f"counter-app {__version__}\n")


def test_every_message_argparse_can_show_a_person_is_translated():
    """Read from this Python's own argparse: a new message in a new Python fails here."""
    import argparse
    import ast
    import inspect

    from counter_app.cli.argparse_vi import FOR_PROGRAMMERS, VI

    messages = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            messages |= {
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            }
    assert sorted(messages - set(VI) - FOR_PROGRAMMERS) == []
