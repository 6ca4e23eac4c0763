"""Residents' free-text survey answers are read only by administrators and the Crime Prevention officer.

The refusal is in the domain (core/surveys/comments.py asks queries/access.py), not only on the page:
command staff, who read every survey figure, and a patrol officer are refused with PermissionDenied,
nothing returned, and a 'denied' audit row naming them. The Community perception page offers the
comments tab to the roles that may read them, with the text shown as typed.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
from streamlit.delta_generator import DeltaGenerator

from core.surveys import question_map
from core.surveys.comments import wave_comments
from core.surveys.importer import import_survey, read_survey
from queries.access import can
from queries.actor import SYSTEM, Actor
from queries.db import Database
from queries.errors import PermissionDenied
from tests.apptest_support import make_accounts_db, open_tab, page_file, signed_in

PAYLOAD = "**Loud** <img src=x onerror=alert(1)> [call us](https://evil.example) ![](https://evil.example/a.png)"
QMAP = {
    "area": {"column": "district", "unknown": [""]},
    "questions": {
        "night": {"measure": "safe_night", "scale": {"values": {"1": "Unsafe", "2": "Safe"}, "top_answer": ["2"]}},
        "What else should we know?": {"free_text": True},
        "police_comment": {"free_text": True},
    },
}
HEADER = ["district", "night", "What else should we know?", "police_comment"]
EARLIER = [["N", "1", "Cars race down Elm St at night", ""],
           ["S", "2", "", "Officers were kind"]]
LATER = [["N", "2", "Better lighting since spring", "100% happy_with the patrols"],
         ["S", "1", PAYLOAD, ""],
         ["", "2", "Noise from the bar", ""],          # area not known
         ["N", "1", "", ""]]
ADMIN = Actor("boss", "admin", 1)
CPO = Actor("cpo", "prevention", 2)
CHIEF = Actor("chief", "command", 3)
PATROL = Actor("patrol", "officer", 4, frozenset({1}))


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def import_wave(db, name: str, rows, year: int) -> None:
    import_survey(db, SYSTEM, read_survey(csv_bytes(rows), "wave.csv"), question_map.parse(QMAP), wave=name,
                  fieldwork_start=date(year, 3, 1), fieldwork_end=date(year, 3, 31), filename="wave.csv")


def wave_ids(db) -> dict[str, int]:
    with db.cursor() as cur:
        return dict(cur.execute("select name, id from survey_waves").fetchall())


def stored(db, wave_id=None) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute("select wave_id, respondent, question, answer from survey_comments "
                           "where $w is null or wave_id = $w order by all", {"w": wave_id}).fetchall()


def denials(db) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute("select username, role, table_name, detail from audit_log where action = 'denied'"
                           ).fetchall()


@pytest.fixture
def surveyed(db, two_districts):
    import_wave(db, "Spring 2025", EARLIER, 2025)
    import_wave(db, "Spring 2026", LATER, 2026)
    return db


@pytest.mark.parametrize("reader", [ADMIN, CPO], ids=["admin", "prevention"])
def test_administrators_and_the_crime_prevention_officer_read_exactly_the_stored_comments(surveyed, reader):
    waves = wave_ids(surveyed)
    later = wave_comments(surveyed, reader, waves["Spring 2026"])
    assert sorted(zip(later["wave_id"], later["respondent"], later["question"], later["answer"])) == \
        stored(surveyed, waves["Spring 2026"])
    assert len(later) == 4
    by_answer = later.set_index("answer")
    assert by_answer.loc["Better lighting since spring", ["district", "question"]].tolist() == [
        "North", "What else should we know?"]
    assert by_answer.loc[PAYLOAD, "district"] == "South"
    assert by_answer.loc["Noise from the bar", "district"] == "District not known"
    assert later["district"].notna().all()
    # every wave: the newest wave's first
    every = wave_comments(surveyed, reader, None)
    assert sorted(zip(every["wave_id"], every["respondent"], every["question"], every["answer"])) == stored(surveyed)
    assert every["wave"].tolist() == ["Spring 2026"] * 4 + ["Spring 2025"] * 2
    assert denials(surveyed) == []


def test_the_search_finds_text_as_typed_in_the_answer_question_or_district(surveyed):
    wave = wave_ids(surveyed)["Spring 2026"]
    assert wave_comments(surveyed, CPO, wave, search="LIGHTING")["answer"].tolist() == ["Better lighting since spring"]
    assert wave_comments(surveyed, CPO, wave, search="100% happy_")["answer"].tolist() == [
        "100% happy_with the patrols"]
    assert wave_comments(surveyed, CPO, wave, search="%")["answer"].tolist() == ["100% happy_with the patrols"]
    assert sorted(wave_comments(surveyed, CPO, wave, search="north")["answer"]) == [
        "100% happy_with the patrols", "Better lighting since spring"]
    assert wave_comments(surveyed, CPO, wave, search="police_comment")["answer"].tolist() == [
        "100% happy_with the patrols"]
    assert len(wave_comments(surveyed, CPO, wave, search="  ")) == 4
    assert wave_comments(surveyed, CPO, wave, search="nothing like this").empty


@pytest.mark.parametrize("reader", [CHIEF, PATROL], ids=["command", "officer"])
def test_command_staff_and_a_patrol_officer_are_refused_in_the_domain_and_the_refusal_is_audited(surveyed, reader):
    wave = wave_ids(surveyed)["Spring 2026"]
    for chosen, search in ((wave, None), (None, "lighting")):
        returned = None
        with pytest.raises(PermissionDenied):
            returned = wave_comments(surveyed, reader, chosen, search=search)
        assert returned is None
    refused = denials(surveyed)
    assert [(user, role, table) for user, role, table, _ in refused] == [
        (reader.username, reader.role, "survey_comments")] * 2
    assert all("read" in detail for *_, detail in refused)
    assert not can(reader, "read", "survey_comments")
    assert can(ADMIN, "read", "survey_comments") and can(CPO, "read", "survey_comments")
    assert len(stored(surveyed)) == 6                           # nothing changed by the refusals


# -- the page ----------------------------------------------------------------------------------------

@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "comments.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    db = Database(path)
    import_wave(db, "Spring 2025", EARLIER, 2025)
    import_wave(db, "Spring *2026* <b>", LATER, 2026)
    db.close()
    return path


def open_surveys(username: str):
    at = signed_in(username)
    at.switch_page(page_file("surveys.py")).run()
    assert not at.exception, at.exception
    return at


def _markdown_texts(at) -> list[str]:
    return [str(e.value) for kind in ("markdown", "caption", "error", "info", "success", "warning", "subheader",
                                      "title") for e in getattr(at, kind)]


@pytest.mark.parametrize("username", ["boss", "cpo"])
def test_the_comments_tab_shows_the_newest_waves_comments_as_typed(app_db, username, monkeypatch):
    made = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        made[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    at = open_surveys(username)
    assert "Residents' comments" in [t.label for t in at.tabs]
    open_tab(at, "surveys_tab", "Residents' comments")
    assert not at.exception and not at.error, at.exception
    grid = next(d.value for d in at.dataframe if "Comment" in d.value.columns)
    assert list(grid.columns) == ["District", "Question", "Comment"]
    assert sorted(grid["Comment"]) == sorted(["Better lighting since spring", "100% happy_with the patrols",
                                              PAYLOAD, "Noise from the bar"])
    assert grid.set_index("Comment").loc[PAYLOAD, "District"] == "South"
    assert not grid.isna().any().any() and "None" not in grid.to_numpy().astype(str)
    texts = _markdown_texts(at)
    assert any("4 comments in Spring \\*2026\\* \\<b\\>" in t for t in texts), texts
    for t in texts:
        assert "<img" not in t and "](https://evil" not in t and "*2026*" not in t and "<b>" not in t
    # the text filter
    at.text_input(key="surveys_comments_search").input("lighting").run()
    grid = next(d.value for d in at.dataframe if "Comment" in d.value.columns)
    assert grid["Comment"].tolist() == ["Better lighting since spring"]
    # the download is the list as shown, and is on record
    csv_name = next(name for name in made if name.startswith("survey-comments") and name.endswith(".csv"))
    rows = pd.read_csv(io.BytesIO(made[csv_name]()), encoding="utf-8-sig")
    assert rows["Comment"].tolist() == ["Better lighting since spring"]
    db = Database(app_db)
    try:
        with db.cursor() as cur:
            downloads = cur.execute("select username, detail from audit_log where action = 'download'").fetchall()
    finally:
        db.close()
    assert len(downloads) == 1 and downloads[0][0] == username and "survey-comments" in downloads[0][1]


def test_command_staff_see_the_figures_but_no_comments(app_db):
    at = open_surveys("chief")
    assert "Residents' comments" not in [t.label for t in at.tabs]
    assert at.dataframe                                            # the results table is there
    for frame in (d.value for d in at.dataframe):
        assert "Comment" not in frame.columns
        assert not frame.astype(str).isin(["Better lighting since spring", PAYLOAD]).any().any()
    db = Database(app_db)
    try:
        assert denials(db) == []                                   # the page never asked for them
    finally:
        db.close()
