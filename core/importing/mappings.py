"""Saved column mappings (file column -> field), reused for files of the same shape."""

from __future__ import annotations

import json
import re

import pandas as pd

from core.importing.spec import ImporterSpec
from core.validate import require_text
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError


def saved(db: Database, kind: str) -> dict[str, dict[str, str]]:
    return {r["name"]: json.loads(r["mapping_json"]) for r in db.rows("import_mappings_for", kind=kind)}


def save(db: Database, actor: Actor, spec: ImporterSpec, name: str, mapping: dict[str, str]) -> int:
    """Save (or replace) a named mapping for this kind of import."""
    try:
        name = require_text(name, "name", 100)
    except ValueError:
        raise ValidationError({"mapping name": "give the mapping a name."}) from None
    unknown = sorted(set(mapping) - set(spec.fields))
    if unknown:
        raise ValidationError({"mapping": f"unknown field(s) {', '.join(unknown)}."})
    text = json.dumps(mapping, sort_keys=True)
    with db.unit_of_work(actor) as uow:
        for row in uow.execute("import_mappings_for", kind=spec.kind).fetchall():
            if row[2] == name:
                return int(uow.update("import_mappings", row[0], row[1], {"mapping_json": text})["id"])
        return int(uow.insert("import_mappings", {"kind": spec.kind, "name": name, "mapping_json": text})["id"])


def normalised(text: str) -> str:
    """A column or field name with case, spaces and punctuation ignored, as the guesses compare them."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def guess(spec: ImporterSpec, columns: list[str]) -> dict[str, str]:
    """Fields whose name, or name in words, matches a column once case, spaces and punctuation are ignored."""
    by_norm = {normalised(c): c for c in columns}
    found = {f: by_norm.get(normalised(f)) or by_norm.get(normalised(spec.label(f))) for f in spec.fields}
    return {f: column for f, column in found.items() if column}


def fits(mapping: dict[str, str], frame: pd.DataFrame) -> dict[str, str]:
    """The part of a saved mapping whose columns exist in this file."""
    return {f: c for f, c in mapping.items() if c in frame.columns}
