"""queries/schema.sql: the current shape of the database in one file, written from a migrated database.

The migrations are history (0008 rebuilt tables 0001 created, 0012 rebuilt others); a reader who
wants to know what the tables are now reads schema.sql. It is built by applying every migration to
an empty in-memory database and reading DuckDB's catalog: the live schema, the sequences, every
table with its columns, keys and checks, its indexes, the views and the macros, in a stable order.
What a row of each table is comes from `ROWS` below; column notes and the notes above views and
macros come from the comments in the migrations that made them.

Write it again after adding a migration: `.venv/bin/python scripts/schema.py`
(tests/test_schema_file.py fails while the committed file differs from what this writes).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from queries.migrate import MIGRATIONS_DIR, apply_migrations

SCHEMA_FILE = Path(__file__).parent / "schema.sql"
COMMAND = ".venv/bin/python scripts/schema.py"

# What one row of each table is, in the order the file lists them (grouped as a reader meets them).
ROWS: dict[str, dict[str, str]] = {
    "reference": {
        "settings": "one department setting (name, time zone, response days, ...) by key",
        "crime_types": "one crime type the department counts incidents under (reference data, 0003)",
        "outcome_measures": "one outcome figure an event may record, such as car seats inspected (reference data, "
                            "0003); at_most names a measure it may not exceed, checked by the code",
        "districts": "one district, sector or beat; parent_id is the district a sector or beat lies in "
                     "(checked by the code: no table references itself, so backups copy cleanly)",
        "district_boundaries": "the imported boundary (and name, population) of one district; "
                               "live.districts shows these in place of the district's own",
        "district_mappings": "one district text of incident exports mapped to a district once and for all",
    },
    "people and sign-in": {
        "users": "one account: an officer, a crime-prevention officer, command staff or an administrator",
        "user_districts": "one district assigned to an account (what an officer may see and edit)",
        "password_history": "one earlier password hash of an account (the newest four are kept)",
        "auth_sessions": "one sign-in session, identified by the username and the expiry in its cookie",
        "identity_links": "one person at the identity provider (issuer and subject) linked to one account",
        "identity_sessions": "one ID token from the identity provider and the sign-in session it started",
        "login_failures": "one failed sign-in attempt for a username as typed",
        "login_locks": "one lock on a username as typed, after repeated failures",
    },
    "organizations": {
        "organizations": "one community organization: block watch, tenant group, school, business "
                         "association, faith, civic, media, city department, ...",
        "org_meetings": "one meeting of an organization that an officer attended",
    },
    "programs": {
        "programs": "one crime-prevention program (Citizens' Police Academy, car-seat checks, ...)",
        "program_target_districts": "one district a program targets",
        "program_target_crime_types": "one crime type a program targets",
        "program_partners": "one partner organization of a program",
        "program_outcome_measures": "one outcome figure that the events of a program record",
        "program_goals": "one goal of a program: a measure and a target per month, year or cohort",
        "program_evaluations": "one annual evaluation of a program (draft or submitted)",
    },
    "events and courses": {
        "events": "one delivery of a program: when, where, district and headcount by audience",
        "event_officers": "one officer who worked an event, with their hours",
        "event_outcomes": "one outcome figure recorded for an event (car seats inspected, tips received, ...)",
        "event_partners": "one partner organization at an event",
        "course_cohorts": "one class of a course program (a Citizens' Police Academy class); its sessions are events",
        "participants": "one person who enrols in courses",
        "enrolments": "one participant enrolled in one cohort, with completion",
        "roster_attendance": "whether one enrolled participant was present at one session (event)",
    },
    "businesses and patrol contacts": {
        "businesses": "one business on the patrol officers' contact list",
        "business_contacts": "one contact person of a business (owner, manager, after-hours keyholder, ...)",
        "business_verifications": "one check of a business's contact details (the latest is also in "
                                  "businesses.last_verified_on)",
        "contact_log": "one entry of an officer's contact log: a shift's community contacts of one kind",
    },
    "surveys": {
        "survey_waves": "one wave of a resident survey: its name, fieldwork dates and the file it came from",
        "survey_answers": "one answer of one respondent to one question a survey measure reads (don't-know "
                          "and missing answers are not kept)",
        "survey_comments": "one free-text answer of one respondent (read by the crime-prevention officer and "
                           "administrators only)",
        "survey_area_codes": "one code of a survey's area column (a ZIP, a council ward) mapped to a district",
    },
    "concerns": {
        "concerns": "one community concern: what was raised, by whom, where, and the department's response",
        "concern_updates": "one line of a concern's history (status change, assignment, referral or note); "
                           "append-only",
    },
    "crime data": {
        "incidents": "one imported crime incident; re-importing its incident number updates it",
        "offense_mappings": "one offense text of incident exports mapped to a crime type",
        "import_mappings": "one saved column mapping of an import file to an importer's fields",
    },
    "reports": {
        "monthly_reports": "the report of one period: draft narrative, or the frozen snapshot once submitted",
        "report_acknowledgements": "one reader's acknowledgement of a submitted report",
    },
    "bookkeeping": {
        "audit_log": "one audited action: who, when, with which role, on which record, before and after",
        "schema_migrations": "one applied migration file, with the checksum of its text",
        "data_version": "the one row counting saves that changed figures: every app process's cached "
                        "figures are keyed on it (server mode; DuckDB's one process counts in memory)",
    },
}

# Notes for views and macros that no comment of the migrations sits directly above.
NOTES: dict[str, str] = {
    "live.districts": "The districts that are not deleted, each with its imported boundary's name, population "
                      "and geometry (district_boundaries) in place of its own.",
    "live.enrolment_pairs": "Every enrolment's cohort and participant, deleted or not: the pair is unique "
                            "across deleted rows too.",
    "live.password_history": "Every earlier password hash (only inserted and pruned, never soft-deleted).",
}

_CREATE = re.compile(
    r"^\s*create\s+(?:or\s+replace\s+)?(?:unique\s+)?(table|view|macro|index|sequence)\s+(?:if\s+not\s+exists\s+)?"
    r"([a-z_][a-z0-9_.]*)", re.IGNORECASE)
_ADD_COLUMN = re.compile(r"^\s*alter\s+table\s+([a-z0-9_.]+)\s+add\s+column\s+([a-z0-9_]+)[^-]*--\s*(.+)$",
                         re.IGNORECASE)
_INLINE_ORDER = ["primary", "unique", "references", "check"]
_CONSTRAINT_WORDS = {"check", "primary", "unique", "foreign", "constraint"}


def _split_comment(line: str) -> tuple[str, str | None]:
    """A line's code and its trailing `--` comment (outside quotes), or None."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif line.startswith("--", i):
            return line[:i], line[i + 2:].strip()
    return line, None


