"""NEGATIVE CONTROLS for the chaos test (tests/integration/test_portal_chaos.py): two
senders built the wrong way, as peers build theirs, which the chaos test must catch. The
product never uses them; they exist to show that the chaos test can fail.

    python -m tests.portal_control --db URL by-text       # success read from the text
    python -m tests.portal_control --db URL settle-first  # marked sent before the answer

* `by-text`: the real drain (counter_app/portal/sender.py) with a `deliver` that judges
  the gateway's answer the way the peer TD-DVC does, by searching "thành công" or "đã tồn
  tại" in its message, whatever the HTTP status or the code say. The stand-in's texts
  mislead it: "Đồng bộ không thành công" in a 503, "Thành công" beside a code it never
  documents, "Hồ sơ đã tồn tại" for a dossier the province had from another system.
* `settle-first`: outbox.claim and outbox.settle composed in the wrong order: a message is
  marked sent before the gateway has answered (a 5xx, a time-out or a kill then loses it).

Configured as `portal send` is (`portal configure`, COUNTER_APP_PORTAL_TIMEOUT, _BACKOFF,
_LEASE); the gateway unreachable: one `error:` line and exit 1, as `portal send`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import httpx

from counter_app.clock import now
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.portal import outbox, sender
from counter_app.portal import settings as stored
from counter_app.portal.gateway import Answer, Gateway, Unreachable

SUCCESS_WORDS = ("thành công", "đã tồn tại")


def _number(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def by_text(gateway: Gateway, claimed: outbox.Claimed) -> Answer:
    """The peer's judgement: success when the message's text says so."""
    if gateway.session is None and gateway.login().code != 0:
        return Answer(None, "đăng nhập không được", True)
    body = {
        "session": gateway.session,
        "madonvi": gateway.agency,
        "message_id": str(claimed.id),
        "service": claimed.service,
        "isUpdating": "True" if claimed.is_update else "False",
        "data": claimed.body,
    }
    try:
        response = gateway.client.post(gateway.url + "/integration", json=body)
        found = response.json()
        message = str(found.get("message", "")) if isinstance(found, dict) else ""
    except httpx.ConnectError:
        raise Unreachable(f"Không kết nối được cổng tích hợp {gateway.url}.") from None
    except (httpx.HTTPError, ValueError):
        message = ""
    if any(word in message.lower() for word in SUCCESS_WORDS):
        return Answer(0, message)
    gateway.session = None  # perhaps the session ran out: log in again next time
    return Answer(None, message or "không rõ", True)


def settle_first(sessions, gateway: Gateway, lease: float, backoff: float) -> None:  # type: ignore[no-untyped-def]
    """Claim, mark sent, then send: the wrong order."""
    while True:
        with unit_of_work(sessions, write=True) as session:
            claimed = outbox.claim(session, now(), lease)
        if claimed is None:
            with unit_of_work(sessions) as session:
                if outbox.next_due(session) is None:
                    return
            time.sleep(0.2)
            continue
        with unit_of_work(sessions, write=True) as session:
            outbox.settle(session, claimed, Answer(0, "chưa có trả lời"), now(), backoff)
        sender.deliver(gateway, claimed)  # the answer is not looked at


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("mode", choices=("by-text", "settle-first"))
    args = parser.parse_args()
    found = stored.load(stored.settings_path())
    timeout = _number("COUNTER_APP_PORTAL_TIMEOUT", 20)
    lease = max(_number("COUNTER_APP_PORTAL_LEASE", 120), 5 * timeout)
    backoff = _number("COUNTER_APP_PORTAL_BACKOFF", 30)
    gateway = Gateway(found.url, found.user, found.password, found.agency_code, found.ca, timeout)
    engine = make_engine(args.db)
    sessions = session_factory(engine)
    try:
        if args.mode == "by-text":
            sender.drain(
                sessions, gateway, now, once=False, lease=lease, backoff=backoff, deliver=by_text
            )
        else:
            settle_first(sessions, gateway, lease, backoff)
    except Unreachable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        gateway.close()
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
