"""The concerns page does its heavy work only where it is seen: the open list's files are put in words
when a download is made (then every row, coded columns as labels), and the finder puts in words only
the concerns it offers; a concern saved shows in the finder at the next rerun."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from core.vocabulary import label
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import ACCOUNTS, page_file, signed_in
from tests.test_audit_gaps import app_db, deferred  # noqa: F401  (fixtures)


def test_the_open_list_download_is_in_words_and_holds_every_open_concern(app_db, deferred):
    at = signed_in(ACCOUNTS["prevention"])
    at.switch_page(page_file("concerns.py")).run()
    assert not at.exception
    name = next(n for n in deferred if n.startswith("open-concerns") and n.endswith(".csv"))
    data = deferred[name]()
    rows = list(csv.DictReader(io.StringIO(data.decode() if isinstance(data, bytes) else data)))
    db = Database(app_db)
    stored = db.cursor().execute("select category, channel from live.concerns where resolved_on is null").fetchall()
    assert len(rows) == len(stored) == 1
    values = set(rows[0].values())
    assert label("concern_category", stored[0][0]) in values and stored[0][0] not in values


def test_the_finder_offers_concerns_in_words_and_a_new_one_at_once(app_db):
    at = signed_in(ACCOUNTS["prevention"])
    at.switch_page(page_file("concerns.py")).run()
    picker = at.selectbox(key="concerns_pick")
    assert len(picker.options) == 1 and label("concern_category", "blight") in picker.options[0]
    from components.database import _open

    db = _open(str(app_db.resolve()))          # the app's own gateway, as a save on the page goes
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("concerns", {"category": "speeding", "description": "Speeding on Elm", "received_on":
                                datetime.now().date(), "reporter_name": "Sam", "channel": "email",
                                "district_id": db.scalar("districts_id_by_code", code="N")})
    at.run()
    options = at.selectbox(key="concerns_pick").options
    assert len(options) == 2 and any(label("concern_category", "speeding") in o for o in options)
    new_id = db.cursor().execute("select id from live.concerns where category = 'speeding'").fetchone()[0]
    at.selectbox(key="concerns_pick").set_value(new_id).run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "**Speeding** in " in shown and "speeding" not in shown.replace("Speeding", "")
