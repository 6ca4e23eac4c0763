"""Cached figures and lists for pages: the results of the domain's read functions keyed on the
gateway's write counter. Pages and components never run a named query themselves
(tests/test_read_layer.py); what they show on every rerun comes through `cached`.

Every committed unit of work bumps `Database.write_count` (queries/unit_of_work.py), so the cache
key changes on every save and a page never shows a figure older than the last write. The
database object itself is not hashed (`_db`); its path and write count are.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

import streamlit as st

from components.cache_keys import BY_CONTENT
from core import metrics
from core.metrics import ALL, Filters
from core.periods import Period
from queries.actor import Actor
from queries.db import Database

CACHEABLE_MODULES = (
    "core.metrics", "core.program_results", "core.businesses", "core.targeting", "core.district_map",
    "core.accounts", "core.users", "core.districts", "core.crime", "core.offense_mapping", "core.district_mapping",
    "core.incident_import", "core.entry.contact_log",
    "core.entry.concerns", "core.entry.events", "core.entry.organizations", "core.entry.programs",
    "core.entry.rosters", "core.surveys.results", "core.surveys.shown", "reports.monthly", "reports.evaluation",
    "reports.submission")


@st.cache_data(show_spinner=False, ttl=3600, max_entries=2000, hash_funcs=BY_CONTENT)
def _call(qualname: str, _db: Database, db_path: str, write_count: int, args: tuple, kwargs: tuple) -> Any:
    module, name = qualname.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(_db, *args, **dict(kwargs))


def cached(function: Callable, db: Database, *args: Any, **kwargs: Any) -> Any:
    """function(db, *args, **kwargs) for a read function of CACHEABLE_MODULES (figures, the assembled
    monthly report and annual evaluation, the lists and pickers pages show), cached until the next
    write through the gateway. The arguments are part of the key (the actor too, so one user's rows
    are never served to another). The result is a copy (st.cache_data pickles it), so callers may
    change it freely."""
    if function.__module__ not in CACHEABLE_MODULES:
        raise ValueError(f"{function.__module__}.{function.__name__} is not a cacheable read")
    return _call(f"{function.__module__}.{function.__name__}", db, str(db.path), db.write_count,
                 args, tuple(sorted(kwargs.items())))


def figures(name: str, db: Database, actor: Actor, period: Period, filters: Filters = ALL) -> Any:
    """metrics.<name>(db, actor, period, filters), cached until the next write."""
    return cached(getattr(metrics, name), db, actor, period, filters)


def worklist(name: str, db: Database, actor: Actor, as_of, filters: Filters = ALL, limit: int = 50,
             **options: Any) -> Any:
    """metrics.overdue_concerns (options: days) / stale_businesses, cached until the next write."""
    if name not in ("overdue_concerns", "stale_businesses"):
        raise ValueError(f"{name} is not a work list")
    return cached(getattr(metrics, name), db, actor, as_of, filters, limit=limit, **options)