def _local(name: str) -> str:
    return name[len("main."):] if name.startswith("main.") else name


def migration_notes(directory: Path = MIGRATIONS_DIR) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """From the migrations: each table's column comments (as of the table's latest `create`), and the
    comment block written just above each view's and macro's latest `create`."""
    columns: dict[str, dict[str, str]] = {}
    above: dict[str, str] = {}
    for path in sorted(directory.glob("*.sql")):
        lines = path.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            added = _ADD_COLUMN.match(lines[i])
            if added:
                columns.setdefault(_local(added.group(1)), {})[added.group(2)] = added.group(3)
            match = _CREATE.match(lines[i])
            if not match:
                i += 1
                continue
            kind, name = match.group(1).lower(), _local(match.group(2).lower())
            if kind in ("view", "macro"):
                block = []
                j = i - 1
                while j >= 0 and lines[j].strip().startswith("--"):
                    block.insert(0, lines[j].strip()[2:].strip())
                    j -= 1
                if block:
                    above[name] = re.sub(r"^\d+\.\s+", "", " ".join(block))
                else:
                    above.pop(name, None)
            if kind == "table" and re.search(r"\(\s*$", lines[i]):
                notes: dict[str, str] = {}
                pending: list[str] = []
                i += 1
                while i < len(lines) and not lines[i].lstrip().startswith(")"):
                    code, comment = _split_comment(lines[i])
                    words = code.split()
                    if not words:
                        if comment:
                            pending.append(comment)
                    else:
                        column = words[0].strip('"')
                        if re.fullmatch(r"[a-z_][a-z0-9_]*", column) and column not in _CONSTRAINT_WORDS:
                            text = " ".join([*pending, comment] if comment else pending)
                            if text:
                                notes[column] = text
                        pending = []
                    i += 1
                columns[name] = notes
            i += 1
    return columns, above


