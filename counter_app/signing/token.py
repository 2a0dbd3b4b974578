"""The officer's USB token for a desk session: opened once with its PIN, kept by the GUI,
used for every signature until the desk locks or closes.

The signing key is found through the certificate: the token's certificates whose CKA_ID a
private key shares, never by a label (pyHanko#456: a Viettel-CA token's key has another
label than its certificate). The PIN goes from the asking callback to C_Login and nowhere
else: no log, no file, no attribute of this object.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from counter_app.signing.base import (
    LOCKED_TEXT,
    FinalTryNotConfirmed,
    NoSigningCertificate,
    PinCancelled,
    PinLocked,
    PinState,
    SigningError,
    TokenMissing,
    TokenRemoved,
    WrongPin,
)
from counter_app.signing.modules import candidates

LABEL_VARIABLE = "COUNTER_APP_TOKEN_LABEL"
AskPin = Callable[[PinState], str | None]  # None: the officer cancelled
REMOVED = "Không thấy token nữa (đã bị rút ra?): cắm lại token rồi ký lại; tài liệu chưa được ký."


@dataclass(frozen=True)
class Officer:
    """The certificate the token signs with."""

    common_name: str
    key_id: bytes
    certificate: Any  # asn1crypto x509.Certificate


class TokenSession:
    def __init__(
        self,
        ask_pin: AskPin,
        module: str | None = None,
        token_label: str | None = None,
        environ: Mapping[str, str] = os.environ,
    ) -> None:
        self._ask_pin = ask_pin
        self._module = module
        self._label = token_label or environ.get(LABEL_VARIABLE) or None
        self._environ = environ
        self._lock = threading.Lock()
        self._session: Any = None
        self._token: Any = None
        self._lib: Any = None
        self.officer: Officer | None = None

    @property
    def is_open(self) -> bool:
        return self._session is not None

    def pin_state(self) -> PinState:
        """The PIN's state as the token reports it now (fresh token information)."""
        return PinState.of(int(self._find_token().flags))

    def open(self, confirm_final_try: bool = False) -> Officer:
        """Log in (the PIN asked now, only if not open yet) and find the officer's key."""
        with self._lock:
            if self._session is not None and self.officer is not None:
                return self.officer
            token = self._find_token()
            state = PinState.of(int(token.flags))
            if state.locked:
                raise PinLocked(LOCKED_TEXT + ".")
            if state.final_try and not confirm_final_try:
                raise FinalTryNotConfirmed(state)
            pin = self._ask_pin(state)
            if pin is None:
                raise PinCancelled("Chưa nhập mã PIN: tài liệu chưa được ký.")
            self._session = self._login(token, pin)
            del pin
            try:
                self.officer = _officer(self._session)
            except BaseException:
                self._drop()
                raise
            return self.officer

    def signer(self) -> Any:
        """A pyHanko PKCS11Signer on the open session, the key found by the CKA_ID."""
        from counter_app.signing.pades import quietly_import_pyhanko

        quietly_import_pyhanko()
        from pyhanko.sign.pkcs11 import PKCS11Signer

        officer = self.open()
        return PKCS11Signer(
            self._session,
            signing_cert=officer.certificate,
            key_id=officer.key_id,
            other_certs_to_pull=(),
        )

    def sign(self, pdf: bytes, reason: str | None = None, location: str | None = None) -> bytes:
        """`pdf` signed (PAdES B-B, an incremental update: `pdf` stays a prefix of the
        result). Asks the PIN the first time only."""
        from counter_app.signing.pades import DEFAULT_REASON, sign_pdf

        signer = self.signer()
        with self._lock:
            try:
                return sign_pdf(pdf, signer, reason or DEFAULT_REASON, location)
            except Exception as error:
                if not _token_error(error):
                    raise
                gone = _removed(error) or not self._still_there()
                self._drop()  # the next signature opens the token again (and asks the PIN)
                if gone:
                    raise TokenRemoved(REMOVED) from None
                raise SigningError(
                    f"Token báo lỗi khi ký ({type(error).__name__}): rút token ra, cắm lại "
                    "rồi ký lại; tài liệu chưa được ký."
                ) from None

    def close(self) -> None:
        with self._lock:
            self._drop()

    def __enter__(self) -> TokenSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _drop(self) -> None:
        session, self._session, self.officer = self._session, None, None
        if session is not None:
            with contextlib.suppress(Exception):  # a token pulled out: nothing to close
                session.close()

    def _still_there(self) -> bool:
        """Whether the token signed in is still in one of its module's slots."""
        import pkcs11

        serial = getattr(self._token, "serial", None)
        try:
            slots = self._lib.get_slots(token_present=True)
        except pkcs11.PKCS11Error:
            return False
        for slot in slots:
            try:
                if slot.get_token().serial == serial:
                    return True
            except pkcs11.PKCS11Error:
                continue
        return False

    def _find_token(self) -> Any:
        import pkcs11

        paths = candidates(self._module, self._environ)
        if not paths:
            raise TokenMissing(
                "Không tìm thấy thư viện PKCS#11 của token: cài phần mềm của nhà cung cấp "
                "token, hoặc đặt đường dẫn trong COUNTER_APP_PKCS11_MODULE."
            )
        for path in paths:
            try:
                lib = pkcs11.lib(path)
                for slot in lib.get_slots(token_present=True):
                    token = slot.get_token()
                    if self._label in (None, token.label):
                        self._token, self._lib = token, lib
                        return token
            except pkcs11.PKCS11Error:
                continue
        raise TokenMissing("Chưa cắm token ký số (USB): cắm token vào máy rồi thử lại.")

    def _login(self, token: Any, pin: str) -> Any:
        import pkcs11

        try:
            return token.open(user_pin=pin)
        except pkcs11.UserAlreadyLoggedIn:
            # PKCS#11 logs in an application, not a session: another session of this
            # program holds the token open (a TokenSession not closed; close() at lock)
            return token.open()
        except pkcs11.PinIncorrect:
            after = self.pin_state()
            if after.locked:
                raise PinLocked("Mã PIN không đúng. " + LOCKED_TEXT + ".") from None
            tail = after.warning or "Nhập lại mã PIN."
            raise WrongPin("Mã PIN không đúng. " + tail, after) from None
        except pkcs11.PinLocked:
            raise PinLocked(LOCKED_TEXT + ".") from None
        except pkcs11.PinLenRange:
            raise WrongPin("Mã PIN không đúng độ dài token yêu cầu.", self.pin_state()) from None
        except pkcs11.PKCS11Error as error:
            if _removed(error):
                raise TokenRemoved(REMOVED) from None
            raise


