"""One vocabulary: every stored code has its label in core/vocabulary.py, and every grid goes through
components/tables.py, which shows labels, headers in words and "–" for a missing value."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from core.vocabulary import (CODED_COLUMNS, COLUMNS, MISSING, TABLES, VOCABULARIES, heading, headed, label, labelled,
                             present, words_for)

ROOT = Path(__file__).resolve().parents[1]
SNAKE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")


def check_lists(db) -> dict[tuple[str, str], set[str]]:
    """{(table, column): the codes its CHECK constraint allows}, read from the migrated schema."""
    found: dict[tuple[str, str], set[str]] = {}
    rows = db.cursor().sql("select table_name, constraint_text from duckdb_constraints() "
                           "where constraint_type = 'CHECK' and schema_name = 'main'").fetchall()
    for table, text in rows:
        for column, listed in re.findall(r'"?(\w+)"?\s+IN\s+\(([^)]*)\)', text):
            codes = set(re.findall(r"'([^']*)'", listed))
            if codes:
                found.setdefault((table, column), set()).update(codes)
    return found


def test_every_code_the_schema_allows_has_its_label(db):
    coded = check_lists(db)
    assert len(coded) >= 20          # the schema's coded columns were found
    unlabelled = {key: codes for key, codes in coded.items() if key not in CODED_COLUMNS}
    assert not unlabelled, f"coded columns without a vocabulary in CODED_COLUMNS: {unlabelled}"
    missing = {key: sorted(codes - set(VOCABULARIES[CODED_COLUMNS[key]])) for key, codes in coded.items()}
    assert not {k: v for k, v in missing.items() if v}, missing


def test_every_table_the_audit_log_names_has_a_name_in_words(db):
    tables = {r[0] for r in db.cursor().sql("select table_name from information_schema.tables "
                                            "where table_schema = 'main'").fetchall()}
    assert tables - set(TABLES) == set()


def test_labels_are_words_and_missing_is_a_dash():
    for kind, words in VOCABULARIES.items():
        for code, text in words.items():
            assert text and not SNAKE.fullmatch(text) and "_" not in text, (kind, code, text)
            assert text[0].isupper() or text[0].isdigit() or kind == "goal_period", (kind, code, text)
    assert label("concern_status", "in_progress") == "In progress"
    assert label("concern_category", "drug_activity") == "Drug activity"
    assert label("contact_kind", "park_and_walk") == "Park and walk"
    assert label("role", "prevention") == "Crime Prevention officer"
    assert label("concern_status", None) == MISSING and label("concern_status", float("nan")) == MISSING
    assert label("concern_status", "escalated") == "Escalated"        # a code added later still reads as a word


def test_column_headers_are_words():
    for column, text in COLUMNS.items():
        assert "_" not in text and text[0].isupper(), (column, text)
    assert heading("org_type") == "Type" and heading("established_by_department") == "Set up by the department"
    assert heading("ride_alongs") == "Ride-alongs" and heading("non_enforcement_contacts") == "Non-enforcement contacts"
    assert heading("some_new_column") == "Some new column"       # never snake_case, even unlisted
    assert heading("Due in Nov 2026") == "Due in Nov 2026"       # a header already in words stays as it is


def test_labelled_frames_read_as_words_and_keep_missing_values_missing():
    frame = pd.DataFrame({"status": ["in_progress", None, "new", ""], "kinds": ["park_and_walk, resident", "youth",
                                                                            None, "business_check"]})
    shown = labelled(frame, status="concern_status", kinds="contact_kind")
    assert shown["status"].tolist()[0::2] == ["In progress", "New"]
    assert pd.isna(shown["status"].iloc[1]) and pd.isna(shown["status"].iloc[3])
    assert shown["kinds"].tolist()[:2] == ["Park and walk, Resident", "Youth"] and pd.isna(shown["kinds"].iloc[2])
    assert frame["status"].iloc[0] == "in_progress"          # a copy: the caller's frame is untouched
    assert headed(frame).columns.tolist() == ["Status", "Kinds of contact"]


def test_a_missing_value_in_a_sentence_is_a_word_not_nan():
    assert present(float("nan"), "no location") == "no location"
    assert present(pd.NaT) == MISSING and present(pd.NA) == MISSING and present(None) == MISSING
    assert present("") == MISSING and present(0) == 0 and present("Elm St") == "Elm St"


def test_a_forms_choices_are_offered_in_words():
    assert words_for(("day", "evening", "night")) == {"day": "Day", "evening": "Evening", "night": "Night"}
    assert words_for(("one_off", "course"))["one_off"] == "One-off event"


# ---------------------------------------------------------------- every grid through components/tables.py

def _grid_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = node.func.value
        # st.dataframe, st.data_editor, st.table, and the same on a column or container (left.dataframe)
        if node.func.attr in ("dataframe", "data_editor") or \
                (node.func.attr == "table" and isinstance(receiver, ast.Name) and receiver.id == "st"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.func.attr}(")
    return found


def test_every_grid_on_a_page_is_drawn_by_components_tables():
    """st.dataframe draws a missing value as "None" and a column under its code; components/tables.py
    draws "–", headers in words and coded columns by their labels. A page or component that calls
    st.dataframe or st.data_editor itself is found here."""
    files = [*ROOT.glob("app_pages/*.py"), *ROOT.glob("components/*.py"), ROOT / "app.py"]
    calls = [c for f in files if f.name != "tables.py" for c in _grid_calls(f)]
    assert not calls, "grids drawn outside components/tables.py: " + "; ".join(calls)


@pytest.mark.parametrize("given, shown", [
    ({}, {"org_type": "Type"}),
    ({"org_type": "Kind"}, {"org_type": "Kind"}),
    ({"org_type": None}, {"org_type": None}),                 # None hides a column, as in Streamlit
])
def test_table_headers_come_from_the_caller_or_the_vocabulary(given, shown):
    from components.tables import headers

    assert headers(["org_type"], given) == shown


def test_a_column_setting_without_a_label_gets_the_vocabulary_header():
    import streamlit as st

    from components.tables import headers

    config = headers(["ride_alongs"], {"ride_alongs": st.column_config.NumberColumn(format="%d")})
    assert config["ride_alongs"]["label"] == "Ride-alongs" and config["ride_alongs"]["type_config"]["format"] == "%d"


def test_a_business_category_is_free_text_shown_with_a_capital():
    # no code list: whatever was typed or imported, its first letter a capital
    assert label("business_category", "auto repair") == "Auto repair"
    assert label("business_category", "restaurant") == "Restaurant"
    assert label("business_category", None) == "–"


def test_a_typed_category_keeps_its_capitals():
    assert label("business_category", "BBQ joint") == "BBQ joint"
    assert label("business_category", "auto repair") == "Auto repair"
    assert label("role", "not_a_role") == "Not a role"
