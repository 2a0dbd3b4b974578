"""The spec's first promise (portal.md): no message is lost and none is marked sent
without a success code. A desk's outbox (36 dossiers, 2 to 5 events each: 260 messages)
is drained by real `counter-app portal send` processes against the stand-in gateway,
while the gateway fails at random (5xx, replies lost after acceptance, time-outs, expired
sessions, HTML, not JSON, huge, undocumented codes), goes down and comes back on the same
port, and the senders are killed with SIGKILL at random points and started two at once
(tests/portal_chaos.py). Then: every message accepted exactly once, each dossier's in
its order, each dossier object with the dossier's status at its event, all sent.

The same harness runs two NEGATIVE CONTROLS (tests/portal_control.py), senders built the
way the peers build theirs, and asserts that the invariants catch them: success read from
the message's text, and a message marked sent before the answer comes.

The seed is printed (run with -s to see the counts); PORTAL_CHAOS_SEED=N replays one."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.clock import parse
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.services.catalog import catalog
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import Action
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import IMPORTED_AT, actor_for, intake_doc, small_catalog
from tests.portal_chaos import Chaos
from tests.portal_gateway import AGENCY, PASSWORD, USER, StandInGateway

pytestmark = pytest.mark.xdist_group("processes")  # processes of its own, killed
SEED = int(os.environ.get("PORTAL_CHAOS_SEED") or random.SystemRandom().randrange(10**6))
DOSSIERS, CONTROL_DOSSIERS = 36, 12
TIMES = [parse(f"2026-02-{day}:00+07:00") for day in ("13T10", "13T16", "16T09", "18T09", "19T09")]
STEPS = {  # action -> (what it does, the dossier's TrangThaiHoSo after it)
    "handoff": (lambda s, who, c, t: lifecycle.handoff(s, who, [c], "TP-HT", None, t), 4),
    "supplement": (lambda s, who, c, t: lifecycle.supplement(s, who, c, "Giấy", None, t), 5),
    "supplied": (lambda s, who, c, t: lifecycle.supplied(s, who, c, t), 4),
    "result": (lambda s, who, c, t: lifecycle.result(s, who, c, "approved", None, t), 9),
    "return": (
        lambda s, who, c, t: lifecycle.return_result(s, who, c, receiver="Lê Văn Nhận", now=t),
        10,
    ),
    "withdraw": (lambda s, who, c, t: lifecycle.close(s, who, c, Action.WITHDRAW, "Rút", t), 7),
    "stop": (lambda s, who, c, t: lifecycle.close(s, who, c, Action.STOP, "Dừng", t), 8),
}
PLANS = [  # a dossier's life after its reception (status 2)
    ["handoff", "result", "return"],
    ["handoff", "supplement", "supplied", "result"],
    ["handoff", "result", "return"],
    ["withdraw"],
    ["handoff", "stop"],
]


def build(path, dossiers):
    """A desk with `dossiers` dossiers whose events interleave (each round of steps goes
    through all of them), and each dossier's statuses at its events."""
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    with unit_of_work(sessions, write=True) as session:
        who = actor_for(session)
        codes = [
            intake.receive(session, who, read_intake(intake_doc()), TIMES[0]).code
            for _ in range(dossiers)
        ]
    expected = {code: [2] for code in codes}
    for step in range(max(len(plan) for plan in PLANS)):
        for i, code in enumerate(codes):
            plan = PLANS[i % len(PLANS)]
            if step < len(plan):
                do, status = STEPS[plan[step]]
                with unit_of_work(sessions, write=True) as session:
                    do(session, actor_for(session), code, TIMES[step + 1])
                expected[code].append(status)
    engine.dispose()  # the write-ahead log folded into the file
    return path, expected


@pytest.fixture(scope="module")
def desks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chaos")
    made = {}

    def desk(dossiers):
        if dossiers not in made:
            made[dossiers] = build(folder / f"desk-{dossiers}.db", dossiers)
        return made[dossiers]

    return desk


@pytest.fixture
def memory_folder(tmp_path):
    """The desk's file in memory where the machine has /dev/shm: the senders' commits then
    wait for no disk (a busy disk made the test several times slower); a kill loses
    nothing more there than on a disk, the file outlives the process."""
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="portal-chaos-", dir=shm)) if shm.is_dir() else tmp_path
    yield folder
    if folder != tmp_path:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("sender", ["real", "by-text", "settle-first"])
def test_every_message_accepted_once_in_order_through_chaos(
    desks, sender, tmp_path, memory_folder, monkeypatch
):
    # the controls on fewer dossiers: their faults come early (portal_chaos.PLAN)
    prepared, expected = desks(DOSSIERS if sender == "real" else CONTROL_DOSSIERS)
    db = memory_folder / "desk.db"
    shutil.copyfile(prepared, db)
    gateway = StandInGateway(tmp_path)
    try:
        config = tmp_path / "portal.json"
        monkeypatch.setenv("COUNTER_APP_PORTAL_CONFIG", str(config))
        with monkeypatch.context() as password:
            password.setenv("COUNTER_APP_PORTAL_PASSWORD", PASSWORD)
            configure = ["portal", "configure", "--url", gateway.url, "--user", USER]
            assert main([*configure, "--agency-code", AGENCY, "--ca", str(gateway.ca_file)]) == 0
        gateway.codes.update(list(expected)[:2])  # the province had these from another system
        outcome = Chaos(gateway, db, tmp_path, {}, SEED).run(sender, expected)
    finally:
        gateway.down()
    print(outcome.report())
    found = outcome.violations()
    assert not outcome.timed_out and not outcome.unexpected, (SEED, found)
    if sender == "real":
        assert found == [], f"seed {SEED}: {found}"
        assert outcome.messages == sum(2 * len(s) for s in expected.values())
        chaos = (outcome.kills, outcome.refused_passes, outcome.two_at_once, outcome.absorbed)
        assert all(chaos), f"seed {SEED}: the chaos did not happen: {outcome.report()}"
    else:  # a negative control: the invariants must catch it
        assert outcome.lost, f"seed {SEED}: the control {sender} lost nothing"
