"""The map's optional tile basemap: an administrator's setting (settings key `map_tile_url`).

Blank means no basemap: the map draws district shapes on a plain background and
needs no network. A URL must be an http(s) raster tile template with {z}, {x}, {y}.
"""

from __future__ import annotations

from core import settings
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError

KEY = "map_tile_url"


def tile_url(db: Database) -> str | None:
    return settings.value(db, KEY) or None


def check_tile_url(url: str | None) -> str | None:
    text = (url or "").strip()
    if not text:
        return None
    if not text.startswith(("https://", "http://")):
        raise ValidationError({"tile URL": "It must start with https:// (or http:// on a local network)."})
    missing = [p for p in ("{z}", "{x}", "{y}") if p not in text]
    if missing:
        raise ValidationError({"tile URL": f"It must contain {', '.join(missing)}, e.g. "
                                           "https://tiles.example.org/{z}/{x}/{y}.png"})
    if any(c in text for c in " \"'<>"):
        raise ValidationError({"tile URL": "It must not contain spaces, quotes or angle brackets."})
    return text


def set_tile_url(db: Database, actor: Actor, url: str | None, version: int | None) -> None:
    """Save (or clear) the tile URL; `version` is the setting's version as read (None when unset)."""
    settings.save(db, actor, KEY, check_tile_url(url), version)
