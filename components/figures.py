"""Cached figures and lists for pages: core results and named queries keyed on the gateway's write
counter.

Every committed unit of work bumps `Database.write_count` (queries/unit_of_work.py), so the cache
key changes on every save and a page never shows a figure older than the last write. The
database object itself is not hashed (`_db`); its path and write count are.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

import pandas as pd
import streamlit as st

from core import metrics
from core.metrics import ALL, Filters
from core.periods import Period
from queries.actor import Actor
from queries.db import Database

CACHEABLE_MODULES = ("core.metrics", "core.program_results", "core.businesses", "core.targeting",
                     "core.accounts", "core.districts", "core.crime", "core.users", "core.offense_mapping", "core.district_mapping",
                     "core.entry.concerns", "core.entry.events", "core.entry.organizations", "core.entry.programs",
                     "core.entry.rosters", "reports.monthly", "reports.evaluation")


@st.cache_data(show_spinner=False, ttl=3600, max_entries=2000)
def _call(qualname: str, _db: Database, db_path: str, write_count: int, args: tuple, kwargs: tuple) -> Any:
    module, name = qualname.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(_db, *args, **dict(kwargs))


def cached(function: Callable, db: Database, *args: Any, **kwargs: Any) -> Any:
    """function(db, *args, **kwargs) for a read function of CACHEABLE_MODULES (figures, the assembled
    monthly report and annual evaluation, business lists), cached until the next write through the
    gateway. The result is a copy (st.cache_data pickles it), so callers may change it freely."""
    if function.__module__ not in CACHEABLE_MODULES:
        raise ValueError(f"{function.__module__}.{function.__name__} is not a cacheable read")
    return _call(f"{function.__module__}.{function.__name__}", db, str(db.path), db.write_count,
                 args, tuple(sorted(kwargs.items())))


@st.cache_data(show_spinner=False, ttl=3600, max_entries=500)
def _query(name: str, shape: str, _db: Database, db_path: str, write_count: int, params: tuple) -> Any:
    return _db.df(name, **dict(params)) if shape == "df" else _db.rows(name, **dict(params))


def read_df(db: Database, name: str, **params: Any) -> pd.DataFrame:
    """db.df(name, **params) for a list a page shows on every rerun, cached until the next write
    through the gateway (the same key as `cached`). Scope parameters (`**read_scope(actor)`) are
    part of the key, so one user's rows are never served to another. A copy: change it freely."""
    return _query(name, "df", db, str(db.path), db.write_count, tuple(sorted(params.items())))


def read_rows(db: Database, name: str, **params: Any) -> list[dict]:
    """db.rows(name, **params) (picker choices), cached like `read_df`."""
    return _query(name, "rows", db, str(db.path), db.write_count, tuple(sorted(params.items())))


def read_one(db: Database, name: str, **params: Any) -> dict | None:
    """db.one(name, **params), cached like `read_df`."""
    found = read_rows(db, name, **params)
    return found[0] if found else None


def figures(name: str, db: Database, actor: Actor, period: Period, filters: Filters = ALL) -> Any:
    """metrics.<name>(db, actor, period, filters), cached until the next write."""
    return cached(getattr(metrics, name), db, actor, period, filters)


def worklist(name: str, db: Database, actor: Actor, as_of, filters: Filters = ALL, limit: int = 50,
             **options: Any) -> Any:
    """metrics.overdue_concerns (options: days) / stale_businesses, cached until the next write."""
    if name not in ("overdue_concerns", "stale_businesses"):
        raise ValueError(f"{name} is not a work list")
    return cached(getattr(metrics, name), db, actor, as_of, filters, limit=limit, **options)
