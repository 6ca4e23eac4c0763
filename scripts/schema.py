"""Write queries/schema.sql from the migrations: `.venv/bin/python scripts/schema.py`.

Run it after adding a migration and commit the file with the migration. With --check it writes
nothing and exits 1 when the committed file is out of date.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from queries.schema_dump import COMMAND, SCHEMA_FILE, generate  # noqa: E402


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        with tempfile.TemporaryDirectory() as folder:
            fresh = generate(Path(folder) / "schema.sql").read_text(encoding="utf-8")
        if SCHEMA_FILE.exists() and SCHEMA_FILE.read_text(encoding="utf-8") == fresh:
            print(f"{SCHEMA_FILE} is current.")
            return 0
        print(f"{SCHEMA_FILE} is out of date: run `{COMMAND}` and commit it.", file=sys.stderr)
        return 1
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"Written: {generate()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
