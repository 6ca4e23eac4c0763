"""The glossary at the end of every report, read from the SQL files that define the figures.

Each figure is defined once, in the header comment of its `queries/sql/*.sql`
file; the glossary quotes that comment (without the params/columns lines), so
the printed definition cannot drift from the query that computes the figure.
"""

from __future__ import annotations

import re

from queries.sql_files import load_sql

_SKIP = re.compile(r"^(params|columns)\s*:", re.IGNORECASE)


def definition(query: str) -> str:
    """The prose of a query's header comment: what the figure is and how it is counted."""
    lines: list[str] = []
    skipping = False
    for line in load_sql(query).splitlines():
        if not line.startswith("--"):
            break
        text = line[2:].strip()
        if _SKIP.match(text):
            skipping = True
            continue
        if skipping and (line.startswith("--  ") or line.startswith("--\t")) and text:
            continue  # continuation of a params/columns line
        skipping = False
        if text:
            lines.append(text)
    if lines:
        lines[0] = re.sub(rf"^{re.escape(query)}\s*:\s*", "", lines[0])
        lines[0] = lines[0][:1].upper() + lines[0][1:]
    return " ".join(lines)


def glossary(entries: list[tuple[str, str]]) -> list[dict]:
    """[(figure label, query name)] -> [{term, definition, source}] with one row per figure."""
    return [{"term": label, "definition": definition(query), "source": f"queries/sql/{query}.sql"}
            for label, query in entries]
