"""Write the PostgreSQL form of the named queries: `.venv/bin/python scripts/postgres_sql.py`.

Each queries/sql/<name>.sql is translated (queries/postgresql_sql.py) into
queries/sql_postgresql/<name>.sql; the hand-written files named in HAND_WRITTEN are left as they
are. Run it after changing a query and commit the written files with it. With --check it writes
nothing and exits 1 naming every file that is stale, missing or left over.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from queries.postgresql_sql import COMMAND, POSTGRESQL_DIR, stale_files, write_files  # noqa: E402


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        stale = stale_files()
        if not stale:
            print(f"{POSTGRESQL_DIR} is current.")
            return 0
        print(f"Not current (run `{COMMAND}` and commit the files):", *stale, sep="\n  ", file=sys.stderr)
        return 1
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    changed = write_files()
    print(*changed, sep="\n") if changed else print(f"{POSTGRESQL_DIR} was current.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
