"""F1's page names every key the desk answers to: a key missing there is a key nobody finds."""

from __future__ import annotations

import re

from counter_app.ui.assets import help_page
from counter_app.ui.desk.desk_keys import KEYS


def test_every_shortcut_of_the_desk_is_on_the_help_page():
    page = help_page("vi")
    named = set(re.findall(r"<b>([^<]+)</b>", page))
    missing = [k.keys for k in KEYS if k.keys and k.keys not in named]
    assert missing == []
