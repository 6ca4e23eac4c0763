"""The Community perception page (AppTest), as each role that may open it: the empty state before any
wave is imported, the chart by district and wave, the table with "too few answers" where a district
has fewer than 10 answers (never a number), changes marked against the wave before, perception beside
the record with its candidates, and the downloads, which keep the suppressed cells suppressed."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.delta_generator import DeltaGenerator

from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import make_accounts_db, page_file, signed_in

OFFICE_ROLES = {"admin": "boss", "command": "chief", "prevention": "cpo"}
NUMBER = re.compile(r"\d")


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "surveys.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def add_waves(path) -> dict:
    """Two waves. North: 40 answers a wave, night safety 30% -> 70%; South: 9 answers a wave (too few);
    burglary rated serious by 80% in North (40 answers) and 20% in East (40); burglaries on record: North 1,
    East 12."""
    db = Database(path)
    with db.cursor() as cur:
        north, south = (cur.execute("select id from districts where code = $c", {"c": c}).fetchone()[0]
                        for c in ("N", "S"))
    with db.unit_of_work(SYSTEM) as uow:
        uow.update("districts", north, 1, {"population": 1000})
        uow.update("districts", south, 1, {"population": 1000})
        east = uow.insert("districts", {"code": "E", "name": "East", "population": 1000})["id"]
        before = uow.insert("survey_waves", {"name": "Resident survey 2024", "fieldwork_start": date(2024, 5, 1),
                                             "fieldwork_end": date(2024, 6, 30), "respondents": 49})["id"]
        after = uow.insert("survey_waves", {"name": "Resident survey 2026", "fieldwork_start": date(2026, 5, 1),
                                            "fieldwork_end": date(2026, 6, 30), "respondents": 89})["id"]

    def answer(wave, respondent, district, measure, top, subject=None):
        return {"wave_id": wave, "respondent": respondent, "district_id": district, "weight": 1.0,
                "measure": measure, "subject": subject, "answer": 1.0 if top else 4.0, "top_answer": top}

    rows = []
    for wave, safe in ((before, 12), (after, 28)):
        rows += [answer(wave, i, north, "safe_night", i < safe) for i in range(40)]
        rows += [answer(wave, 100 + i, south, "safe_night", i < 7) for i in range(9)]
    rows += [answer(after, i, north, "problem", i < 32, "burglary") for i in range(40)]
    rows += [answer(after, 200 + i, east, "problem", i < 8, "burglary") for i in range(40)]
    incidents = pd.DataFrame([{"incident_number": f"B{i}", "occurred_at": datetime(2026, 3, 1, 12),
                               "crime_type_code": "burglary", "district_id": north if i == 0 else east,
                               "imported_at": datetime(2026, 7, 1)} for i in range(13)])
    with db.unit_of_work(SYSTEM) as uow:
        uow.bulk_insert("survey_answers", pd.DataFrame(rows), detail="test")
        uow.bulk_insert("incidents", incidents, detail="test")
    return {"north": north, "south": south, "east": east}


def open_surveys(username: str):
    at = signed_in(username)
    at.switch_page(page_file("surveys.py")).run()
    assert not at.exception
    return at


def grid(at, first_header: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if list(d.value.columns)[0] == first_header)


@pytest.mark.parametrize("role", OFFICE_ROLES)
def test_with_no_wave_the_page_says_what_to_do_and_draws_no_chart(app_db, role):
    at = open_surveys(OFFICE_ROLES[role])
    assert [t.value for t in at.title] == ["Community perception"]
    assert any("No resident survey has been imported yet" in i.value for i in at.info)
    assert any("Open Import a wave above" in i.value for i in at.info) == (role != "command")
    assert not at.get("plotly_chart") and not at.dataframe and not at.get("download_button")


def test_a_patrol_officer_has_no_survey_page(app_db):
    at = signed_in("patrol")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page_file("surveys.py"))


@pytest.mark.parametrize("role", OFFICE_ROLES)
def test_each_office_role_reads_the_results_with_too_few_answers_in_words(app_db, role):
    add_waves(app_db)
    at = open_surveys(OFFICE_ROLES[role])
    assert not at.error
    wave = next(s for s in at.selectbox if s.label == "Survey wave")
    assert wave.options[0].startswith("Resident survey 2026")             # newest first
    table = grid(at, "Measure").set_index("District")
    night = table[table["Measure"] == "Feel safe at night"]
    assert night.loc["All districts", "Share"] == "71%"                       # (28 + 7) / 49
    assert night.loc["North", ["Share", "Margin of error", "Answers"]].tolist() == ["70%", "± 14 points", 40]
    assert night.loc["North", "Change since the wave before"] == "up 40 points"
    south = night.loc["South"]
    assert south[["Share", "Margin of error", "Change since the wave before"]].tolist() == ["too few answers"] * 3
    assert south["Answers"] == 9
    # the chart: South's bar is the words, its hover names no share
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    newest = figure["data"][-1]
    assert newest["name"] == "Resident survey 2026"
    place = newest["y"].index("South")
    assert newest["text"][place] == "too few answers"
    assert "%" not in newest["hovertext"][place] and "too few answers" in newest["hovertext"][place]
    assert newest["text"][newest["y"].index("North")] == "70%"


def test_perception_beside_the_record_lists_the_candidates(app_db):
    add_waves(app_db)
    at = open_surveys("cpo")
    assert next(s for s in at.selectbox if s.label == "Problem").value == "Burglary / breaking and entering"
    table = grid(at, "District").set_index("District")
    assert table.loc["North", ["Rate it serious", "Incidents", "On record per 1,000 residents"]].tolist() == [
        "80%", 1, "1.0"]
    assert table.loc["North", "Candidate for a program"] == "Seen as serious, little on record"
    assert table.loc["East", "Candidate for a program"] == "Much on record, seen as less serious"
    assert table.loc["South", "Rate it serious"] == "too few answers"
    warnings = " ".join(w.value for w in at.warning)
    assert "North" in warnings and "East" in warnings and "80% rate it serious" in warnings
    # the chart: North in the upper left, East in the lower right, South (too few answers) left out
    figure = json.loads(at.get("plotly_chart")[1].proto.spec)
    places = {text: (x, y) for trace in figure["data"] if "text" in trace
              for text, x, y in zip(trace["text"], _numbers(trace["x"]), _numbers(trace["y"]))}
    assert set(places) == {"North", "East"}
    assert places["North"] == (pytest.approx(1.0), pytest.approx(0.8))
    assert places["East"] == (pytest.approx(12.0), pytest.approx(0.2))


def test_the_downloads_keep_suppressed_cells_suppressed(app_db, monkeypatch):
    add_waves(app_db)
    made = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        made[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    open_surveys("chief")
    csv_name = next(name for name in made if name.startswith("survey-results") and name.endswith(".csv"))
    rows = pd.read_csv(io.BytesIO(made[csv_name]()), encoding="utf-8-sig")
    south = rows[(rows["District"] == "South") & (rows["Measure"] == "Feel safe at night")].iloc[0]
    assert south[["Share", "Margin of error", "Change since the wave before"]].tolist() == ["too few answers"] * 3
    north = rows[(rows["District"] == "North") & (rows["Measure"] == "Feel safe at night")].iloc[0]
    assert north["Share"] == "70%"
    xlsx_name = csv_name.replace(".csv", ".xlsx")
    sheet = load_workbook(io.BytesIO(made[xlsx_name]())).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    header = cells[0]
    south_rows = [r for r in cells[1:] if r[header.index("District")] == "South"]
    assert south_rows and all(r[header.index("Share")] == "too few answers" for r in south_rows)
    for row in south_rows:
        suppressed = [r for h, r in zip(header, row) if h not in ("Measure", "District", "Answers")]
        assert not any(NUMBER.search(str(value)) for value in suppressed), row
    perception = next(name for name in made if name.startswith("survey-perception") and name.endswith(".csv"))
    record = pd.read_csv(io.BytesIO(made[perception]()), encoding="utf-8-sig")
    assert record[record["District"] == "South"]["Rate it serious"].tolist() == ["too few answers"]
    db = Database(app_db)
    with db.cursor() as cur:
        downloads = cur.execute("select username, detail from audit_log where action = 'download'").fetchall()
    assert len(downloads) == 3 and all(user == "chief" for user, _ in downloads)


def _numbers(values) -> list:
    """A plotly JSON array: a list, or numbers packed as {"dtype", "bdata"} (base64)."""
    import base64

    import numpy as np

    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_the_charts_escape_wave_and_district_names():
    from components.survey_charts import shares_by_district
    from tests.test_chart_text import MARKUP, _raw_markup

    frame = pd.DataFrame({"place": [MARKUP[0], MARKUP[1], MARKUP[0], MARKUP[1]],
                          "wave": [MARKUP[2], MARKUP[2], MARKUP[3], MARKUP[3]],
                          "share": [0.5, float("nan"), 0.25, 0.75], "margin": [0.1, float("nan"), 0.05, 0.08],
                          "answers": [40, 9, 30, 30]})
    fig = shares_by_district.__wrapped__(frame, "Feel safe at night, " + MARKUP[4])
    assert _raw_markup(fig) == []
    assert [t.name for t in fig.data] != [MARKUP[2], MARKUP[3]]
    from components.survey_charts import perception_beside_record

    points = pd.DataFrame({"place": [MARKUP[5], MARKUP[0], MARKUP[1]], "share": [0.5, 0.8, 0.2],
                           "margin": [0.03, 0.1, 0.1], "rate": [6.0, 1.0, 12.0],
                           "candidate": [None, "fear_above_record", "record_above_fear"], "total": [True, False, False]})
    fig = perception_beside_record.__wrapped__(points, "Burglary " + MARKUP[4], MARKUP[6])
    assert _raw_markup(fig) == []


def test_a_wave_is_picked_by_its_name_as_typed(app_db):
    add_waves(app_db)
    db = Database(app_db)
    with db.unit_of_work(SYSTEM) as uow:
        wave = db.cursor().execute("select id, version from survey_waves order by id desc limit 1").fetchone()
        uow.update("survey_waves", wave[0], wave[1], {"name": "Spring *2026* (pilot) #2"})
    at = open_surveys("chief")
    assert next(s for s in at.selectbox if s.label == "Survey wave").options[0] == "Spring *2026* (pilot) #2"
    assert any("Fieldwork 1 May 2026 to 30 Jun 2026" in c.value for c in at.caption)
