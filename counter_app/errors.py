"""Typed errors raised by the services.

Every error a person can cause carries a Vietnamese message meant to be shown as is.
`RefusedInput` and its subclasses are the refusals: the CLI exits 2 on them and the
unit of work has written nothing.
"""

import re
import unicodedata


class CounterError(Exception):
    """Base of every error the program raises on purpose."""


class RefusedInput(CounterError):
    """The input was refused; nothing was written."""


class ValidationError(RefusedInput):
    """A field (or the whole document) is not valid. `field` names it, dotted."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UnknownProcedure(RefusedInput):
    pass


class ProcedureNotInForce(RefusedInput):
    pass


class UnknownDossier(RefusedInput):
    pass


class UnknownUnit(RefusedInput):
    pass


class IllegalTransition(RefusedInput):
    def __init__(self, message: str, status: str, action: str) -> None:
        super().__init__(message)
        self.status = status
        self.action = action


class CatalogError(RefusedInput):
    """The catalog file is not valid."""


class PermissionDenied(RefusedInput):
    """The officer's role does not allow this; nothing was written but its audit entry."""

    def __init__(self, message: str, permission: str) -> None:
        super().__init__(message)
        self.permission = permission


class LoginRefused(RefusedInput):
    """Wrong password, unknown or disabled officer, or a username locked for a while."""


class LoginNeeded(LoginRefused):
    """The database now needs a login and nobody signed in: an administrator was created
    (here, or at another desk of the office and pulled by the sync). The desk locks itself
    and shows its login page; a command asks for --officer and COUNTER_APP_PASSWORD."""


class BadBackup(RefusedInput):
    """A backup copy that must not be restored (missing, truncated, corrupted, wrong
    checksum, newer schema, not a counter-app database); nothing was changed."""


class BackupUnsupported(RefusedInput):
    """Backup and restore of this database are not this program's job (PostgreSQL)."""


class ConfigurationError(CounterError):
    """The database or settings are not in a usable state (e.g. no agency imported)."""


class DatabaseTrouble(CounterError):
    """The database cannot be used as asked (locked, read-only, damaged, too new, full…);
    the message says what happened and what to do."""


class DatabaseLocation(RefusedInput):
    """The database named (--db, COUNTER_APP_DB) cannot be one: not a URL, a folder, a
    path through a file, a kind of database not supported."""


class OutputLost(CounterError):
    """The work was done and committed, but its report could not be written."""


# A person's number in any written form: ID card (9 or 12 digits), phone (10 digits, or
# 84 and 9), passport (one or two letters and digits), or an e-mail address.
_PERSONAL_SEPARATORS = re.compile(r"[\s.\-()/_+]")
_PERSONAL = re.compile(r"[0-9]{8,13}|[A-Z]{1,2}[0-9]{6,9}")


def looks_personal(value: str) -> bool:
    compact = _PERSONAL_SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()
    return "@" in value or _PERSONAL.fullmatch(compact) is not None


def quoted(value: str, shape: re.Pattern[str]) -> str | None:
    """`'value'`, for a message, when the value has the shape that was asked for and is
    nothing like a person's number; None otherwise: then the message says what was expected
    without repeating what was typed (messages end up in logs and on screens)."""
    if not shape.fullmatch(value) or looks_personal(value):
        return None
    return f"'{value}'"
