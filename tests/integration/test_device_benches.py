"""bench/signing.py and bench/scanning.py still run (small sizes: that they work, not their
figures), on the real SoftHSM2 and SANE test devices they set up themselves."""

from __future__ import annotations

import pytest

from tests.integration.test_bench import run


@pytest.mark.slow
def test_the_device_benches_run():
    assert "ours / bare pyHanko, p50" in run("signing.py", "--n", "2", "--pages", "1")
    figures = run("scanning.py", "--n", "1", "--pages", "2", "--dpi", "100")
    assert "lineart: ours − scanimage, p50" in figures and "A4 form page B/W, KB" in figures
