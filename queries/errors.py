"""Errors the data layer raises, each one a sentence a page can show as it is."""

from __future__ import annotations

import duckdb


class DataError(Exception):
    """Base class: the message is written for the user, not the developer."""


class DatabaseBusy(DataError):
    """Another process holds the database file (DuckDB allows one writer per file)."""


class DatabaseUnreachable(DatabaseBusy):
    """The PostgreSQL server does not answer (server mode); shown where DatabaseBusy is."""


class ConstraintViolation(duckdb.ConstraintException):
    """PostgreSQL refused a write for a key, unique, not-null or check constraint.

    DuckDB raises duckdb.ConstraintException there, and the code above the gateway catches that
    (a deleted district's code imported again, one sign-in token in two tabs at once, an import row
    the checks missed); on PostgreSQL the gateway raises this subclass of it, so the same `except`
    holds on both engines. Not a DataError: as on DuckDB, its text is the database's, not the user's.
    The database's own error is the `__cause__`."""

    def __init__(self, message: str, sqlstate: str | None = None, constraint: str | None = None):
        super().__init__(message)
        self.sqlstate = sqlstate
        self.constraint = constraint


class NotFound(DataError):
    def __init__(self, table: str, key: object):
        super().__init__(f"No {table.rstrip('s')} with id {key} exists (it may have been deleted).")
        self.table = table
        self.key = key


class ConflictError(DataError):
    """An update named a version that is no longer current: someone else saved first."""

    def __init__(self, table: str, key: object, current: dict | None):
        super().__init__(
            "Someone else saved this record after you opened it. "
            "Your changes were not saved; the current values are shown so you can re-apply them."
        )
        self.table = table
        self.key = key
        self.current = current


class PermissionDenied(DataError):
    def __init__(self, message: str = "You do not have permission to do that."):
        super().__init__(message)


class ValidationError(DataError):
    """One or more fields are wrong; `problems` maps a field name to its reason."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in problems.items()))
        self.problems = problems
