"""The errors of digitisation: a refusal (exit 2, nothing written) and a stored file whose
bytes no longer match their hash (exit 1). Messages name no person: at most a file name the
officer gave, a line number, a hash."""

from __future__ import annotations

from counter_app.errors import CounterError, RefusedInput


class DigitisationError(RefusedInput):
    """The input cannot become a document (not a PDF or image, encrypted, damaged, too big,
    a line the checklist does not have…); nothing was written."""


class DocumentDamaged(CounterError):
    """A stored document is missing or its bytes no longer give the hash recorded."""
