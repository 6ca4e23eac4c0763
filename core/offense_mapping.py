"""The saved mapping from the records system's offense descriptions to the department's crime types.

Keys are the description upper-cased and trimmed (the importer matches the same
way). Saving changes re-derives the crime type of every stored incident in the
same unit of work, so the figures follow the mapping at once.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.tabular import FileRefused, read_path
from queries.access import authorize_import
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError


def normalise(description: str) -> str:
    return " ".join(str(description).split()).upper()


def check_mappings(db: Database, mapping: dict[str, str]) -> dict[str, str]:
    """{description: crime_type_code} -> {key: code}; refuses blank descriptions and unknown codes."""
    known = {row["code"] for row in db.rows("crime_types_list")}
    clean: dict[str, str] = {}
    for description, code in mapping.items():
        key = normalise(description or "")
        if not key:
            raise ValidationError({"offense_description": "An offense description cannot be blank."})
        if code not in known:
            raise ValidationError({"crime_type_code": f"'{code}' is not one of the department's crime types "
                                                      f"({', '.join(sorted(known))})."})
        clean[key] = code
    return clean


def save_mappings(db: Database, actor: Actor, mapping: dict[str, str], source: str | None = None
                  ) -> dict[str, int]:
    """Insert or change mappings {description: crime_type_code}; returns counts. `source`: the file
    they come from (an import, audited as one)."""
    clean = check_mappings(db, mapping)
    authorize_import(actor, "incidents")
    added = changed = 0
    with db.unit_of_work(actor) as uow:
        for key, code in clean.items():
            row = uow.row("offense_mappings", key)      # deleted or not
            if row is None:
                uow.insert("offense_mappings", {"offense_description": key, "crime_type_code": code})
                added += 1
                continue
            if row["deleted_at"] is not None:
                row = uow.restore("offense_mappings", key, row["version"])
            if row["crime_type_code"] != code:
                uow.update("offense_mappings", key, row["version"], {"crime_type_code": code})
                changed += 1
        retyped = uow.execute("incidents_apply_offense_mappings").fetchone()[0]
        uow.audit("update", "incidents", None, None, None,
                  json.dumps({"crime_types_rederived": retyped, "mappings_added": added,
                              "mappings_changed": changed}))
        if source is not None:
            uow.audit("import", "offense_mappings", None, None, None,
                      json.dumps({"file": source, "rows": len(clean), "added": added, "changed": changed}))
    return {"added": added, "changed": changed, "incidents_retyped": retyped}


def read_mapping_file(path: str | Path) -> dict[str, str]:
    frame = read_path(path)
    columns = {c.lower(): c for c in frame.columns}
    if "offense_description" not in columns or "crime_type_code" not in columns:
        raise FileRefused("The mapping file needs the columns offense_description and crime_type_code.")
    pairs = frame[[columns["offense_description"], columns["crime_type_code"]]].dropna()
    return {str(d): str(c).strip() for d, c in pairs.itertuples(index=False)}


def unmapped_offenses(db: Database):
    """Offense descriptions of stored incidents that map to no crime type, with their incident counts."""
    return db.df("offense_unmapped")


def saved_mappings(db: Database):
    """The saved mapping: offense description, crime type code, incidents."""
    return db.df("offense_mappings_list")
