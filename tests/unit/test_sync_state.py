"""How a desk shows its office server to people (`join`, `sync status`): host, port and
database, never the password — also for the URL forms docs/ recommends (several hosts for a
cluster, TLS options)."""

from __future__ import annotations

import pytest

from counter_app.sync.state import shown

CASES = [
    (
        "postgresql://desk:s3cret@192.168.1.10:5432/counter_office",
        "192.168.1.10:5432/counter_office",
    ),
    (
        "postgresql://desk:s3cret@server.office.lan/counter_office",
        "server.office.lan:5432/counter_office",
    ),
    (
        "postgresql://desk:s3cret@192.168.1.10:5432/counter_office?sslmode=verify-full",
        "192.168.1.10:5432/counter_office",
    ),
    (
        "postgresql://desk:s3cret@pg1.tinh.lan:5432,pg2.tinh.lan:5432,pg3.tinh.lan:5432/counter"
        "?target_session_attrs=read-write",
        "pg1.tinh.lan:5432,pg2.tinh.lan:5432,pg3.tinh.lan:5432/counter",
    ),
    ("postgresql://desk:s3cret@pg1,pg2:5433/counter", "pg1:5432,pg2:5433/counter"),
    ("postgresql://desk:s3cret@[fd00::10]:5432/counter", "[fd00::10]:5432/counter"),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_the_server_is_shown_without_the_password(url, expected):
    assert shown(url) == expected
    assert "s3cret" not in shown(url)