# -- reading the catalog -----------------------------------------------------------------------

def _unwrap(expression: str) -> str:
    """An expression without the one pair of parentheses DuckDB puts around the whole of it."""
    if not (expression.startswith("(") and expression.endswith(")")):
        return expression
    depth = 0
    for i, char in enumerate(expression):
        depth += char == "("
        depth -= char == ")"
        if depth == 0 and i < len(expression) - 1:
            return expression
    return expression[1:-1]


def _lower(sql: str) -> str:
    """DuckDB's upper-case keywords (IN, IS NULL, SELECT, ...) in lower case, as the project writes SQL;
    quoted strings and identifiers are left as they are."""
    out, word, quote = [], [], None
    for char in sql + " ":
        if quote:
            out.append(char)
            quote = None if char == quote else quote
            continue
        if char.isalnum() or char == "_":
            word.append(char)
            continue
        if word:
            token = "".join(word)
            out.append(token.lower() if token.isupper() else token)
            word = []
        if char in "'\"":
            quote = char
        out.append(char)
    return "".join(out)[:-1]


def _fold(line: str, continuation: str, width: int = 110) -> list[str]:
    """A long line broken after its commas (or, for a comment, between words) into lines of at most
    `width` characters where it can be; continuation lines start with `continuation`."""
    if len(line) <= width:
        return [line]
    separator = " " if line.lstrip().startswith("--") else ", "
    pieces = line.split(separator)
    lines, current = [], pieces[0]
    for piece in pieces[1:]:
        joined = current + separator + piece
        if len(joined) > width and current.strip("- "):
            lines.append(current + separator.rstrip())
            current = continuation + " " + piece if separator == " " else continuation + piece
        else:
            current = joined
    lines.append(current)
    return lines


_BREAKS = ("UNION ALL ", "UNION ", "FROM ", "WHERE ", "GROUP BY ", "HAVING ", "ORDER BY ", "LIMIT ",
           "INNER JOIN ", "LEFT JOIN ", "RIGHT JOIN ", "CROSS JOIN ", "SEMI JOIN ", "ANTI JOIN ", "JOIN ")


