"""The one state machine every change of a dossier's status goes through."""

from __future__ import annotations

from enum import StrEnum

from counter_app.errors import IllegalTransition


class Status(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    RESOLVED = "resolved"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    REFUSED = "refused"


class Action(StrEnum):
    HANDOFF = "handoff"
    SUPPLEMENT = "supplement"
    SUPPLIED = "supplied"
    EXTEND = "extend"
    RESULT = "result"
    RETURN = "return"
    WITHDRAW = "withdraw"
    STOP = "stop"
    REFUSE = "refuse"


STATUS_LABELS = {
    Status.RECEIVED: "Đã tiếp nhận",
    Status.IN_PROGRESS: "Đang giải quyết",
    Status.SUPPLEMENT_REQUESTED: "Chờ bổ sung",
    Status.RESOLVED: "Đã có kết quả",
    Status.RETURNED: "Đã trả kết quả",
    Status.WITHDRAWN: "Công dân rút hồ sơ",
    Status.STOPPED: "Dừng giải quyết",
    Status.REFUSED: "Từ chối tiếp nhận",
}

ACTION_LABELS = {
    Action.HANDOFF: "chuyển hồ sơ",
    Action.SUPPLEMENT: "yêu cầu bổ sung",
    Action.SUPPLIED: "nhận bổ sung",
    Action.EXTEND: "gia hạn",
    Action.RESULT: "nhận kết quả",
    Action.RETURN: "trả kết quả",
    Action.WITHDRAW: "rút hồ sơ",
    Action.STOP: "dừng giải quyết",
    Action.REFUSE: "từ chối tiếp nhận",
}

OUTCOME_LABELS = {"approved": "Giải quyết xong", "refused": "Không giải quyết"}

_OPEN = frozenset({Status.RECEIVED, Status.IN_PROGRESS, Status.SUPPLEMENT_REQUESTED})
_WORKING = frozenset({Status.RECEIVED, Status.IN_PROGRESS})

# action -> (states it is allowed from, state it leads to; None = stays / decided by caller)
TRANSITIONS: dict[Action, tuple[frozenset[Status], Status | None]] = {
    Action.HANDOFF: (_WORKING, Status.IN_PROGRESS),
    Action.SUPPLEMENT: (_WORKING, Status.SUPPLEMENT_REQUESTED),
    Action.SUPPLIED: (frozenset({Status.SUPPLEMENT_REQUESTED}), None),  # back where it was
    Action.EXTEND: (_OPEN, None),
    Action.RESULT: (_WORKING, Status.RESOLVED),
    Action.RETURN: (frozenset({Status.RESOLVED}), Status.RETURNED),
    Action.WITHDRAW: (_OPEN, Status.WITHDRAWN),
    Action.STOP: (_OPEN, Status.STOPPED),
    Action.REFUSE: (frozenset({Status.RECEIVED}), Status.REFUSED),
}


def allowed_actions(status: str) -> list[Action]:
    """What may be done to a dossier in this state (the desk offers only these)."""
    return [action for action, (sources, _) in TRANSITIONS.items() if status in sources]


def check(status: str, action: Action) -> Status | None:
    """The state `action` leads to from `status`; IllegalTransition when it is not allowed."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        label = STATUS_LABELS.get(Status(status), status)
        raise IllegalTransition(
            f"Không thể {ACTION_LABELS[action]} khi hồ sơ ở trạng thái '{label}'.",
            status=status,
            action=action.value,
        )
    return target
