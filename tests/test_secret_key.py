"""The cookie signing key: from the environment, else the secrets file, else generated once."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from core.secret_key import MIN_BYTES, cookie_key


def test_generated_on_first_start_kept_private_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("COMMUNITY_COOKIE_KEY", raising=False)
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    first = cookie_key(secrets)
    assert len(first.encode()) >= MIN_BYTES
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert cookie_key(secrets) == first           # the next start reads the same key
    assert cookie_key(tmp_path / "other.toml") != first   # random, not derived


def test_an_existing_secrets_file_keeps_its_other_sections(tmp_path, monkeypatch):
    monkeypatch.delenv("COMMUNITY_COOKIE_KEY", raising=False)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[tiles]\nurl = "https://tiles.example"\n')
    cookie_key(secrets)
    assert 'url = "https://tiles.example"' in secrets.read_text()


def test_the_environment_wins_and_short_keys_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "k" * 40)
    assert cookie_key(tmp_path / "unused.toml") == "k" * 40
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "short")
    with pytest.raises(RuntimeError, match="shorter than 32 bytes"):
        cookie_key(tmp_path / "unused.toml")


def test_the_secrets_file_is_never_committed():
    root = Path(__file__).resolve().parents[1]
    ignored = subprocess.run(["git", "check-ignore", ".streamlit/secrets.toml"], cwd=root,
                             capture_output=True, text=True)
    assert ignored.returncode == 0
    tracked = subprocess.run(["git", "ls-files", ".streamlit"], cwd=root, capture_output=True, text=True)
    assert "secrets.toml" not in tracked.stdout
