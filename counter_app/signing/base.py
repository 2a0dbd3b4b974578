"""What signing tells the desk: the token's PIN state, a signature's state, and the
refusals (Vietnamese, for the officer; none of them holds a PIN or a citizen's data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from counter_app.errors import CounterError, RefusedInput

# PKCS#11 token flags (CK_TOKEN_INFO.flags)
CKF_USER_PIN_COUNT_LOW = 0x00010000
CKF_USER_PIN_FINAL_TRY = 0x00020000
CKF_USER_PIN_LOCKED = 0x00040000

FINAL_TRY_TEXT = "Còn 1 lần thử: nhập sai nữa token sẽ bị khóa"
LOCKED_TEXT = (
    "Mã PIN của token đã bị khóa: liên hệ nơi cấp chứng thư số để mở khóa (cần mã PUK/SO PIN)"
)
COUNT_LOW_TEXT = "Đã có lần nhập sai mã PIN: nhập sai nhiều lần token sẽ bị khóa"


@dataclass(frozen=True)
class PinState:
    """What the token says of its PIN, read from its flags before each try."""

    count_low: bool = False
    final_try: bool = False
    locked: bool = False

    @classmethod
    def of(cls, flags: int) -> PinState:
        return cls(
            bool(flags & CKF_USER_PIN_COUNT_LOW),
            bool(flags & CKF_USER_PIN_FINAL_TRY),
            bool(flags & CKF_USER_PIN_LOCKED),
        )

    @property
    def warning(self) -> str | None:
        """The sentence the PIN dialog shows before the officer types; None: nothing to say."""
        if self.locked:
            return LOCKED_TEXT + "."
        if self.final_try:
            return FINAL_TRY_TEXT + "."
        if self.count_low:
            return COUNT_LOW_TEXT + "."
        return None


SignatureKind = Literal["none", "valid", "invalid", "untrusted"]


@dataclass(frozen=True)
class SignatureState:
    """A document's signature as the viewer shows it. `untrusted`: the bytes are exactly
    what was signed, but the signer's certificate does not lead to one of the agency's
    trusted roots (or none are set up)."""

    kind: SignatureKind
    signer: str | None = None  # the certificate's common name (the officer's own name)
    signed_at: datetime | None = None
    count: int = 0  # signatures in the document

    @property
    def text(self) -> str:
        if self.kind == "none":
            return "Tài liệu chưa được ký số."
        if self.kind == "invalid":
            return "Chữ ký số KHÔNG hợp lệ: tài liệu đã bị sửa sau khi ký hoặc chữ ký bị hỏng."
        if self.kind == "untrusted":
            return (
                "Tài liệu còn nguyên vẹn như khi ký, nhưng không xác minh được chuỗi chứng thư "
                "(chứng thư gốc của cơ quan chưa được cài)."
            )
        return "Chữ ký số hợp lệ."


class SigningError(RefusedInput):
    """The document was not signed; nothing was written."""


class TokenMissing(SigningError):
    """No PKCS#11 module, or no token in it."""


class TokenRemoved(SigningError):
    """The token went away while it was in use."""


class WrongPin(SigningError):
    def __init__(self, message: str, state: PinState) -> None:
        super().__init__(message)
        self.state = state


class PinLocked(SigningError):
    pass


class FinalTryNotConfirmed(SigningError):
    """The token is at its last try: the officer must confirm before one more is made."""

    def __init__(self, state: PinState) -> None:
        super().__init__(
            FINAL_TRY_TEXT + ". Hãy xác nhận trước khi nhập mã PIN (chưa thử lần nào)."
        )
        self.state = state


class PinCancelled(CounterError):
    """The officer closed the PIN dialog: nothing tried, nothing signed."""


class NoSigningCertificate(SigningError):
    pass
