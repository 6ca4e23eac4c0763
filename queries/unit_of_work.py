"""A unit of work: the writes of one user action, all or nothing, audited.

Every method checks the actor's permission (queries/access.py) against the
row before and after, writes the change, and writes one audit row for each
changed record in the same transaction. An update or delete names the
version it read; if that is no longer current nothing is changed and
ConflictError carries the current values. A refusal rolls back everything
and then records a `denied` audit row in a transaction of its own, so the
refusal is on record even though nothing else is.

The code is the same on DuckDB and PostgreSQL: statements are built here from catalog
identifiers with `$name` placeholders (a PostgreSQL cursor translates them, queries/cursor.py),
and the few steps that differ are the database object's (`run`, `writing`,
`constraint_guard`, `staged`, `next_data_version`, `saved`: queries/db.py, queries/postgresql_db.py).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterator

from queries import access, references
from queries.actor import Actor
from queries.catalog import Table, quote as _q   # identifiers come from the catalog only
from queries.errors import ConflictError, NotFound, PermissionDenied

if TYPE_CHECKING:
    import pandas as pd

    from queries.db import AnyDatabase, Cursor

_REDACTED = {"password_hash"}


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _json(row: dict | None) -> str | None:
    if row is None:
        return None
    clean = {k: ("[redacted]" if k in _REDACTED else v) for k, v in row.items()}
    return json.dumps(clean, default=_json_default, sort_keys=True)


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)




class UnitOfWork:
    def __init__(self, db: AnyDatabase, cur: Cursor, actor: Actor):
        self.db = db
        self.cur = cur
        self.actor = actor
        self.now = utc_now()
        self.audit_count = 0

    # -- helpers -------------------------------------------------------------

    def _table(self, name: str) -> Table:
        return self.db.catalog.table(name)

    def _key(self, table: Table, key: Any) -> dict:
        if isinstance(key, dict):
            if set(key) != set(table.key):
                raise ValueError(f"{table.name} is keyed by {table.key}, not {sorted(key)}")
            return key
        if len(table.key) != 1:
            raise ValueError(f"{table.name} has a composite key {table.key}")
        return {table.key[0]: key}

    @staticmethod
    def _record_id(key: dict) -> str:
        if len(key) == 1:
            return str(next(iter(key.values())))
        return json.dumps(key, default=_json_default, sort_keys=True)

    def _where(self, key: dict) -> tuple[str, dict]:
        clauses = [f"{_q(col)} = $k_{col}" for col in key]
        return " and ".join(clauses), {f"k_{col}": val for col, val in key.items()}

    def _fetch(self, table: Table, key: dict) -> dict | None:
        where, params = self._where(key)
        result = self.cur.execute(f"select * from main.{_q(table.name)} where {where}", params)
        row = result.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in result.description], row))

    def row(self, table: str, key: Any) -> dict | None:
        """The current stored row, deleted or not, read inside this transaction."""
        t = self._table(table)
        return self._fetch(t, self._key(t, key))

    def _authorize(self, action: str, table: str, before: dict | None, after: dict | None) -> None:
        access.authorize_write(self.cur, self.actor, action, table, before, after)

    # -- audit ---------------------------------------------------------------

    def audit(self, action: str, table: str | None = None, record_id: Any = None,
              before: dict | None = None, after: dict | None = None, detail: str | None = None,
              way_in: str | None = None) -> None:
        """`way_in`: how a sign-in, sign-out or refused sign-in came ('password' or 'provider')."""
        self.db.run(
            self.cur, "audit_insert",
            {
                "at_utc": self.now, "username": self.actor.username, "role": self.actor.role,
                "action": action, "table_name": table,
                "record_id": None if record_id is None else str(record_id),
                "before": _json(before), "after": _json(after), "detail": detail, "way_in": way_in,
            },
        )
        self.audit_count += 1

    # -- writes --------------------------------------------------------------

    def insert(self, table: str, values: dict) -> dict:
        t = self._table(table)
        values = dict(values)
        if "created_by" in t.columns:
            values.setdefault("created_by", self.actor.username)
            values.setdefault("created_at", self.now)
        self.db.catalog.check_columns(t, values)
        self._authorize("create", table, None, values)
        references.check_row(self.cur, t.name, values)
        cols = list(values)
        sql = (
            f"insert into main.{_q(t.name)} ({', '.join(_q(c) for c in cols)}) "
            f"values ({', '.join(f'$v{i}' for i in range(len(cols)))}) returning *"
        )
        params = {f"v{i}": values[c] for i, c in enumerate(cols)}
        with self.db.constraint_guard(self.cur, lambda: references.check_row(self.cur, t.name, values)):
            result = self.cur.execute(sql, params)
        after = dict(zip([d[0] for d in result.description], result.fetchone()))
        key = {col: after[col] for col in t.key}
        self.audit("create", table, self._record_id(key), None, after)
        return after

    def update(self, table: str, key: Any, version: int, changes: dict) -> dict:
        t = self._table(table)
        key = self._key(t, key)
        self.db.catalog.check_columns(t, changes)
        before = self._fetch(t, key)
        if before is None or before.get("deleted_at") is not None:
            raise NotFound(table, self._record_id(key))
        if t.versioned and before["version"] != version:
            raise ConflictError(table, self._record_id(key), before)
        proposed = {**before, **changes}
        self._authorize("update", table, before, proposed)
        changes = {k: v for k, v in changes.items() if before.get(k) != v}
        if not changes:
            return before
        references.check_row(self.cur, t.name, proposed, set(changes), own_id=before.get("id"))
        self._set(t, key, version, changes, recheck=lambda: references.check_row(
            self.cur, t.name, proposed, set(changes), own_id=before.get("id")))
        after = self._fetch(t, key)
        self.audit("update", table, self._record_id(key), before, after)
        return after

    def delete(self, table: str, key: Any, version: int) -> dict:
        """Soft delete: the row stays, stamped, and disappears from `live.*`."""
        return self._set_deleted(table, key, version, deleted=True)

    def restore(self, table: str, key: Any, version: int) -> dict:
        return self._set_deleted(table, key, version, deleted=False)

    def _set_deleted(self, table: str, key: Any, version: int, deleted: bool) -> dict:
        t = self._table(table)
        if not t.soft_deletes:
            raise ValueError(f"{table} has no soft delete; use unlink for link rows")
        key = self._key(t, key)
        before = self._fetch(t, key)
        if before is None or (before["deleted_at"] is not None) == deleted:
            raise NotFound(table, self._record_id(key))
        if before["version"] != version:
            raise ConflictError(table, self._record_id(key), before)
        action = "delete" if deleted else "restore"
        self._authorize(action, table, before, before)
        stamp = {"deleted_at": self.now if deleted else None,
                 "deleted_by": self.actor.username if deleted else None}
        self._set(t, key, version, stamp)
        after = self._fetch(t, key)
        self.audit(action, table, self._record_id(key), before, after)
        return after

    def _set(self, t: Table, key: dict, version: int, changes: dict,
             recheck: Callable[[], None] | None = None) -> None:
        changes = dict(changes)
        if t.versioned:
            changes["updated_by"] = self.actor.username
            changes["updated_at"] = self.now
        assignments = [f"{_q(c)} = $s{i}" for i, c in enumerate(changes)]
        params = {f"s{i}": v for i, v in enumerate(changes.values())}
        where, key_params = self._where(key)
        params.update(key_params)
        if t.versioned:
            assignments.append('"version" = "version" + 1')
            where += " and version = $version"
            params["version"] = version
        # no RETURNING: DuckDB refuses RETURNING updates on rows a foreign key references
        with self.db.constraint_guard(self.cur, recheck):
            count = self.cur.execute(
                f"update main.{_q(t.name)} set {', '.join(assignments)} where {where}", params
            ).fetchone()[0]
        if count != 1:
            raise ConflictError(t.name, self._record_id(key), self._fetch(t, key))

    def link(self, table: str, values: dict) -> dict:
        """Insert a row of a link table (no version, no soft delete)."""
        return self.insert(table, values)

    def unlink(self, table: str, key: dict) -> None:
        t = self._table(table)
        if t.soft_deletes:
            raise ValueError(f"{table} is soft-deleted; use delete")
        key = self._key(t, key)
        before = self._fetch(t, key)
        if before is None:
            return
        self._authorize("delete", table, before, None)
        where, params = self._where(key)
        self.cur.execute(f"delete from main.{_q(t.name)} where {where}", params)
        self.audit("delete", table, self._record_id(key), before, None)

    def replace_links(self, table: str, parent: dict, rows: list[dict]) -> None:
        """Make the link rows under `parent` exactly `rows`, auditing only what changed."""
        t = self._table(table)
        where, params = self._where(parent)
        result = self.cur.execute(f"select * from main.{_q(t.name)} where {where}", params)
        cols = [d[0] for d in result.description]
        existing = {tuple(r[cols.index(c)] for c in t.key): dict(zip(cols, r)) for r in result.fetchall()}
        wanted = {}
        for row in rows:
            full = {**row, **parent}
            wanted[tuple(full[c] for c in t.key)] = full
        for k, old in existing.items():
            if k not in wanted:
                self.unlink(table, dict(zip(t.key, k)))
            elif any(old.get(c) != v for c, v in wanted[k].items()):
                self.unlink(table, dict(zip(t.key, k)))
                self.insert(table, wanted[k])
        for k, new in wanted.items():
            if k not in existing:
                self.insert(table, new)

    def bulk_insert(self, table: str, frame: pd.DataFrame, detail: str | None = None) -> int:
        """Insert a whole DataFrame in one statement (imports, demo data).

        One `import` audit row records the table, the row count and `detail`,
        instead of one row per record: an import of a million incidents is one act.
        """
        t = self._table(table)
        frame = frame.copy()
        if "created_by" in t.columns:
            if "created_by" not in frame:
                frame["created_by"] = self.actor.username
            if "created_at" not in frame:
                frame["created_at"] = self.now
        self.db.catalog.check_columns(t, frame.columns)
        access.authorize_import(self.actor, table)
        cols = ", ".join(_q(c) for c in frame.columns)
        # DuckDB reads the frame where it is; PostgreSQL gets it by COPY into a temporary table
        with self.db.staged(self.cur, t, frame) as staged:
            references.check_frame(self.cur, t.name, staged, frame)
            self.cur.execute(f"insert into main.{_q(t.name)} ({cols}) select {cols} from {_q(staged)}")
        self.audit("import", table, None, None, None,
                   json.dumps({"rows": len(frame), "detail": detail}))
        return len(frame)

    def execute(self, name: str, **params: Any) -> Cursor:
        """Run a named write query (bulk imports); the caller authorizes and audits it."""
        return self.db.run(self.cur, name, params)


@contextmanager
def run_unit_of_work(db: AnyDatabase, actor: Actor, figures: bool = True) -> Iterator[UnitOfWork]:
    with db.writing():
        cur = db.cursor()
        try:
            cur.execute("begin transaction")
            uow = UnitOfWork(db, cur, actor)
            try:
                yield uow
                # the cache key of every cached figure (Database.write_count), counted in the
                # transaction on PostgreSQL so that every process sees it with the data
                version = db.next_data_version(cur) if figures else None
                cur.execute("commit")
                if version is not None:
                    db.saved(version)
            except BaseException as error:
                cur.execute("rollback")
                if isinstance(error, PermissionDenied):
                    _record_denial(db, cur, actor, error)
                raise
        finally:
            cur.close()


def _record_denial(db: AnyDatabase, cur: Cursor, actor: Actor, error: PermissionDenied) -> None:
    """The denied audit row, in a transaction of its own on the rolled-back unit's cursor (a
    second cursor would be a second pooled connection on PostgreSQL, held while waiting)."""
    cur.execute("begin transaction")
    try:
        uow = UnitOfWork(db, cur, actor)
        uow.audit("denied", getattr(error, "table", None), getattr(error, "record_id", None),
                  detail=str(error))
        cur.execute("commit")
    except BaseException:
        cur.execute("rollback")
        raise
