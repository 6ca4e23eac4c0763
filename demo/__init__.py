"""The demo data: fictional places whose police data fill an empty database.

`demo.town` is Millbrook, a New England town of six districts over two years (the first start's
database, the tests' and the screenshots'); `demo.large` is Lakeport, a Chicago-sized city over
ten years, for the benchmark. Both use the same demo accounts (`demo.accounts`). The app itself
reaches the demo only through `demo.bootstrap`; nothing in core/, queries/, reports/,
components/ or app_pages/ imports this package (tests/test_layers.py).

Importing this package loads nothing else: the builders (numpy, pandas, shapely) load with
`demo.town` or `demo.large`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from queries.db import Database

# Any row in these tables means real data may exist: the demo never mixes with it.
FILLED_ROWS = """
select (select count(*) from main.settings) + (select count(*) from main.districts)
     + (select count(*) from main.users) + (select count(*) from main.programs)
     + (select count(*) from main.events) + (select count(*) from main.businesses)
     + (select count(*) from main.incidents)
"""


class DemoError(RuntimeError):
    """The database is not empty, so the demo would mix with real records."""


def require_empty(db: Database) -> None:
    """Refuse (DemoError) a database that holds any settings, districts, users or records."""
    with db.cursor() as cur:
        if cur.execute(FILLED_ROWS).fetchone()[0]:
            raise DemoError("The database already has data; the demo only fills an empty one.")
