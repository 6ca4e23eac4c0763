"""Each import as an Importer of the one shape (core/importing/shape.py), over the module that
does its work: the entry kinds (core/importing/pipeline.py), businesses (core/business_import.py),
incidents (core/incident_import.py), district boundaries and their population (core/district_import.py),
offense mappings (core/offense_mapping.py) and district mappings (core/district_mapping.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from core import business_import, district_import, district_mapping, incident_import, offense_mapping
from core.importing import mappings, pipeline
from core.importing.mappings import normalised
from core.importing.shape import PROBLEM_COLUMNS, Option, Outcome, Progress, Refused, Upload, with_rows
from core.importing.spec import ImporterSpec
from core.tabular import FileRefused, apply_mapping
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError


def _problems(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def _named_like(fields: tuple[str, ...], columns: list[str]) -> dict[str, str]:
    by_norm = {normalised(c): c for c in columns}
    return {f: by_norm[normalised(f)] for f in fields if normalised(f) in by_norm}


class _Base:
    options: tuple[Option, ...] = ()
    suffixes: tuple[str, ...] = ("csv", "xlsx")
    fills_unmapped = False

    def describe(self, field: str) -> str:
        return field + (" (required)" if field in self.required else "")

    def columns(self, upload: Upload) -> list[str]:
        return upload.columns()

    def guess(self, columns: list[str]) -> dict[str, str]:
        return _named_like(self.fields, columns)

    def saved(self, db: Database) -> dict[str, dict[str, str]]:
        return {}


# -- programs, events, participants, organizations, concerns ---------------------------------------

@dataclass(frozen=True)
class EntryImporter(_Base):
    """An entry kind: each row written by the same core/entry function as its form (pipeline.py)."""
    spec: ImporterSpec
    fills_unmapped = True

    kind = property(lambda self: self.spec.kind)
    title = property(lambda self: self.spec.title)
    table = property(lambda self: self.spec.table)
    fields = property(lambda self: self.spec.fields)
    required = property(lambda self: self.spec.required)

    def describe(self, field: str) -> str:
        return self.spec.describe(field)

    def guess(self, columns: list[str]) -> dict[str, str]:
        return mappings.guess(self.spec, columns)

    def saved(self, db: Database) -> dict[str, dict[str, str]]:
        return mappings.saved(db, self.spec.kind)

    def _mapped(self, upload: Upload, mapping: dict[str, str]) -> pd.DataFrame:
        return apply_mapping(upload.frame(), mapping, set(self.spec.required), set(self.spec.fields))

    @staticmethod
    def _rows(progress: Progress | None, text: str):
        if progress is None:
            return None
        return lambda done, total: progress(done / max(total, 1), f"{text} {done:,} of {total:,} rows")

    @staticmethod
    def _repeats(repeated: int) -> str:
        return f" {repeated} rows repeated an earlier row exactly; kept once." if repeated else ""

    def check(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str],
              progress: Progress | None = None) -> Outcome:
        mapped = self._mapped(upload, mapping)
        checked = pipeline.check(db, actor, self.spec, mapped, mapping, progress=self._rows(progress, "Checking"))
        heading = (f"All {len(mapped)} rows of {upload.filename} are fine; nothing written."
                   if checked.ok else f"{len(checked.problems)} problem(s) in {upload.filename}; nothing written.")
        return Outcome(False, heading + self._repeats(checked.repeated), problems=checked.problems,
                       counts={"rows": len(mapped), "repeated": checked.repeated}, preview=mapped, detail=checked,
                       refused=not checked.ok)

    def write(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str],
              progress: Progress | None = None) -> Outcome:
        mapped = self._mapped(upload, mapping)
        repeated = pipeline.repeated_rows(mapped, self.spec)
        count = pipeline.write(db, actor, self.spec, mapped, mapping, detail=upload.filename,
                               progress=self._rows(progress, "Importing"))
        return Outcome(True, f"Imported {count} {self.spec.title.lower()} from {upload.filename}."
                       + self._repeats(repeated), counts={"rows": count, "repeated": repeated}, preview=mapped)


# -- businesses -----------------------------------------------------------------------------------

class BusinessImporter(_Base):
    kind, title, table = "businesses", "Businesses", "businesses"
    fields = business_import.ORDER
    required = frozenset(business_import.REQUIRED)
    options = (Option("crs", "the coordinate system of the x/y columns when they are projected, e.g. EPSG:2263 "
                             "(New York State Plane, feet) or EPSG:26985 (Maryland State Plane, metres); "
                             "without it projected x/y are refused", metavar="EPSG:CODE"),)

    def guess(self, columns: list[str]) -> dict[str, str]:
        return business_import.guess_mapping(columns)

    def _mapped(self, upload: Upload, mapping: dict[str, str]) -> pd.DataFrame:
        return business_import.with_column_names(
            apply_mapping(upload.frame(), mapping, business_import.REQUIRED, business_import.FIELDS), mapping)

    @staticmethod
    def _outcome(plan, mapping: dict[str, str], written: bool) -> Outcome:
        """Refused rows are problems; the others are still written (a file is refused only when no
        row can be kept)."""
        lines = [plan.coordinates_sentence()]
        lines += [f"flagged  {count:>6,}  {reason}" for reason, count in plan.flags.most_common()]
        lines += [f"refused  {count:>6,}  {reason}" for reason, count in plan.refusals.most_common()]
        refused = plan.rows[plan.rows["outcome"] == "refused"] if len(plan.rows) else plan.rows
        problems = _problems([{"row": int(r["line"]), "column": mapping.get(str(r["note"]).split(" ")[0], ""),
                               "reason": r["note"]} for r in refused.to_dict("records")])
        heading = ("Imported: " if written else "Would import (nothing written): ") + plan.sentence()
        return Outcome(written, heading, lines, problems=problems, counts=plan.summary, preview=plan.rows,
                       detail=plan, refused=bool(len(plan.rows)) and plan.count("refused") == len(plan.rows))

    def check(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str],
              crs: str | None = None, progress: Progress | None = None) -> Outcome:
        plan = business_import.plan_import(db, self._mapped(upload, mapping), progress=progress, crs=crs)
        return self._outcome(plan, mapping, False)

    def write(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str],
              crs: str | None = None, progress: Progress | None = None) -> Outcome:
        mapped = self._mapped(upload, mapping)
        planned = self._outcome(business_import.plan_import(db, mapped, crs=crs, progress=progress), mapping, False)
        if planned.refused:                   # no row can be kept
            raise Refused(planned.problems)
        return self._outcome(business_import.run_import(db, actor, mapped, upload.filename, progress=progress,
                                                        crs=crs, plan=planned.detail), mapping, True)


# -- incidents ------------------------------------------------------------------------------------

class IncidentImporter(_Base):
    kind, title, table = "incidents", "Crime incidents", "incidents"
    fields = incident_import.FIELDS
    required = frozenset(incident_import.REQUIRED)
    options = (
        Option("district_map", "CSV/XLSX with the columns district_text,district_code: district texts of the export "
                               "that name no district, mapped to one once and for all (saved before this import "
                               "uses them; nothing is saved when the import is refused)", kind="file", metavar="FILE"),
        Option("crs", "the coordinate system of the columns mapped as x and y when they are projected, "
                      "e.g. EPSG:2263 (New York State Plane, feet) or EPSG:26985 (Maryland State Plane, "
                      "metres); without it projected coordinates refuse the file", metavar="EPSG:CODE"),
        Option("offsets_are_local", "the file's UTC offsets are wrong (such as +00 written on local times; a sign: an "
                                    "hour column that matches the written hour): read every time as the department's "
                                    "wall-clock time as written. Without it a time with an offset is converted to the "
                                    "department's time zone", kind="flag", default=False),
    )

    def columns(self, upload: Upload) -> list[str]:
        with upload.on_disk() as path:          # DuckDB reads the header of a CSV file from disk
            return incident_import.file_columns(path, upload.filename, upload.limits)

    def guess(self, columns: list[str]) -> dict[str, str]:
        return incident_import.default_mapping(columns)

    def _run(self, db, actor, upload: Upload, mapping, district_map, crs, offsets_are_local, progress, dry_run):
        if isinstance(district_map, Upload):
            district_map = district_mapping.mapping_from_frame(district_map.frame())
        elif district_map is not None and not isinstance(district_map, dict):
            district_map = district_mapping.read_mapping_file(district_map)
        try:
            with upload.on_disk() as path:
                summary = incident_import.import_incidents(
                    db, actor, path, mapping, filename=upload.filename, progress=progress, limits=upload.limits,
                    district_map=district_map, crs=crs, offsets_are_local=offsets_are_local, dry_run=dry_run)
        except FileRefused as error:
            rows = getattr(error, "rows", None)
            if rows and isinstance(rows[0], dict) and "line" in rows[0]:
                with_rows(error, self._rows(rows, mapping))
            raise
        problems = _problems(self._rows(summary.problems, mapping))
        heading = (f"Imported incidents from {summary.filename}:" if not dry_run
                   else f"Would import incidents from {summary.filename} (nothing written):")
        lines = summary.lines()
        return Outcome(not dry_run, heading, lines, warnings=summary.warnings, problems=problems,
                       counts={k: getattr(summary, k) for k in ("rows_read", "imported", "added", "updated")},
                       detail=summary)

    @staticmethod
    def _rows(problems: list[dict], mapping: dict[str, str]) -> list[dict]:
        return [{"row": p["line"], "column": mapping.get(p["field"], p["field"]),
                 "reason": p["problem"] + (f" ('{p['value']}')" if p.get("value") else "")} for p in problems]

    def check(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str], district_map=None,
              crs: str | None = None, offsets_are_local: bool = False, progress: Progress | None = None) -> Outcome:
        return self._run(db, actor, upload, mapping, district_map, crs, offsets_are_local, progress, True)

    def write(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str], district_map=None,
              crs: str | None = None, offsets_are_local: bool = False, progress: Progress | None = None) -> Outcome:
        return self._run(db, actor, upload, mapping, district_map, crs, offsets_are_local, progress, False)


# -- district boundaries (with their population) -------------------------------------------------

class DistrictImporter(_Base):
    kind, title, table = "districts", "District boundaries", "districts"
    fields = ("code", "name", "parent")
    required = frozenset({"code"})
    suffixes = ("geojson", "json")
    options = (
        Option("id_field", "property holding the district code (the same as --map code=PROP)", metavar="PROP"),
        Option("name_field", "property holding the name (default: the code)", metavar="PROP"),
        Option("parent_field", "property holding the parent district's code (for sectors or beats)",
               metavar="PROP"),
        Option("child_kind", "what a feature with a parent is (default: beat)", kind="choice",
               choices=district_import.KINDS[1:], default="beat"),
        Option("population_csv", "CSV with columns code,population", kind="file", metavar="FILE"),
    )

    def columns(self, upload: Upload) -> list[str]:
        return district_import.feature_properties(upload.read(), upload.filename)

    def guess(self, columns: list[str]) -> dict[str, str]:
        return {}                    # the administrator names the properties

    def _run(self, db, actor, upload: Upload, mapping, id_field, name_field, parent_field, child_kind,
             population_csv, dry_run) -> Outcome:
        code = mapping["code"] if "code" in mapping else id_field
        if code is None:
            raise FileRefused("Name the property that holds the district code (--map code=PROP).")
        population = None
        if population_csv is not None:
            population_csv = population_csv if isinstance(population_csv, Upload) else Upload.of_path(population_csv)
            population = district_import.parse_population_csv(population_csv.read(), population_csv.filename)
        try:
            summary = district_import.import_districts(
                db, actor, upload.read(), id_field=code, name_field=mapping.get("name") or name_field,
                parent_field=mapping.get("parent") or parent_field, child_kind=child_kind or "beat",
                population=population, source=upload.filename, dry_run=dry_run)
        except district_import.DistrictFileRefused as error:
            found = re.match(r"Feature (\d+) ", str(error))
            if found:
                with_rows(error, [{"row": int(found.group(1)), "column": code, "reason": str(error)}])
            raise
        heading = (f"Imported districts from {upload.filename}:" if not dry_run
                   else f"Would import districts from {upload.filename} (nothing written):")
        return Outcome(not dry_run, heading, summary.lines(),
                       counts={"added": len(summary.added), "replaced": len(summary.replaced),
                               "kept_absent": len(summary.kept_absent), "population_set": summary.population_set},
                       detail=summary)

    def check(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str], id_field=None,
              name_field=None, parent_field=None, child_kind="beat", population_csv=None,
              progress: Progress | None = None) -> Outcome:
        return self._run(db, actor, upload, mapping, id_field, name_field, parent_field, child_kind,
                         population_csv, True)

    def write(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str], id_field=None,
              name_field=None, parent_field=None, child_kind="beat", population_csv=None,
              progress: Progress | None = None) -> Outcome:
        return self._run(db, actor, upload, mapping, id_field, name_field, parent_field, child_kind,
                         population_csv, False)


# -- offense mappings and district mappings -------------------------------------------------------

class _PairImporter(_Base):
    """A file of (text, code) pairs saved to a mapping table; each row checked on its own first."""
    fields: tuple[str, str]

    def _pairs(self, upload: Upload, mapping: dict[str, str]) -> list[tuple[int, str, str]]:
        mapped = apply_mapping(upload.frame(), mapping, set(self.required), set(self.fields))
        return [(number, str(text), str(code).strip())
                for number, (text, code) in enumerate(mapped[list(self.fields)].itertuples(index=False), start=2)
                if text is not None and code is not None]

    def _checked(self, db: Database, upload: Upload, mapping: dict[str, str]) -> tuple[dict, pd.DataFrame]:
        pairs, problems = {}, []
        for number, text, code in self._pairs(upload, mapping):
            try:
                self.check_pair(db, text, code)
                pairs[text] = code
            except ValidationError as error:
                problems += [{"row": number, "column": mapping.get(name, name), "reason": reason}
                             for name, reason in error.problems.items()]
        return pairs, _problems(problems)

    def check(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str],
              progress: Progress | None = None) -> Outcome:
        pairs, problems = self._checked(db, upload, mapping)
        heading = (f"All {len(pairs)} rows of {upload.filename} are fine; nothing written." if problems.empty
                   else f"{len(problems)} problem(s) in {upload.filename}; nothing written.")
        return Outcome(False, heading, problems=problems, counts={"rows": len(pairs) + len(problems)},
                       refused=not problems.empty)

    def write(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str],
              progress: Progress | None = None) -> Outcome:
        pairs, problems = self._checked(db, upload, mapping)
        if not problems.empty:
            raise Refused(problems)
        counts = self.save(db, actor, pairs, upload.filename)
        return Outcome(True, self.sentence(upload.filename, counts), counts=counts)


class OffenseMappingImporter(_PairImporter):
    kind, title, table = "offense-mappings", "Offense mappings", "offense_mappings"
    fields = ("offense_description", "crime_type_code")
    required = frozenset(fields)

    def check_pair(self, db: Database, text: str, code: str) -> None:
        offense_mapping.check_mappings(db, {text: code})

    def save(self, db: Database, actor: Actor, pairs: dict[str, str], filename: str) -> dict[str, int]:
        return offense_mapping.save_mappings(db, actor, pairs, source=filename)

    @staticmethod
    def sentence(filename: str, counts: dict[str, int]) -> str:
        return (f"Offense mapping from {filename}: {counts['added']} added, {counts['changed']} changed; "
                f"crime type re-derived for {counts['incidents_retyped']:,} stored incidents.")


class DistrictMappingImporter(_PairImporter):
    kind, title, table = "district-mappings", "District mappings", "district_mappings"
    fields = ("district_text", "district_code")
    required = frozenset(fields)

    def check_pair(self, db: Database, text: str, code: str) -> None:
        district_mapping.check_mapping(db, {text: code})

    def save(self, db: Database, actor: Actor, pairs: dict[str, str], filename: str) -> dict[str, int]:
        return district_mapping.save_mappings(db, actor, pairs, source=filename)

    @staticmethod
    def sentence(filename: str, counts: dict[str, int]) -> str:
        return (f"District mapping from {filename}: {counts['added']} added, {counts['changed']} changed; "
                f"{counts['incidents_moved']:,} stored incidents moved to the mapped district.")


__all__ = ["EntryImporter", "BusinessImporter", "IncidentImporter", "DistrictImporter", "OffenseMappingImporter",
           "DistrictMappingImporter"]