def _layout(sql: str, indent: str = "    ") -> str:
    """DuckDB's one-line SQL with a line break before each clause (FROM, WHERE, JOIN, ...) and before
    each AND of a WHERE clause, indented by how deep in parentheses it sits."""
    out, depth, quote, i = [], 0, None, 0
    where_depths: set[int] = set()
    while i < len(sql):
        char = sql[i]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            where_depths = {d for d in where_depths if d <= depth}
        elif char == " ":
            rest = sql[i + 1:]
            word = next((w for w in _BREAKS if rest.startswith(w)), None)
            joined = "".join(out[-6:]).endswith(("INNER", "LEFT", "RIGHT", "CROSS", "SEMI", "ANTI"))
            if word == "WHERE ":
                where_depths.add(depth)
            if word and not (word == "JOIN " and joined):
                out.append("\n" + indent * (depth + 1))
                i += 1
                continue
            if rest.startswith("AND ") and (depth - 1 in where_depths or depth in where_depths):
                out.append("\n" + indent * (depth + 2))
                i += 1
                continue
        out.append(char)
        i += 1
    return "".join(out)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    result = con.execute(sql)
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def _table(con, name: str, meaning: str | None, notes: dict[str, str]) -> list[str]:
    columns = _rows(con, f"""
        select column_name, data_type, is_nullable, column_default from duckdb_columns()
        where database_name = current_database() and schema_name = 'main' and table_name = '{name}'
        order by column_index""")
    constraints = _rows(con, f"""
        select constraint_type, constraint_column_names, expression, referenced_table, referenced_column_names
        from duckdb_constraints()
        where database_name = current_database() and schema_name = 'main' and table_name = '{name}'
          and constraint_type <> 'NOT NULL'
        order by constraint_index""")
    inline: dict[str, list[str]] = {c["column_name"]: [] for c in columns}
    table_level: list[str] = []
    for c in constraints:
        cols = list(dict.fromkeys(c["constraint_column_names"]))
        kind = c["constraint_type"]
        if kind == "PRIMARY KEY":
            text = "primary key"
        elif kind == "UNIQUE":
            text = "unique"
        elif kind == "FOREIGN KEY":
            text = f"references {c['referenced_table']} ({', '.join(c['referenced_column_names'])})"
        elif kind == "CHECK":
            text = f"check ({_lower(_unwrap(c['expression']))})"
        else:
            text = kind.lower()
        if len(cols) == 1:
            inline[cols[0]].append(text)
        elif kind == "CHECK":
            table_level.append(text)
        elif kind == "FOREIGN KEY":
            table_level.append(f"foreign key ({', '.join(cols)}) {text}")
        else:
            table_level.append(f"{text} ({', '.join(cols)})")
    width = max(len(c["column_name"]) for c in columns)
    type_width = max(len(c["data_type"]) for c in columns)
    body = []
    for c in columns:
        parts = [c["column_name"].ljust(width), c["data_type"].lower().ljust(type_width)]
        if not c["is_nullable"] and "primary key" not in inline[c["column_name"]]:
            parts.append("not null")
        if c["column_default"] is not None:
            parts.append(f"default {c['column_default']}")
        parts.extend(sorted(inline[c["column_name"]], key=lambda text: _INLINE_ORDER.index(text.split()[0])))
        body.append([" ".join(parts).rstrip(), notes.get(c["column_name"])])
    body.extend([text, None] for text in table_level)
    for k, line in enumerate(body):
        if k < len(body) - 1:
            line[0] += ","
    beside = [(code, note) for code, note in body if note and len(code) + len(note) <= 96]
    code_width = max((len(code) for code, _ in beside), default=0)
    lines = [f"-- {name}: {meaning}" if meaning else f"-- {name}", f"create table {name} ("]
    for code, note in body:
        if note and (code, note) not in beside:
            lines.extend(_fold(f"    -- {note}", "    --"))
            note = None
        code = "\n".join(_fold(f"    {code}", "            "))
        lines.append(f"{code.ljust(code_width + 4)}  -- {note}" if note else code)
    lines.append(");")
    for index in _rows(con, f"""
            select sql from duckdb_indexes()
            where database_name = current_database() and schema_name = 'main' and table_name = '{name}'
            order by index_name"""):
        lines.append(_lower(index["sql"]))
    return lines


