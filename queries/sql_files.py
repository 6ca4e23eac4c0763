"""Named queries: one `.sql` file per query under queries/sql/, loaded by name."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"
_NAME = re.compile(r"^[a-z0-9_]+$")


@lru_cache(maxsize=None)
def load_sql(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"Query names are lowercase words: {name!r}")
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
