"""Typed errors raised by the services.

Every error a person can cause carries a Vietnamese message meant to be shown as is.
`RefusedInput` and its subclasses are the refusals: the CLI exits 2 on them and the
unit of work has written nothing.
"""


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


class ConfigurationError(CounterError):
    """The database or settings are not in a usable state (e.g. no agency imported)."""
