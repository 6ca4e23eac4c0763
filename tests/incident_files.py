"""Tiny incident files and what they store, shared by the incident import's tests."""

from __future__ import annotations

from datetime import datetime

from core import settings
from core.district_import import import_districts
from queries.actor import SYSTEM

NEW_YORK = "America/New_York"
DISTRICT = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "W"}, '
            '"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}}]}')
AT = {"incident_number": "num", "occurred_at": "when", "district": "dist"}


def in_new_york(db):
    """`db` as a department in New York with one district W."""
    import_districts(db, SYSTEM, DISTRICT, id_field="code", name_field=None)
    settings.save(db, SYSTEM, settings.TIME_ZONE, NEW_YORK, None)
    return db


def write(tmp_path, text: str, name: str = "incidents.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(db) -> dict[str, datetime]:
    with db.cursor() as cur:
        return dict(cur.execute("select incident_number, occurred_at from incidents").fetchall())
