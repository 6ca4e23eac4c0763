"""References and unique keys the gateway checks because the schema cannot.

DuckDB indexes foreign-key and unique columns and cannot change an indexed
column of a row that another table references. Migration 0008 therefore took
the keys off the columns users edit (a program's name and lead officer, an
event's program and district, ...). The unit of work checks what those keys
checked on every insert, update and bulk insert, inside the write transaction
and under the single write lock, so the guarantee is the same: a reference
names a stored row (deleted or not, as a key would), a unique value is unique
over every stored row.

On PostgreSQL the same references and unique values are also foreign keys and unique
constraints in the schema (several processes write at once, each under its own lock): these
checks still run first, so a refusal reads the same on both engines, and the unit of work runs
them again when the database refuses a write that another process made invalid meanwhile.

Table and column names here are fixed literals; values are always bound. The statements are
written once, in SQL both engines accept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from queries.catalog import quote as _q
from queries.errors import ValidationError

if TYPE_CHECKING:
    import pandas as pd

# table -> {column: referenced table (its key is `id`)}
REFERENCES: dict[str, dict[str, str]] = {
    "programs": {"lead_officer_id": "users"},
    "organizations": {"district_id": "districts", "liaison_officer_id": "users"},
    "participants": {"district_id": "districts"},
    "businesses": {"district_id": "districts"},
    "events": {"program_id": "programs", "cohort_id": "course_cohorts", "district_id": "districts"},
    "concern_updates": {"concern_id": "concerns"},
    "district_mappings": {"district_id": "districts"},
    "survey_answers": {"wave_id": "survey_waves", "district_id": "districts"},
    "survey_comments": {"wave_id": "survey_waves"},
    "survey_area_codes": {"district_id": "districts"},
}

# table -> column groups whose values are unique together
UNIQUE: dict[str, list[tuple[str, ...]]] = {
    "programs": [("name",)],
    "course_cohorts": [("program_id", "name")],
    "survey_waves": [("name",)],
    "survey_area_codes": [("lookup", "code")],
}


def _field(column: str) -> str:
    return column.removesuffix("_id").replace("_", " ")


def _noun(table: str) -> str:
    return table.removesuffix("s").replace("_", " ")


def check_row(cur: Any, table: str, values: dict,
              changed: set[str] | None = None, own_id: object = None) -> None:
    """Refuse the row `values` if a reference or unique key among the `changed` columns
    (all of them for a new row) would break; `own_id` is the row's id on an update."""
    changed = set(values) if changed is None else changed
    problems: dict[str, str] = {}
    for column, target in REFERENCES.get(table, {}).items():
        value = values.get(column)
        if column not in changed or value is None:
            continue
        found = cur.execute(f"select count(*) from main.{_q(target)} where id = $v", {"v": value}).fetchone()[0]
        if not found:
            problems[_field(column)] = f"there is no {_noun(target)} with id {value}."
    for columns in UNIQUE.get(table, []):
        if not changed & set(columns) or any(values.get(c) is None for c in columns):
            continue
        where = " and ".join(f"{_q(c)} = $v{i}" for i, c in enumerate(columns))
        params = {f"v{i}": values[c] for i, c in enumerate(columns)}
        if own_id is not None:
            where += " and id <> $own"
            params["own"] = own_id
        if cur.execute(f"select count(*) from main.{_q(table)} where {where}", params).fetchone()[0]:
            named = ", ".join(f"{_field(c)} {values[c]!r}" for c in columns)
            problems[_field(columns[-1])] = f"a {_noun(table)} with {named} already exists."
    if problems:
        raise ValidationError(problems)


def check_frame(cur: Any, table: str, frame_name: str, frame: pd.DataFrame) -> None:
    """The same checks for a registered DataFrame about to be inserted as a whole."""
    problems: dict[str, str] = {}
    for column, target in REFERENCES.get(table, {}).items():
        if column not in frame:
            continue
        missing = [r[0] for r in cur.execute(
            f"select distinct f.{_q(column)} from {_q(frame_name)} f where f.{_q(column)} is not null "
            f"and not exists (select 1 from main.{_q(target)} t where t.id = f.{_q(column)}) "
            f"order by 1 limit 5").fetchall()]
        if missing:
            problems[_field(column)] = (f"there is no {_noun(target)} with id "
                                        f"{', '.join(map(str, missing))}.")
    for columns in UNIQUE.get(table, []):
        if not all(c in frame for c in columns):
            continue
        cols = ", ".join(_q(c) for c in columns)
        present = " and ".join(f"{_q(c)} is not null" for c in columns)   # a null is never a duplicate
        clash = cur.execute(
            f"select {cols} from (select {cols} from {_q(frame_name)} union all "
            f"select {cols} from main.{_q(table)}) as both_rows where {present} "
            f"group by {cols} having count(*) > 1 limit 1").fetchall()
        if clash:
            named = ", ".join(f"{_field(c)} {v!r}" for c, v in zip(columns, clash[0]))
            problems[_field(columns[-1])] = f"a {_noun(table)} with {named} already exists."
    if problems:
        raise ValidationError(problems)
