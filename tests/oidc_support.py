"""A real OpenID Connect provider on loopback (node-oidc-provider, tests/oidc_provider/provider.js),
and the `.streamlit/secrets.toml` that points the app at it."""

from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.browser_support import running

PROVIDER_DIR = Path(__file__).resolve().parent / "oidc_provider"
CLIENT_ID = "community-relations"
CLIENT_SECRET = "test-client-secret-" + "z" * 32
PROVIDER_NAME = "testidp"                  # the [auth.<name>] section (no underscore: Streamlit refuses one)
PEOPLE = json.loads((PROVIDER_DIR / "users.json").read_text())

requires_node = pytest.mark.skipif(
    shutil.which("node") is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").exists(),
    reason="Node.js or the test identity provider's packages are missing (./test.sh runs scripts/node.sh)")


def issuer(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def write_secrets(path: Path, provider_port: int) -> Path:
    """Streamlit's [auth] section for the provider on `provider_port`; the app's port is filled in by
    Streamlit ({port}), so the file is written before the server starts."""
    path.write_text(f"""
[auth]
redirect_uri = "http://localhost:{{port}}/oauth2callback"
cookie_secret = "test-auth-cookie-secret-{'s' * 40}"

[auth.{PROVIDER_NAME}]
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{issuer(provider_port)}/.well-known/openid-configuration"
client_kwargs = {{ scope = "openid email profile", prompt = "login" }}
""")
    return path


@contextmanager
def oidc_provider(port: int, redirect_uri: str, log_path: Path) -> Iterator[str]:
    """node-oidc-provider on 127.0.0.1:`port`, its one client redirecting to `redirect_uri`; yields the issuer."""
    url = issuer(port)
    env = {**os.environ, "PORT": str(port), "REDIRECT_URI": redirect_uri, "CLIENT_SECRET": CLIENT_SECRET}
    with running(["node", str(PROVIDER_DIR / "provider.js")], PROVIDER_DIR, env, log_path,
                 url + "/.well-known/openid-configuration", 30, "the test identity provider"):
        yield url


def sign_in_at_provider(page, provider_url: str, login: str, timeout: float = 90_000) -> None:
    """On the provider's own login page (the app sends the browser there): type the person's password."""
    page.wait_for_url(f"{provider_url}/interaction/**", timeout=timeout)
    page.get_by_role("textbox", name="Username").wait_for(timeout=timeout)
    page.get_by_role("textbox", name="Username").fill(login)
    page.get_by_label("Password").fill(PEOPLE[login]["password"])
    page.get_by_role("button", name="Continue").click()
