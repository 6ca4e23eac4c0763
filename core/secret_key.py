"""The key that signs the re-login cookie: never committed, generated on first start.

Taken from $COMMUNITY_COOKIE_KEY, else from `.streamlit/secrets.toml`
(`[community] cookie_key`), else generated (48 random bytes) and written
there with owner-only permissions.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path

SECRETS_FILE = Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.toml"
MIN_BYTES = 32


def cookie_key(secrets_file: Path = SECRETS_FILE) -> str:
    from_env = os.environ.get("COMMUNITY_COOKIE_KEY")
    if from_env:
        return _checked(from_env, "COMMUNITY_COOKIE_KEY")
    if secrets_file.exists():
        stored = tomllib.loads(secrets_file.read_text()).get("community", {}).get("cookie_key")
        if stored:
            return _checked(stored, str(secrets_file))
    key = secrets.token_urlsafe(48)
    _append(secrets_file, key)
    return key


def _checked(key: str, source: str) -> str:
    if len(key.encode()) < MIN_BYTES:
        raise RuntimeError(f"The cookie key in {source} is shorter than {MIN_BYTES} bytes; use a longer random key.")
    return key


def _append(secrets_file: Path, key: str) -> None:
    secrets_file.parent.mkdir(parents=True, exist_ok=True)
    existing = secrets_file.read_text() if secrets_file.exists() else ""
    if "[community]" in existing:
        raise RuntimeError(f"{secrets_file} has a [community] section without cookie_key; add one.")
    fd = os.open(secrets_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a") as out:
        out.write(f'\n[community]\n# signs the re-login cookie; generated on first start\ncookie_key = "{key}"\n')
