"""The glossary at the end of every report, read from the SQL files that define the figures.

Each figure is defined once, in its `queries/sql/*.sql` file, whose header comment carries a
`glossary:` line: the definition in the reader's words (no query, column or file names), next to
the SQL it describes. The glossary prints that line, so the printed definition is kept with the
query that computes the figure.
"""

from __future__ import annotations

import re

from queries.sql_files import load_sql

_GLOSSARY = re.compile(r"^--\s*glossary\s*:\s*(.*)$", re.IGNORECASE)
_CONTINUED = re.compile(r"^--(\s{2,}|\t)(\S.*)$")


def definition(query: str) -> str:
    """The plain-words definition in a query's header comment (its `glossary:` line and the
    indented lines that continue it)."""
    lines: list[str] = []
    for line in load_sql(query).splitlines():
        if not line.startswith("--"):
            break
        found = _GLOSSARY.match(line)
        if found:
            lines = [found.group(1).strip()]
        elif lines and _CONTINUED.match(line):
            lines.append(_CONTINUED.match(line).group(2).strip())
        elif lines:
            break
    if not lines:
        raise LookupError(f"The header comment of {query} has no glossary line.")
    return " ".join(lines)


def glossary(entries: list[tuple[str, str]]) -> list[dict]:
    """[(figure label, query name)] -> [{term, definition}] with one row per figure."""
    return [{"term": label, "definition": definition(query)} for label, query in entries]
