"""The invariants the cluster drill checks after each phase (bench/cluster_drill.py), with the
desks' work stopped and their last syncs done: each a list of faults, empty when it holds.

- every desk event on the cluster exactly once: for each desk, the cluster's desk_seq are
  1..N with no gap, and equal to the desk's own events;
- no dossier code twice: on the cluster, on any desk, and no code under two dossier ids
  across the desks;
- every desk converged: the same dossiers with the same statuses, as on the cluster;
- every event a desk was told was saved (a sync that ended with the server's events_upto
  at U) is on the cluster as first written then (received_at before that answer): not
  lost and pushed again later, and never acknowledged by a second leader.

Faults name desks and counts, never an applicant."""

from __future__ import annotations

from datetime import datetime

import psycopg
from _drill_desks import DrillDesk

CONVERGE_ROUNDS = 20  # last syncs of every desk, until they hold the same dossiers


def converge(desks: list[DrillDesk]) -> int:
    """Sync every desk in turn until nothing waits to be sent and all hold the same
    dossiers with the same statuses; returns the rounds it took (CONVERGE_ROUNDS + 1 when
    they never did: the check below then says how)."""
    for n in range(1, CONVERGE_ROUNDS + 1):
        for d in desks:
            try:
                d.sync()
            except Exception:  # noqa: S112 - a round that failed: the next one tries again
                continue
        pictures = [d.dossiers() for d in desks]
        if all(p == pictures[0] for p in pictures) and not any(d.pending() for d in desks):
            return n
    return CONVERGE_ROUNDS + 1


def check(
    db_url: str, desks: list[DrillDesk], acks: dict[str, list[tuple[datetime, int]]]
) -> list[str]:
    """Every invariant, read on the leader (`db_url`, the multi-host URL as superuser)."""
    faults: list[str] = []
    with psycopg.connect(db_url, connect_timeout=10) as db:
        on_cluster = {
            str(i): (code, status)
            for i, code, status in db.execute("SELECT id, code, status FROM counter.dossiers")
        }
        doubled = db.execute(
            "SELECT count(*) FROM (SELECT code FROM counter.dossiers GROUP BY code "
            "HAVING count(*) > 1) AS d"
        ).fetchone()
        if doubled and doubled[0]:
            faults.append(f"{doubled[0]} mã hồ sơ có hai lần trên cụm")
        for d in desks:
            rows = db.execute(
                "SELECT desk_seq, received_at FROM counter.events WHERE desk_id = %s "
                "ORDER BY desk_seq",
                (d.id,),
            ).fetchall()
            faults += _once(d, [r[0] for r in rows])
            faults += _kept(d, dict(rows), acks.get(d.id, []))
    faults += _converged(desks, on_cluster)
    return faults


def _once(d: DrillDesk, on_server: list[int]) -> list[str]:
    own = d.own_seqs()
    found = []
    if len(set(on_server)) != len(on_server):
        found.append(f"{d.name}: {len(on_server) - len(set(on_server))} sự kiện có hai lần")
    if on_server != list(range(1, len(on_server) + 1)):
        found.append(f"{d.name}: dãy sự kiện trên cụm có lỗ hổng ({len(on_server)} sự kiện)")
    if on_server != own:
        found.append(f"{d.name}: cụm có {len(on_server)} sự kiện, bàn có {len(own)}")
    return found


def _kept(
    d: DrillDesk, received: dict[int, datetime], acks: list[tuple[datetime, int]]
) -> list[str]:
    lost, rewritten = 0, 0
    for told_at, upto in acks:
        for seq in range(1, upto + 1):
            at = received.get(seq)
            if at is None:
                lost += 1
            elif at > told_at:
                rewritten += 1
    found = []
    if lost:
        found.append(f"{d.name}: {lost} lần báo đã lưu mà sự kiện không còn trên cụm")
    if rewritten:
        found.append(f"{d.name}: {rewritten} lần báo đã lưu mà sự kiện được ghi lại sau đó")
    return found


def _converged(desks: list[DrillDesk], on_cluster: dict[str, tuple[str, str]]) -> list[str]:
    found = []
    codes: dict[str, str] = {}
    for d in desks:
        held = d.dossiers()
        if held != on_cluster:
            differ = len(set(held.items()) ^ set(on_cluster.items()))
            found.append(f"{d.name}: {differ} hồ sơ khác với cụm (mã hoặc trạng thái)")
        if len({code for code, _ in held.values()}) != len(held):
            found.append(f"{d.name}: một mã hồ sơ mang hai hồ sơ")
        for dossier_id, (code, _) in held.items():
            if codes.setdefault(code, dossier_id) != dossier_id:
                found.append(f"mã {code} mang hai hồ sơ ở các bàn")
    return found


def leaders_at_once(seen: list[list[str]]) -> str:
    """How often two nodes said they led at the same moment: the fenced one, let go, says
    so until its Patroni demotes it. Not a fault in itself (its commits wait for a standby
    that follows the new leader: the acknowledged-events check above says whether one
    was ever acknowledged), but shown."""
    twice = [s for s in seen if len(s) > 1]
    return f"{len(twice)} of {len(seen)} samples" if twice else f"never in {len(seen)} samples"
