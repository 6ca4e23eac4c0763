"""Each piece of query logic is written once in queries/sql: no two places share six lines.

Two checks. The first always runs: a window of six consecutive SQL lines (comments, blank lines
and lone punctuation left out, white space folded, case ignored) may stand in one place only.
The second runs the `duplicates` command of the development machines where it is on PATH; it
also finds runs of the same shape with other names and values, and a clean clone without the
command skips only that one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict

import pytest

from queries.sql_files import SQL_DIR

WINDOW = 6
_LONE_PUNCTUATION = re.compile(r"^[\s(),;]*$")


def _code_lines(text: str) -> list[tuple[int, str]]:
    """(line number, folded text) of the lines that carry code."""
    kept = []
    for number, line in enumerate(text.splitlines(), start=1):
        code = re.sub(r"--.*$", "", line)          # no queries/sql file has '--' inside a string
        code = " ".join(code.lower().split())
        if code and not _LONE_PUNCTUATION.match(code):
            kept.append((number, code))
    return kept


def repeated_windows(files: dict[str, str], window: int = WINDOW) -> list[tuple[str, str]]:
    """Places ('file:first-last') where the same `window` code lines stand again."""
    seen: dict[tuple[str, ...], list[tuple[str, int, int]]] = defaultdict(list)
    for name, text in sorted(files.items()):
        lines = _code_lines(text)
        for start in range(len(lines) - window + 1):
            chunk = lines[start:start + window]
            seen[tuple(code for _, code in chunk)].append((name, chunk[0][0], chunk[-1][0]))
    pairs = []
    for places in seen.values():
        for (name_a, first_a, last_a), (name_b, first_b, last_b) in zip(places, places[1:]):
            if name_a != name_b or first_b > last_a:       # the same run twice, not a window overlapping itself
                pairs.append((f"{name_a}:{first_a}-{last_a}", f"{name_b}:{first_b}-{last_b}"))
    return pairs


def _sql_files() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in SQL_DIR.glob("*.sql")}


def test_the_window_check_finds_a_copied_block():
    block = "\n".join(f"select {n} as c{n}," for n in range(7))
    found = repeated_windows({"a.sql": "-- a\n" + block + "\nfrom x", "b.sql": block + "\nfrom y",
                              "c.sql": "select 1"})
    assert ("a.sql:2-7", "b.sql:1-6") in found
    assert not any("c.sql" in a or "c.sql" in b for a, b in found)


def test_no_six_lines_of_query_logic_stand_twice_in_queries_sql():
    assert repeated_windows(_sql_files()) == []


@pytest.mark.skipif(shutil.which("duplicates") is None, reason="the duplicates command is not on PATH")
def test_duplicates_finds_no_pair_in_queries_sql():
    shown = subprocess.run(["duplicates", "--repo", str(SQL_DIR), "--most", "200", "--seconds", "120"],
                           capture_output=True, text=True, timeout=300, check=True).stdout
    first = shown.splitlines()[0] if shown else ""
    assert first.startswith("no duplicates"), shown
    assert "incomplete" not in shown, shown
