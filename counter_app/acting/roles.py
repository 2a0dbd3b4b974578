"""The four roles and what each may do: one table, enforced by the services themselves.

A database with no administrator yet works as before login existed: the desk's officer
acts with every permission (the embedded default stays zero set-up). From the first
administrator on, every action needs an officer who proved their password, and the role
decides.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from counter_app.errors import PermissionDenied


class Role(StrEnum):
    RECEPTION = "reception"
    LEADER = "leader"
    ADMIN = "admin"
    INSPECTOR = "inspector"


class Permission(StrEnum):
    RECEIVE = "receive"
    REFUSE = "refuse"
    HANDOFF = "handoff"
    RESULT = "result"
    SUPPLEMENT = "supplement"
    EXTEND = "extend"
    RETURN = "return"
    WITHDRAW = "withdraw"
    STOP = "stop"
    PRINT = "print"
    READ_DOSSIERS = "read_dossiers"
    READ_PERSONAL = "read_personal"  # ID numbers and phones in lists and windows
    REPORTS = "reports"
    AUDIT = "audit"
    OFFICERS = "officers"
    CATALOG = "catalog"
    SETTINGS = "settings"
    BACKUP = "backup"
    PORTAL = "portal"  # a message the national portal refused, sent again
    COLLECT = "collect"  # fees: payments, receipts, exemptions, the officer's cash-up
    CASHUP_OTHERS = "cashup_others"  # another officer's shift opened or cashed up


ROLE_LABELS = {
    Role.RECEPTION: "Tiếp nhận và trả kết quả",
    Role.LEADER: "Lãnh đạo",
    Role.ADMIN: "Quản trị",
    Role.INSPECTOR: "Thanh tra",
}

_DESK_WORK = frozenset(
    {
        Permission.RECEIVE,
        Permission.REFUSE,
        Permission.HANDOFF,
        Permission.RESULT,
        Permission.SUPPLEMENT,
        Permission.EXTEND,
        Permission.RETURN,
        Permission.WITHDRAW,
        Permission.STOP,
        Permission.PRINT,
        Permission.READ_DOSSIERS,
        Permission.READ_PERSONAL,
        Permission.COLLECT,
    }
)

# The table (README: officers). An admin manages and reads, but lists and windows
# show it no ID numbers or phones; an inspector reads everything and changes nothing.
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTION: _DESK_WORK,
    Role.LEADER: _DESK_WORK
    | {Permission.REPORTS, Permission.AUDIT, Permission.PORTAL, Permission.CASHUP_OTHERS},
    Role.ADMIN: frozenset(
        {
            Permission.OFFICERS,
            Permission.CATALOG,
            Permission.SETTINGS,
            Permission.BACKUP,
            Permission.AUDIT,
            Permission.READ_DOSSIERS,
            Permission.PORTAL,
        }
    ),
    Role.INSPECTOR: frozenset(
        {Permission.READ_DOSSIERS, Permission.READ_PERSONAL, Permission.REPORTS, Permission.AUDIT}
    ),
}

PERMISSION_LABELS = {
    Permission.RECEIVE: "tiếp nhận hồ sơ",
    Permission.REFUSE: "từ chối tiếp nhận",
    Permission.HANDOFF: "bàn giao hồ sơ",
    Permission.RESULT: "nhận kết quả",
    Permission.SUPPLEMENT: "yêu cầu, nhận bổ sung",
    Permission.EXTEND: "gia hạn",
    Permission.RETURN: "trả kết quả",
    Permission.WITHDRAW: "ghi nhận rút hồ sơ",
    Permission.STOP: "dừng giải quyết",
    Permission.PRINT: "in phiếu",
    Permission.READ_DOSSIERS: "xem hồ sơ",
    Permission.READ_PERSONAL: "xem số giấy tờ, điện thoại",
    Permission.REPORTS: "xem báo cáo",
    Permission.AUDIT: "xem nhật ký truy cập",
    Permission.OFFICERS: "quản lý cán bộ",
    Permission.CATALOG: "quản lý danh mục thủ tục",
    Permission.SETTINGS: "đổi cài đặt bàn",
    Permission.BACKUP: "sao lưu, khôi phục dữ liệu",
    Permission.PORTAL: "gửi lại tin lên Cổng DVC quốc gia",
    Permission.COLLECT: "thu phí, lệ phí",
    Permission.CASHUP_OTHERS: "mở ca, kết sổ thu phí của cán bộ khác",
}


class HasRole(Protocol):
    @property
    def role(self) -> str | None: ...


def allows(actor: HasRole, permission: Permission) -> bool:
    """None as the role: no administrator yet on this database, so no login either."""
    return actor.role is None or permission in PERMISSIONS.get(Role(actor.role), frozenset())


def require(actor: HasRole, permission: Permission) -> None:
    if not allows(actor, permission):
        label = ROLE_LABELS.get(Role(str(actor.role)), str(actor.role))
        raise PermissionDenied(
            f"Vai trò «{label}» không được {PERMISSION_LABELS[permission]}.", permission.value
        )


# The dossier window offers an action of the state machine only to roles that may do it.
ACTION_PERMISSION = {
    "handoff": Permission.HANDOFF,
    "supplement": Permission.SUPPLEMENT,
    "supplied": Permission.SUPPLEMENT,
    "extend": Permission.EXTEND,
    "result": Permission.RESULT,
    "return": Permission.RETURN,
    "withdraw": Permission.WITHDRAW,
    "stop": Permission.STOP,
    "refuse": Permission.REFUSE,
}
