"""Settings: declared once, read from the environment, with safe defaults."""

from __future__ import annotations

import pytest

from counter_app.config import DEFAULT_OFFICER, Settings


def test_defaults_need_nothing():
    s = Settings.load(environ={})
    assert s.db_url.startswith("sqlite:///") and s.db_url.endswith("counter.db")
    assert (s.officer, s.printer, s.print_silently, s.print_dpi, s.paper) == (
        DEFAULT_OFFICER,
        None,
        False,
        300,
        "A4",
    )


def test_command_line_wins_over_environment():
    s = Settings.load(
        db_url="sqlite:///a.db",
        officer="an",
        environ={"COUNTER_APP_DB": "sqlite:///b.db", "COUNTER_APP_OFFICER": "binh"},
    )
    assert (s.db_url, s.officer) == ("sqlite:///a.db", "an")


@pytest.mark.parametrize("raw,dpi", [("600", 600), ("1200", 600), ("72", 300), ("abc", 300)])
def test_print_resolution_is_capped(raw, dpi):
    assert Settings.load(environ={"COUNTER_APP_PRINT_DPI": raw}).print_dpi == dpi


def test_printing_settings_from_environment():
    s = Settings.load(
        environ={
            "COUNTER_APP_PRINTER": "HP LaserJet",
            "COUNTER_APP_PAPER": "a5",
            "COUNTER_APP_PRINT_SILENT": "yes",
        }
    )
    assert (s.printer, s.paper, s.print_silently) == ("HP LaserJet", "A5", True)