def _officer(session: Any) -> Officer:
    """The certificate to sign with: one whose CKA_ID a private key shares, not a CA's,
    made for signatures, valid today; of several, the one valid longest."""
    from asn1crypto import x509
    from pkcs11 import Attribute, ObjectClass

    key_ids = {
        bytes(key[Attribute.ID])
        for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
    }
    now = datetime.now(UTC)
    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        key_id = bytes(obj[Attribute.ID])
        if key_id not in key_ids:
            continue
        cert = x509.Certificate.load(bytes(obj[Attribute.VALUE]))
        usage = cert.key_usage_value.native if cert.key_usage_value else {"digital_signature"}
        validity = cert["tbs_certificate"]["validity"]
        if (
            cert.ca
            or not {"digital_signature", "non_repudiation"} & set(usage)
            or not validity["not_before"].native <= now <= validity["not_after"].native
        ):
            continue
        found.append((validity["not_after"].native, key_id, cert))
    if not found:
        raise NoSigningCertificate(
            "Token không có chứng thư số còn hiệu lực đi kèm khóa ký (cùng CKA_ID): "
            "liên hệ nơi cấp chứng thư."
        )
    _, key_id, cert = max(found, key=lambda item: item[0])
    name = cert.subject.native.get("common_name") or ""
    return Officer(name if isinstance(name, str) else str(name), key_id, cert)


def _token_error(error: BaseException) -> bool:
    """An error of the token or of pyHanko talking to it (not a damaged PDF)."""
    import pkcs11
    from pyhanko.sign.general import SigningError as PyHankoSigningError

    return isinstance(error, pkcs11.PKCS11Error | PyHankoSigningError) or _removed(error)


def _removed(error: BaseException) -> bool:
    import pkcs11

    gone = (
        pkcs11.DeviceRemoved,
        pkcs11.TokenNotPresent,
        pkcs11.TokenNotRecognised,
        pkcs11.SessionHandleInvalid,
        pkcs11.SessionClosed,
        pkcs11.DeviceError,
    )
    seen: BaseException | None = error
    while seen is not None:  # pyHanko wraps the token's error in its own
        if isinstance(seen, gone):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
