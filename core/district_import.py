"""Importing district boundaries from GeoJSON (CLI and the admin page share this).

Re-importing replaces boundaries: an existing district keeps its id and code
(records that reference it stay valid) and gets the new shape, name and
population; a new code becomes a new district; a district that the new file
does not mention is kept untouched and reported. A replaced boundary is written
to `district_boundaries`, which `live.districts` overlays (see migration 0007);
an existing district's code (unique, so DuckDB cannot change it once rows refer
to the district) and parent are never rewritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import duckdb

from core.geo import DistrictShape, GeoError, parse_districts
from core.importing.shape import RolledBack, rolled_back, with_rows
from core.tabular import read_table
from queries.access import authorize_import
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError

KINDS = ("district", "sector", "beat")


class DistrictFileRefused(DataError):
    """The boundary file is refused as a whole; nothing was written."""


@dataclass
class DistrictImportSummary:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept_absent: list[str] = field(default_factory=list)      # in the database, not in the file
    parent_unchanged: list[str] = field(default_factory=list)  # existing districts whose parent differs
    population_set: int = 0
    population_unknown: list[str] = field(default_factory=list)  # codes in the CSV not in the file

    def lines(self) -> list[str]:
        out = [f"{len(self.added)} district(s) added: {', '.join(self.added) or '-'}",
               f"{len(self.replaced)} boundary(ies) replaced: {', '.join(self.replaced) or '-'}"]
        if self.kept_absent:
            out.append(f"{len(self.kept_absent)} district(s) not in this file were kept unchanged: "
                       f"{', '.join(self.kept_absent)}")
        if self.parent_unchanged:
            out.append("Parent kept for existing district(s) (a parent cannot be changed once records refer "
                       f"to a district): {', '.join(self.parent_unchanged)}")
        if self.population_set:
            out.append(f"Population set for {self.population_set} district(s).")
        if self.population_unknown:
            out.append(f"Population rows for codes not in the file were ignored: {', '.join(self.population_unknown)}")
        return out


def parse_population_csv(data: bytes | str, filename: str = "population.csv") -> dict[str, int]:
    """A CSV (or XLSX) file with columns `code` and `population` -> {code: population}, read as every
    import reads a file (core/tabular.py: its encoding and delimiter, its limits)."""
    frame = read_table(data.encode("utf-8") if isinstance(data, str) else data, filename)
    columns = {c.strip().lower(): c for c in frame.columns}
    if "code" not in columns or "population" not in columns:
        raise DistrictFileRefused("The population file needs the columns code and population.")
    out: dict[str, int] = {}
    for number, (code, population) in enumerate(
            frame[[columns["code"], columns["population"]]].itertuples(index=False), start=2):
        code, population = (code or "").strip(), (population or "").strip()
        if not code:
            continue
        try:
            value = int(float(population.replace(",", "")))
        except ValueError:
            raise with_rows(DistrictFileRefused(f"Population file line {number}: '{population}' is not a number."),
                            [{"row": number, "column": columns["population"], "reason": "not a number"}]) from None
        if value < 0:
            raise with_rows(DistrictFileRefused(f"Population file line {number}: population cannot be negative."),
                            [{"row": number, "column": columns["population"], "reason": "cannot be negative"}])
        out[code] = value
    return out


def feature_properties(data: bytes | str, filename: str = "") -> list[str]:
    """The property names of the first 200 features (for the import form); none when the file is not
    GeoJSON (the import itself then says why)."""
    try:
        features = json.loads(data).get("features") or []
        return sorted({k for f in features[:200] if isinstance(f, dict) for k in (f.get("properties") or {})})
    except (ValueError, AttributeError, TypeError, RecursionError):
        return []


def read_shapes(data: bytes | str, id_field: str, name_field: str | None,
                parent_field: str | None = None) -> list[DistrictShape]:
    try:
        return parse_districts(data, id_field, name_field, parent_field)
    except GeoError as error:
        raise DistrictFileRefused(str(error)) from None


def import_districts(db: Database, actor: Actor, data: bytes | str, id_field: str,
                     name_field: str | None = None, parent_field: str | None = None,
                     child_kind: str = "beat", population: dict[str, int] | None = None,
                     source: str = "upload", dry_run: bool = False) -> DistrictImportSummary:
    """Parse, then write every district in one unit of work (all or nothing). `dry_run`: the same
    unit of work rolled back at its end (the check)."""
    if child_kind not in KINDS:
        raise DistrictFileRefused(f"Kind must be one of {', '.join(KINDS)}.")
    authorize_import(actor, "districts")
    shapes = read_shapes(data, id_field, name_field, parent_field)
    population = population or {}
    codes = {s.code for s in shapes}
    existing = {row["code"]: row for row in _existing(db)}
    known = codes | set(existing)
    for shape in shapes:
        if shape.parent_code and shape.parent_code not in known:
            raise DistrictFileRefused(
                f"District {shape.code} names parent '{shape.parent_code}', which is neither in the file "
                "nor an existing district; import the parent districts first.")
        if shape.parent_code == shape.code:
            raise DistrictFileRefused(f"District {shape.code} names itself as its parent.")
    summary = DistrictImportSummary(population_unknown=sorted(set(population) - codes))
    # parents first, so a child can name a parent added by this same file
    ordered = sorted(shapes, key=lambda s: s.parent_code is not None)
    with rolled_back(), db.unit_of_work(actor) as uow:
        ids = {code: row["id"] for code, row in existing.items()}
        for shape in ordered:
            values = {"name": shape.name, "geometry": shape.geojson}
            if shape.code in population:
                values["population"] = population[shape.code]
                summary.population_set += 1
            parent_id = ids.get(shape.parent_code) if shape.parent_code else None
            if shape.code in existing:
                row = existing[shape.code]
                if parent_id != row["parent_id"]:
                    summary.parent_unchanged.append(shape.code)
                _replace_boundary(uow, row["id"], values, source)
                summary.replaced.append(shape.code)
            else:
                values.update(code=shape.code, parent_id=parent_id,
                              kind=child_kind if parent_id else "district")
                ids[shape.code] = _insert_district(uow, values)
                summary.added.append(shape.code)
        summary.kept_absent = sorted(c for c in existing if c not in codes)
        uow.audit("import", "districts", None, None, None, json.dumps({
            "source": source, "added": summary.added, "replaced": summary.replaced,
            "kept_absent": summary.kept_absent}))
        if dry_run:
            raise RolledBack
    return summary


def _replace_boundary(uow, district_id: int, values: dict, source: str) -> None:
    values = {**values, "source": source}
    row = uow.row("district_boundaries", district_id)      # deleted or not
    if row is None:
        uow.insert("district_boundaries", {"district_id": district_id, **values})
        return
    version = row["version"]
    if row["deleted_at"] is not None:
        version = uow.restore("district_boundaries", district_id, version)["version"]
    uow.update("district_boundaries", district_id, version, values)


def _insert_district(uow, values: dict) -> int:
    try:
        return uow.insert("districts", values)["id"]
    except duckdb.ConstraintException:
        # the code belongs to a deleted district (live.districts hides it): refuse, nothing is written
        raise DistrictFileRefused(f"District {values['code']} was deleted; restore it before importing "
                                  "its boundary again.") from None


def _existing(db: Database) -> list[dict]:
    return db.rows("districts_all_for_import")
