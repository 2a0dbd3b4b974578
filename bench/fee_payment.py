"""Fee payment benchmark (issue 23): a payment with its receipt against a reception's own
time, in the same run, on the same desk file.

    python bench/fee_payment.py [--n 200] [--db /tmp/bench-fee.db]

A fresh SQLite desk (WAL, synchronous FULL as the desk runs), the sample catalog plus a
procedure whose fees are 8,000 đ of lệ phí and 2,000 đ of phí, the agency's receipts
configured. Interleaved (`_common.interleave`: one sample of each side per round, the
order rotated each round), n rounds after 5 warm ones:
* a reception: `intake.receive` of the spec's intake in its own writing unit of work (what
  the desk's F2 form records, without its window);
* a payment with its receipt: `payments.pay` of all that is left of a dossier received
  before the clock starts, in its own writing unit of work — the event, its audit entry,
  the receipt's number from the desk's series, the folded row, the e-receipt outbox row;
* for reference: the same payment followed by its A5 receipt drawn (`receipt_of` and
  `render`), what the dialog hands to the printer.
Wall time and CPU (process time) per sample; median, p95 and max with n; verdict computed
from the numbers: payment / reception ≤ 1.2 at p50, on the time and on the CPU.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import interleave, scope, spread_ms, table, verdict, verdict_table  # noqa: E402

from counter_app.clock import now  # noqa: E402
from counter_app.db import make_engine, migrate, session_factory, unit_of_work  # noqa: E402
from counter_app.fees import payments  # noqa: E402
from counter_app.fees.receipts import receipt_of, render  # noqa: E402
from counter_app.services import desk  # noqa: E402
from counter_app.services.intake import intake  # noqa: E402
from counter_app.services.intake.intake_file import read_intake  # noqa: E402
from tests.conftest import intake_doc  # noqa: E402
from tests.fees_desk import fee_desk  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="interleaved rounds (warm)")
    parser.add_argument("--db", help="the desk file (default: a temporary one)")
    args = parser.parse_args()
    n, warm = args.n, 5
    folder = tempfile.mkdtemp(prefix="bench-fee-")
    path = Path(args.db or Path(folder) / "desk.db")
    path.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    sessions = fee_desk(session_factory(engine))
    doc = read_intake(intake_doc(received_at=None))
    with unit_of_work(sessions, write=True) as session:
        who = desk.actor(session, "motcua", None)
        owed = [intake.receive(session, who, doc, now()).code for _ in range(2 * (n + warm) + 2)]

    def receive(_: int) -> None:
        with unit_of_work(sessions, write=True) as session:
            intake.receive(session, desk.actor(session, "motcua", None), doc, now())

    def pay(i: int, code: str | None = None) -> payments.Paid:
        with unit_of_work(sessions, write=True) as session:
            who = desk.actor(session, "motcua", None)
            return payments.pay(session, who, code or owed[i], "cash", None, now())

    def pay_and_print(i: int) -> None:
        done = pay(i, owed[n + warm + i])
        with unit_of_work(sessions) as session:
            render(receipt_of(session, done.receipt.series, done.receipt.number), "A5")

    cpu: dict[str, list[float]] = {}

    def timed_cpu(label: str, work: Callable[[int], object]) -> Callable[[int], None]:
        def run(i: int) -> None:
            start = time.process_time()
            work(i)
            cpu.setdefault(label, []).append(time.process_time() - start)

        return run

    labels = {
        "reception": "a reception (intake.receive, one unit of work)",
        "payment": "a payment with its receipt (payments.pay, one unit of work)",
        "printed": "the payment and its A5 receipt drawn, reference",
    }
    works = {
        labels["reception"]: timed_cpu(labels["reception"], receive),
        labels["payment"]: timed_cpu(labels["payment"], pay),
        labels["printed"]: timed_cpu(labels["printed"], pay_and_print),
    }
    samples = interleave(works, n, warm=warm)
    scope(
        f"{n} interleaved rounds of {len(works)} sides after {warm} warm; one desk file "
        f"(WAL, synchronous FULL) with {len(owed)} dossiers owing 10.000 đ received first"
    )
    rows = []
    for label in labels.values():
        spent = sorted(cpu[label][warm:])
        rows.append([label, len(samples[label]), *spread_ms(samples[label]), *spread_ms(spent)])
    heads = ["per action (ms)", "n", "p50", "p95", "max", "CPU p50", "CPU p95", "CPU max"]
    print(table(heads, rows))
    wall, proc = rows[1][2] / rows[0][2], rows[1][5] / rows[0][5]
    print(f"payment / reception at p50: {wall:.2f}× wall, {proc:.2f}× CPU (n {n} each)")
    print(
        verdict_table(
            [
                verdict("payment / reception, wall (p50)", wall, 1.2, "×", below=False, n=n),
                verdict("payment / reception, CPU (p50)", proc, 1.2, "×", below=False, n=n),
            ]
        )
    )


if __name__ == "__main__":
    main()
