"""Passwords: hashed with Argon2id (salted, memory-hard), checked in constant time.

Parameters: 2 passes over 64 MiB with 2 lanes. On the 2-core desk PC a login takes
about a quarter of a second (bench/login.py measures it); an attacker with the database
file pays 64 MiB of memory per guess. The parameters travel inside each hash, so a
change later re-hashes an officer's password at their next login.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from counter_app.errors import ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 128
HASHER = PasswordHasher(
    time_cost=2, memory_cost=65536, parallelism=2, hash_len=32, salt_len=16, type=Type.ID
)


def _normal(password: str) -> str:
    """The same password typed on any keyboard or input method (NFC)."""
    return unicodedata.normalize("NFC", password)


def check_new(password: str) -> str:
    """A new password, refused when too short or too long (never repeated in a message)."""
    password = _normal(password)
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.", "password")
    if len(password) > MAX_LENGTH:
        raise ValidationError(f"Mật khẩu dài quá {MAX_LENGTH} ký tự.", "password")
    if not password.strip():
        raise ValidationError("Mật khẩu không được chỉ gồm khoảng trắng.", "password")
    return password


def hash_password(password: str) -> str:
    return HASHER.hash(check_new(password))


def verify(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return HASHER.verify(stored, _normal(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return HASHER.check_needs_rehash(stored)


@cache
def dummy_hash() -> str:
    """Hashed once, so that checking an unknown username costs as much as a known one. Not
    at import: the desk imports this module on its way to the first list, and an Argon2id
    hash (64 MiB, two passes) held start-up for ~0.12 s of CPU; the desk makes it after
    start-up (ui/desk/preload.py), before anyone can type a password."""
    return HASHER.hash("counter-app: no such officer")
