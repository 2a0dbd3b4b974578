"""Signing digitised documents with the officer's USB token: PAdES B-B through pyHanko and
PKCS#11 (python-pkcs11). No database, no Qt. `TokenSession` is opened once per desk session
(the PIN asked once), `verify` tells a document's signature state."""

from counter_app.signing.base import (
    FinalTryNotConfirmed,
    NoSigningCertificate,
    PinCancelled,
    PinLocked,
    PinState,
    SignatureState,
    SigningError,
    TokenMissing,
    TokenRemoved,
    WrongPin,
)
from counter_app.signing.token import Officer, TokenSession

__all__ = [
    "FinalTryNotConfirmed",
    "NoSigningCertificate",
    "Officer",
    "PinCancelled",
    "PinLocked",
    "PinState",
    "SignatureState",
    "SigningError",
    "TokenMissing",
    "TokenRemoved",
    "TokenSession",
    "WrongPin",
]
