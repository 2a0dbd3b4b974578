"""The documents in docs/ say what the program does: their examples are fed to the
command, their key lists are the keys the program reads, so they cannot drift."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from counter_app.cli.parser import UsageError, build
from counter_app.services.catalog import catalog_file
from counter_app.services.intake import intake_file
from tests.integration.test_cli import Desk

DOCS = Path(__file__).resolve().parents[2] / "docs"


def examples(page: str, kind: str) -> list[str]:
    """The ```json KIND blocks of a page, as written."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"```json {kind}\n(.*?)\n```", text, re.S)


def test_the_format_examples_are_accepted_as_written(tmp_path, capsys):
    desk = Desk(tmp_path, capsys)
    (catalog,) = examples("formats.md", "catalog")
    (tmp_path / "catalog.json").write_text(catalog, encoding="utf-8")
    status, _, err = desk.run("catalog", "import", str(tmp_path / "catalog.json"))
    assert status == 0, err
    intakes = examples("formats.md", "intake")
    assert len(intakes) >= 2
    for i, intake in enumerate(intakes):
        path = tmp_path / f"intake-{i}.json"
        path.write_text(intake, encoding="utf-8")
        dossier = desk.json("receive", str(path))
        assert dossier["status"] == "received"
        assert dossier["procedure"] == json.loads(intake)["procedure"]


KEYS = {
    "the catalog's top level": {"agency", "units", "calendar", "procedures"},
    "agency": catalog_file._AGENCY_KEYS | {"replaces"},
    "procedure": catalog_file._PROCEDURE_KEYS,
    "intake": intake_file._INTAKE_KEYS,
    "applicant": intake_file._APPLICANT_KEYS,
}


@pytest.mark.parametrize("what", list(KEYS))
def test_every_key_the_program_reads_is_documented(what):
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    first_cells = re.findall(r"^\| ([^|]+)\|", text, re.M)
    documented = {key for cell in first_cells for key in re.findall(r"`([a-z_]+)`", cell)}
    assert KEYS[what] - documented == set()


def test_the_dossier_example_has_the_keys_the_command_prints(tmp_path, capsys):
    desk = Desk(tmp_path, capsys)
    (catalog,) = examples("formats.md", "catalog")
    desk.run("catalog", "import", desk.file("c.json", json.loads(catalog)))
    printed = desk.json(
        "receive", desk.file("i.json", json.loads(examples("formats.md", "intake")[0]))
    )
    (documented,) = (json.loads(d) for d in examples("cli.md", "dossier"))
    assert set(documented) == set(printed)
    assert set(documented["applicant"]) == set(printed["applicant"])
    assert set(documented["history"][0]) == set(printed["history"][0])


def test_every_sub_command_is_documented():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = build()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert [c for c in commands if f"`counter-app {c}" not in text] == []


def test_the_readme_sends_readers_to_documents_the_clone_has():
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)", readme) + re.findall(r"`(\.\./[^`]+)`", readme)
    missing = [
        link for link in links if not link.startswith("http") and not (DOCS.parent / link).exists()
    ]
    assert missing == [] and "docs/cli.md" in readme and "docs/formats.md" in readme


SERVER_PAGES = ("office-server.md", "province-cluster.md")


def command_lines(page: str) -> list[str]:
    """Every `counter-app …` a page quotes: lines of its code blocks (indented ones too;
    continued lines joined) and code spans in its prose and tables."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^ *```[^\n]*\n(.*?)^ *```", text, re.S | re.M)
    lines = [line.strip() for block in blocks for line in block.replace("\\\n", " ").splitlines()]
    prose = re.sub(r"^ *```.*?^ *```", "", text, flags=re.S | re.M)
    return [line for line in lines if line.startswith("counter-app ")] + [
        span for span in re.findall(r"`([^`\n]+)`", prose) if span.startswith("counter-app ")
    ]


@pytest.mark.parametrize("page", SERVER_PAGES)
def test_every_command_line_of_the_server_pages_is_one_the_program_takes(page):
    parser = build()
    refused = []
    for line in command_lines(page):
        try:
            parser.parse_args(shlex.split(line, comments=True)[1:])
        except UsageError as error:
            refused.append(f"{line} → {error}")
    assert refused == []


def test_the_server_pages_show_every_sync_command():
    parser = build()
    shown = set()
    for page in SERVER_PAGES:
        for line in command_lines(page):
            args = parser.parse_args(shlex.split(line, comments=True)[1:])
            shown.add(
                " ".join(
                    filter(
                        None,
                        (
                            args.command,
                            getattr(args, "server_command", None),
                            getattr(args, "what", None),
                        ),
                    )
                )
            )
    assert {
        "server init",
        "server catalog import",
        "server add-desk",
        "server remove-desk",
        "join",
        "sync",
        "sync status",
        "conflicts",
    } <= shown
