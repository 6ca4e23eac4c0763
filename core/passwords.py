"""Password hashing (bcrypt) and the password rules.

Passwords are checked exactly as typed: no trimming, no case folding. bcrypt
reads at most 72 bytes, so longer passwords are first reduced with SHA-256
(base64, 44 bytes) and every character still counts.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from functools import lru_cache

import bcrypt

MIN_LENGTH = 12
MAX_LENGTH = 128
# 12 rounds take about a quarter of a second; tests lower it through the environment
ROUNDS = int(os.environ.get("COMMUNITY_BCRYPT_ROUNDS", "12"))


def _prepare(password: str) -> bytes:
    raw = password.encode("utf-8")
    if len(raw) > 72:
        raw = base64.b64encode(hashlib.sha256(raw).digest())
    return raw


def hash_password(password: str, rounds: int | None = None) -> str:
    return bcrypt.hashpw(_prepare(password), bcrypt.gensalt(rounds or ROUNDS)).decode("ascii")


def verify_password(password: str, hashed: str | None) -> bool:
    if not hashed:
        return False
    try:
        return bcrypt.checkpw(_prepare(password), hashed.encode("ascii"))
    except ValueError:
        return False


def dummy_hash() -> str:
    """The hash of a random password at the configured cost, checked in place of a missing
    account's so that an unknown username costs the same bcrypt work as a known one."""
    return _dummy_hash(ROUNDS)


@lru_cache(maxsize=4)
def _dummy_hash(rounds: int) -> str:
    return hash_password(secrets.token_urlsafe(24), rounds)
