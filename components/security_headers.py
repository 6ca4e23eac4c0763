"""Security headers on every response, and no metrics page: an ASGI middleware for serve.py.

Streamlit 1.67 has no setting for response headers; its supported way to add them is middleware on
an `st.App` (serve.py). This one
  * adds Content-Security-Policy, X-Frame-Options, X-Content-Type-Options and Referrer-Policy to
    every HTTP response;
  * answers 404 for `/_stcore/metrics` (Streamlit serves it to anyone, with no setting to turn it off).

The policy allows only this server's own scripts, images, fonts, frames and connections (the
websocket included), and inline styles, which Streamlit's interface draws with. The only inline
scripts are in the HTML documents Streamlit and its installed components ship (index.html, a
component's index.html): their SHA-256 hashes are put in that document's own policy, taken from the
document as served, so the policy follows an upgrade of either. No user data reaches those
documents (it travels over the websocket); files under /media/ (downloads) get no hashes. When an
administrator has set a map tile server (settings key `map_tile_url`), the map may also fetch from
its origin and from the host of the label glyphs Plotly's tile maps load (MAP_GLYPHS), from the
next page load on; without one, the map needs no network.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Callable
from urllib.parse import urlsplit

HEADERS = {
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
# 'self' frames only: Streamlit's components (the sign-in cookie's among them) are same-origin frames.
# 'wasm-unsafe-eval' lets Streamlit's protobuf decoder compile its small WebAssembly helper (long.js,
# 64-bit numbers); it allows no JavaScript eval.
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:{extra}; font-src 'self' data:; connect-src 'self'{extra}; "
    "worker-src 'self' blob:; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
MAP_GLYPHS = "https://fonts.openmaptiles.org"     # Plotly's default glyphs for text on a tile map
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_NOT_SERVED = ("/_stcore/metrics",)


def map_sources() -> str | None:
    """The tile server's origin and the glyph host, when an administrator has set a tile server."""
    from components.database import opened
    from core.map_settings import tile_url
    from queries.db import resolve_path

    db = opened(str(resolve_path()))
    url = tile_url(db) if db is not None else None
    if not url:
        return None
    parts = urlsplit(url.replace("{", "").replace("}", ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc} {MAP_GLYPHS}"


def policy(html: bytes = b"", extra_sources: str | None = None) -> str:
    hashes = "".join(
        " 'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(html) if script.strip())
    return POLICY.format(scripts=hashes, extra=f" {extra_sources}" if extra_sources else "")


class SecurityHeaders:
    """ASGI middleware (pure ASGI, so the websocket and streamed responses pass untouched)."""

    def __init__(self, app, extra_sources: Callable[[], str | None] = map_sources):
        self.app = app
        self.extra_sources = extra_sources

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "").rstrip("/")
        if path.endswith(_NOT_SERVED):
            await _not_found(send)
            return
        start: dict | None = None
        body: list[bytes] = []

        async def send_with_headers(message):
            nonlocal start
            if message["type"] == "http.response.start":
                if message.get("status") == 304:
                    # "not modified": the browser keeps the stored response's headers, the policy
                    # with its document's hashes included, unless this answer names others
                    await send(_with_headers(message, None))
                    return
                headers = dict((k.lower(), v) for k, v in message.get("headers", []))
                if b"text/html" in headers.get(b"content-type", b"") and "/media/" not in path + "/":
                    start = message             # held until the document is complete, to hash its scripts
                    return
                # not a document: its policy governs nothing it loads, so no tile sources (no query)
                await send(_with_headers(message, policy()))
                return
            if start is not None and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                document = b"".join(body)
                await send(_with_headers(start, policy(_decoded(start, document), self._extra())))
                await send({"type": "http.response.body", "body": document})
                return
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _extra(self) -> str | None:
        try:
            return self.extra_sources()
        except Exception:          # no map sources rather than no page
            return None


def _with_headers(message: dict, csp: str | None) -> dict:
    ours = {name.encode() for name in (*HEADERS, "content-security-policy")}
    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in ours]
    headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    if csp is not None:
        headers.append((b"content-security-policy", csp.encode()))
    return {**message, "headers": headers}


def _decoded(start: dict, document: bytes) -> bytes:
    encoding = dict((k.lower(), v) for k, v in start.get("headers", [])).get(b"content-encoding", b"")
    if encoding.strip().lower() == b"gzip":
        try:
            return gzip.decompress(document)
        except OSError:
            return b""
    return document


async def _not_found(send) -> None:
    await send({"type": "http.response.start", "status": 404,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            *[(k.encode(), v.encode()) for k, v in HEADERS.items()],
                            (b"content-security-policy", policy().encode())]})
    await send({"type": "http.response.body", "body": b"Not found"})