def render(con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR) -> str:
    """The text of schema.sql for the database `con` (migrated from `directory`)."""
    column_notes, above = migration_notes(directory)
    above = {**NOTES, **above}
    latest = con.execute("select max(version), arg_max(name, version) from schema_migrations").fetchone()
    out = [
        "-- The current schema of the Community Relations Dashboard's database.",
        "--",
        f"-- Written by `{COMMAND}` from a database migrated up to",
        f"-- {latest[0]:04d}_{latest[1]}. Do not edit it by hand: add a migration under queries/migrations/ and",
        "-- run that command again (tests/test_schema_file.py fails while this file is out of date).",
        "-- The migrations are the history of how the schema got here; this file is where it is now.",
        "--",
        "-- How to read it:",
        "--   * tables live in the `main` schema and are written by the unit of work (queries/unit_of_work.py);",
        "--     named queries (queries/sql) read the `live` schema: live.<table> is the table without its",
        "--     soft-deleted rows (deleted_at is null), so no query can forget that filter;",
        "--   * an editable table carries version (optimistic concurrency: an update names the version it",
        "--     read), created_by/at, updated_by/at and deleted_by/at (a delete only stamps deleted_at);",
        "--   * times are naive timestamps: audit and bookkeeping times in UTC, event and incident times in",
        "--     the department's time zone (a setting); date columns are the department's dates;",
        "--   * a column users edit carries no foreign or unique key (DuckDB cannot update an indexed column",
        "--     of a row another table references): where a column note says \"checked by the gateway\",",
        "--     queries/references.py checks it on every write;",
        "--   * each table starts with a line saying what one row is; column notes come from the migrations.",
        "",
        "create schema live;",
        "",
        "-- ------------------------------------------------------------------ sequences (ids)",
        "",
    ]
    users_of: dict[str, list[str]] = {}
    for row in _rows(con, """
            select table_name, column_name, column_default from duckdb_columns()
            where database_name = current_database() and schema_name = 'main'
              and column_default like 'nextval(%'
            order by table_name, column_index"""):
        sequence = re.search(r"nextval\('([^']+)'\)", row["column_default"]).group(1)
        users_of.setdefault(sequence, []).append(f"{row['table_name']}.{row['column_name']}")
    for seq in _rows(con, """
            select sequence_name, start_value, increment_by from duckdb_sequences()
            where database_name = current_database() and schema_name = 'main'
            order by sequence_name"""):
        step = "" if seq["increment_by"] == 1 else f" increment by {seq['increment_by']}"
        text = f"create sequence {seq['sequence_name']} start {seq['start_value']}{step};"
        used = users_of.get(seq["sequence_name"])
        out.append(f"{text:<52} -- {', '.join(used)}" if used else text)

    tables = [r["table_name"] for r in _rows(con, """
        select table_name from duckdb_tables()
        where database_name = current_database() and schema_name = 'main' and not internal and not temporary
        order by table_name""")]
    described = {table for group in ROWS.values() for table in group}
    sections = [(title, [(t, m) for t, m in group.items() if t in tables]) for title, group in ROWS.items()]
    undescribed = [(t, None) for t in tables if t not in described]
    if undescribed:
        sections.append(("not yet described (add each to ROWS in queries/schema_dump.py)", undescribed))
    for title, members in sections:
        if not members:
            continue
        out += ["", f"-- ------------------------------------------------------------------ {title}"]
        for table, meaning in members:
            out += ["", *_table(con, table, meaning, column_notes.get(table, {}))]

    views = _rows(con, """
        select schema_name, view_name, sql from duckdb_views()
        where database_name = current_database() and not internal
        order by schema_name, view_name""")
    plain = [v for v in views if _PLAIN_VIEW.fullmatch(v["sql"])]
    out += ["", "-- ------------------------------------------------------------------ views", "",
            "-- live.<table>: the rows of a table that are not soft-deleted (every row of a table without",
            "-- soft delete). Named queries read these, never main.*."]
    out += [_lower(v["sql"]) for v in plain]
    for view in views:
        if view in plain:
            continue
        name = f"{view['schema_name']}.{view['view_name']}"
        note = above.get(name) or (above.get(view["view_name"]) if view["schema_name"] == "main" else None)
        out.append("")
        if note:
            out.append(f"-- {note}")
        out.append(_lower(_layout(view["sql"])))

    out += ["", "-- ------------------------------------------------------------------ macros"]
    for macro in _rows(con, """
            select schema_name, function_name, function_type, parameters, macro_definition from duckdb_functions()
            where database_name = current_database() and not internal
              and function_type in ('macro', 'table_macro')
            order by schema_name, function_name, macro_definition"""):
        name = f"{macro['schema_name']}.{macro['function_name']}"
        note = above.get(name) or (above.get(macro["function_name"]) if macro["schema_name"] == "main" else None)
        out.append("")
        if note:
            out.append(f"-- {note}")
        table = " table" if macro["function_type"] == "table_macro" else ""
        body = _lower(_layout(macro["macro_definition"]))
        out.append(f"create macro {name}({', '.join(macro['parameters'])}) as{table}\n    {body};")
    folded = []
    for line in out:
        folded.extend(_fold(line, "--  ") if line.startswith("-- ") else [line])
    return "\n".join(folded) + "\n"


_PLAIN_VIEW = re.compile(r"CREATE VIEW live\.(\w+) AS SELECT \* FROM main\.\1( WHERE \(deleted_at IS NULL\))?;")


def generate(target: Path = SCHEMA_FILE, directory: Path = MIGRATIONS_DIR) -> Path:
    """Migrate an empty in-memory database from `directory` and write its schema to `target`."""
    con = duckdb.connect()
    try:
        apply_migrations(con, directory)
        text = render(con, directory)
    finally:
        con.close()
    target.write_text(text, encoding="utf-8")
    return target
