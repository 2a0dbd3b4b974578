"""`digitise --scan` from the real SANE test device and `--sign` with a real SoftHSM2 token
(tests/devices.py): the pages scanned become the line's document, signed with the officer's
key found by its certificate; a wrong PIN or a missing scanner writes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pikepdf

from counter_app.signing import pades


def digitised(desk) -> int:
    with sqlite3.connect(desk.path) as db:
        return int(db.execute("SELECT count(*) FROM events WHERE kind = 'digitised'").fetchone()[0])


def files_in(desk) -> list[Path]:
    root = desk.path.parent / "documents"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_three_scanned_pages_signed_with_the_token_are_the_lines_document(
    ready, sane_device, softhsm_token, monkeypatch
):
    desk, code = ready
    monkeypatch.setenv("COUNTER_APP_PKCS11_MODULE", softhsm_token.module)
    monkeypatch.setenv("COUNTER_APP_TOKEN_PIN", softhsm_token.pin)
    got = desk.json(
        "digitise",
        code,
        "--item",
        "1",
        "--scan",
        "--device",
        "test:0",
        "--pages",
        "3",
        "--mode",
        "lineart",
        "--sign",
    )
    assert (got["pages"], got["signed"]) == (3, True)
    listed = desk.json("documents", code)["documents"][0]
    assert (listed["source"], listed["pages"], listed["signed"]) == ("scanner", 3, True)
    out = desk.tmp / "got.pdf"
    assert desk.run("document", "get", code, "--item", "1", "-o", str(out))[0] == 0
    data = out.read_bytes()
    assert len(pikepdf.open(out).pages) == 3
    state = pades.verify(data, pades.trust_roots(softhsm_token.ca_pem.parent))
    assert state.kind == "valid", state.text


def test_a_wrong_pin_writes_nothing_and_says_so(ready, sane_device, softhsm_token, monkeypatch):
    desk, code = ready
    monkeypatch.setenv("COUNTER_APP_PKCS11_MODULE", softhsm_token.module)
    monkeypatch.setenv("COUNTER_APP_TOKEN_PIN", "000000")
    outcome = desk.outcome(
        "digitise", code, "--item", "1", "--scan", "--device", "test:0", "--sign"
    )
    assert outcome.refused(), outcome
    assert "PIN" in outcome.err and "000000" not in outcome.err
    assert digitised(desk) == 0 and files_in(desk) == []


def test_a_scanner_that_is_not_there_writes_nothing(ready, sane_device):
    desk, code = ready
    outcome = desk.outcome("digitise", code, "--item", "1", "--scan", "--device", "test:9")
    assert outcome.refused(), outcome
    assert "máy quét" in outcome.err.lower(), outcome.err
    assert digitised(desk) == 0 and files_in(desk) == []
