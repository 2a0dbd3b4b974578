"""`counter-app scanners` lists what SANE sees, without a database."""

from __future__ import annotations

import json

from counter_app.cli import main


def test_scanners_json_lists_the_virtual_scanners(sane_device, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COUNTER_APP_DB", f"sqlite:///{tmp_path / 'never.db'}")
    assert main(["scanners", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "scanners": [
            {"name": "test:0", "vendor": "Noname", "model": "frontend-tester"},
            {"name": "test:1", "vendor": "Noname", "model": "frontend-tester"},
        ]
    }
    assert not (tmp_path / "never.db").exists()  # no database was opened for it


def test_no_scanner_is_said_in_vietnamese(tmp_path, monkeypatch, capsys):
    (tmp_path / "dll.conf").write_text("")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("COUNTER_APP_DB", f"sqlite:///{tmp_path / 'never.db'}")
    assert main(["scanners"]) == 0
    assert capsys.readouterr().out == (
        "Không tìm thấy máy quét nào: kiểm tra cáp USB và nguồn của máy quét.\n"
    )
