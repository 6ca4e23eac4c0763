"""The saved mapping from district texts of incident exports to the department's districts.

For the texts no matching rule reads (core/district_codes.py): saved once, they name their
district in every later import, and the stored incidents stating such a text move to the mapped
district in the same unit of work (the stated district wins over the location).
"""

from __future__ import annotations

import json
from pathlib import Path

from core.district_codes import District, mapping_key, match_district_texts
from core.tabular import FileRefused, read_path
from queries.access import authorize_import
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError


def districts(db: Database) -> list[District]:
    return [District(r["id"], r["code"], r["name"]) for r in db.rows("districts_list")]


def saved_mapping(db: Database) -> dict[str, int]:
    """mapping_key(text) -> district id."""
    return {r["district_text"]: r["district_id"] for r in db.rows("district_mappings_list")}


def check_mapping(db: Database, mapping: dict[str, str]) -> dict[str, int]:
    """{district text: district code} -> {mapping key: district id}; refuses blank texts and unknown codes."""
    ids = {d.code: d.id for d in districts(db)}
    clean: dict[str, int] = {}
    for text, code in mapping.items():
        key = mapping_key(text or "")
        if not key:
            raise ValidationError({"district_text": "A district text cannot be blank."})
        code = str(code or "").strip()
        if code not in ids:
            raise ValidationError({"district_code": f"'{code}' is not a district code "
                                                    f"({', '.join(sorted(ids))})."})
        clean[key] = ids[code]
    return clean


def save_in(uow, clean: dict[str, int]) -> dict[str, int]:
    """Write checked mappings inside an open unit of work; re-place the stored incidents stating them."""
    added = changed = moved = 0
    stored_texts = [r[0] for r in uow.execute("stored_district_texts").fetchall()]
    for key, district_id in clean.items():
        row = uow.row("district_mappings", key)      # deleted or not
        if row is None:
            uow.insert("district_mappings", {"district_text": key, "district_id": district_id})
            added += 1
        else:
            if row["deleted_at"] is not None:
                row = uow.restore("district_mappings", key, row["version"])
            if row["district_id"] != district_id:
                uow.update("district_mappings", key, row["version"], {"district_id": district_id})
                changed += 1
        texts = [t for t in stored_texts if mapping_key(t) == key]
        if texts:
            moved += uow.execute("incidents_apply_district_mapping", source_districts=texts,
                                 district_id=district_id).fetchone()[0]
    if added or changed or moved:
        uow.audit("update", "incidents", None, None, None,
                  json.dumps({"districts_replaced": moved, "district_mappings_added": added,
                              "district_mappings_changed": changed}))
    return {"added": added, "changed": changed, "incidents_moved": moved}


def save_mappings(db: Database, actor: Actor, mapping: dict[str, str], source: str | None = None
                  ) -> dict[str, int]:
    """Insert or change mappings {district text: district code}; returns counts. `source`: the file
    they come from (an import, audited as one)."""
    clean = check_mapping(db, mapping)
    with db.unit_of_work(actor) as uow:
        authorize_import(actor, "incidents")      # a refusal here leaves a denied audit row
        counts = save_in(uow, clean)
        if source is not None:
            uow.audit("import", "district_mappings", None, None, None,
                      json.dumps({"file": source, "rows": len(clean), **counts}))
        return counts


def unmatched_stored(db: Database) -> list[dict]:
    """District texts of stored incidents that name no district, with their incidents, most first."""
    stated = db.rows("stored_district_texts")
    matched = match_district_texts([r["source_district"] for r in stated], districts(db), saved_mapping(db))
    out: dict[str, int] = {}
    for r in stated:
        if r["source_district"] not in matched:
            key = mapping_key(r["source_district"])
            out[key] = out.get(key, 0) + r["incidents"]
    return [{"district_text": t, "incidents": n} for t, n in sorted(out.items(), key=lambda p: (-p[1], p[0]))]


def read_mapping_file(path: str | Path) -> dict[str, str]:
    """A CSV/XLSX with the columns district_text and district_code."""
    return mapping_from_frame(read_path(path))


def mapping_from_frame(frame) -> dict[str, str]:
    """{district text: district code} of a table with the columns district_text and district_code."""
    columns = {c.strip().lower(): c for c in frame.columns}
    if "district_text" not in columns or "district_code" not in columns:
        raise FileRefused("The district mapping file needs the columns district_text and district_code.")
    pairs = frame[[columns["district_text"], columns["district_code"]]].dropna()
    return {str(t): str(c).strip() for t, c in pairs.itertuples(index=False)}


def saved_mappings(db: Database):
    """The saved district mapping as a table: district text, district code and name, incidents."""
    return db.df("district_mappings_list")
