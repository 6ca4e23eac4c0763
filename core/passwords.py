"""Password hashing (bcrypt) and the password rules.

Passwords are checked exactly as typed: no trimming, no case folding. bcrypt
reads at most 72 bytes, so longer passwords are first reduced with SHA-256
(base64, 44 bytes) and every character still counts.
"""

from __future__ import annotations

import base64
import hashlib

import bcrypt

MIN_LENGTH = 12
MAX_LENGTH = 128
ROUNDS = 12


def _prepare(password: str) -> bytes:
    raw = password.encode("utf-8")
    if len(raw) > 72:
        raw = base64.b64encode(hashlib.sha256(raw).digest())
    return raw


def hash_password(password: str, rounds: int = ROUNDS) -> str:
    return bcrypt.hashpw(_prepare(password), bcrypt.gensalt(rounds)).decode("ascii")


def verify_password(password: str, hashed: str | None) -> bool:
    if not hashed:
        return False
    try:
        return bcrypt.checkpw(_prepare(password), hashed.encode("ascii"))
    except ValueError:
        return False
