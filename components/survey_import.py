"""Import a survey wave, for the Crime Prevention officer and administrators: the export (CSV or XLSX),
the question map (a saved one, a JSON file, or written here), the wave's name and fieldwork dates, a
preview of what each column measures with its value counts, every problem listed, then the import.
The Community perception page calls `import_section(db, user)`.

Nothing is written until Import is pressed after a check that found no problem; then the wave, its
answers and comments go in together, or nothing does (core/surveys/importer.py)."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from components import say
from components.entry_form import export_buttons
from components.tables import table
from components.uploads import read_once
from core import clock, formatting
from core.importing.registry import IMPORTERS
from core.importing.shape import Refused, Upload
from core.surveys import areas, question_map
from core.tabular import MAX_BYTES, FileRefused
from core.text import md
from queries.access import can
from queries.errors import DataError, ValidationError

KEY = "survey_import"
SURVEYS = IMPORTERS["surveys"]
NEW_MAP = "Write a new question map"
PREVIEW_HEADERS = {"column": "Column", "measure": "What it measures", "value": "Value", "label": "Label",
                   "counted": "Counted as", "count": "Respondents"}
PROBLEM_HEADERS = {"row": "Row", "column": "Column", "reason": "Reason"}


def _read(data: bytes, filename: str) -> Upload:
    upload = Upload.of_bytes(data, filename)
    upload.frame()                  # read now (core/tabular.py): a refusal is kept with the file
    return upload


def _map_problems(error: ValidationError) -> None:
    st.error("The question map has mistakes; nothing can be checked until they are put right.",
             icon=":material/error:")
    table(pd.DataFrame([{"entry": entry, "reason": reason} for entry, reason in error.problems.items()]),
          column_config={"entry": "Entry of the map", "reason": "Reason"}, width="stretch")


def _question_map(db, actor):
    """The question map chosen or written (a QuestionMap), or None while there is none that reads."""
    saved = question_map.saved(db)
    st.subheader("2. What each column measures")
    st.caption("A question map says where each respondent lives, which column holds the survey weight, and "
               "for each question what it measures and its answer scale. Save it to use again for the next wave.")
    st.download_button("Example question map", json.dumps(question_map.EXAMPLE, indent=2), type="tertiary",
                       file_name="question-map-example.json", mime="application/json", key=f"{KEY}_map_example",
                       icon=":material/download:")
    chosen = st.selectbox("Question map", [*saved, NEW_MAP], key=f"{KEY}_map_choice")
    uploaded = st.file_uploader("Or take it from a question map file (JSON)", type=["json"], key=f"{KEY}_map_file")
    text = None
    if uploaded is not None:
        text = uploaded.getvalue().decode("utf-8", errors="replace")
    elif chosen in saved:
        text = json.dumps(saved[chosen], indent=2, ensure_ascii=False)
    if st.toggle("Show and edit the question map", key=f"{KEY}_map_edit", value=chosen == NEW_MAP and text is None):
        text = st.text_area("Question map (JSON)", value=text or "", height=320, key=f"{KEY}_map_text_{chosen}")
    if not text or not text.strip():
        st.info("Choose a saved question map, take one from a file, or write one.")
        return None
    try:
        qmap = question_map.parse(text)
        question_map.check_names(db, qmap)
    except ValidationError as error:
        _map_problems(error)
        return None
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    name = c1.text_input("Save this question map as", key=f"{KEY}_map_name",
                         value=chosen if chosen in saved else "", placeholder="e.g. Resident survey")
    if c2.button("Save question map", key=f"{KEY}_map_save", icon=":material/save:"):
        try:
            question_map.save(db, actor, name, qmap)
            say.success("Question map {name} saved.", name=name.strip())
        except DataError as error:
            st.error(md(error))
    return qmap


def _area_codes(db, actor) -> None:
    """The saved area lookups, and a form to add or change codes of one."""
    saved = areas.lookups(db)
    with st.expander("Area codes (ZIP, council ward, ...)"):
        if saved:
            say.caption("Saved: {lookups}", lookups=", ".join(
                f"{name} ({formatting.plural(count, 'code')})" for name, count in saved.items()))
        else:
            st.caption("No area codes are saved yet.")
        c1, c2 = st.columns([1, 2])
        lookup = c1.text_input("Lookup", key=f"{KEY}_lookup", placeholder="e.g. Council district")
        lines = c2.text_area("Codes: one a line, the survey's code = the district code", key=f"{KEY}_lookup_codes",
                             placeholder="64114 = D3\n64155 = D1", height=120)
        if st.button("Save area codes", key=f"{KEY}_lookup_save", icon=":material/save:"):
            pairs, bad = {}, []
            for number, line in enumerate(lines.splitlines(), start=1):
                if not line.strip():
                    continue
                code, sep, district = line.partition("=")
                if not sep:
                    bad.append(number)
                else:
                    pairs[code.strip()] = district.strip()
            if bad:
                say.error("Line {lines}: write each code as code = district code.",
                          lines=", ".join(map(str, bad)))
                return
            try:
                counts = areas.save_codes(db, actor, lookup, pairs)
            except ValidationError as error:
                st.error(md(error))
                return
            say.success("{lookup}: {added} added, {changed} changed.", lookup=lookup.strip(),
                        added=formatting.count(counts["added"]), changed=formatting.count(counts["changed"]))


def import_section(db, user) -> None:
    """The survey import for a role that may import survey answers (the page asks `can` first too)."""
    actor = user.actor
    if not can(actor, "import", "survey_answers"):
        return
    st.subheader("1. The survey's export")
    upload = st.file_uploader(say.text("A CSV or XLSX file, one row per respondent (up to {mb} MB)",
                                       mb=MAX_BYTES // 1_000_000), type=["csv", "xlsx"], key=f"{KEY}_file")
    try:
        file = read_once(upload, f"{KEY}_file", _read)
    except FileRefused as error:
        st.error(md(error), icon=":material/block:")
        return
    if file is not None:
        say.caption("{name}: {rows} and {columns}", name=file.filename,
                    rows=formatting.plural(len(file.frame()), "respondent"),
                    columns=formatting.plural(len(file.frame().columns), "column"))
    c1, c2, c3 = st.columns([2, 1, 1])
    wave = c1.text_input("Wave", key=f"{KEY}_wave", placeholder="e.g. Spring 2026",
                         help="A wave imported again under its name has its answers replaced.")
    today = clock.department_today(db)
    start = c2.date_input("Fieldwork from", value=today, key=f"{KEY}_start", format="YYYY-MM-DD")
    end = c3.date_input("Fieldwork to", value=today, key=f"{KEY}_end", format="YYYY-MM-DD")
    _area_codes(db, actor)
    qmap = _question_map(db, actor)
    if file is None or qmap is None:
        return

    st.subheader("3. Check and import")
    options = {"wave": wave, "fieldwork_start": start, "fieldwork_end": end, "question_map": qmap}
    signature = json.dumps([file.filename, len(file.read()), qmap.as_dict(), wave, str(start), str(end)],
                           sort_keys=True)
    if st.button("Check every row", key=f"{KEY}_check", icon=":material/rule:"):
        try:
            st.session_state[f"{KEY}_checked"] = (signature, SURVEYS.check(db, actor, file, {}, **options))
        except ValidationError as error:
            st.session_state.pop(f"{KEY}_checked", None)
            if any(question_map.ARROW in entry for entry in error.problems):
                _map_problems(error)
            else:
                st.error(md(error))
            return
        except DataError as error:
            st.session_state.pop(f"{KEY}_checked", None)
            st.error(md(error))
            return
    stored = st.session_state.get(f"{KEY}_checked")
    if not stored or stored[0] != signature:
        return
    checked = stored[1]
    table(checked.preview, column_config=PREVIEW_HEADERS, width="stretch")
    if checked.refused:
        say.error("{problems} in {rows}; nothing can be imported until the file or the question map is put right.",
                  problems=formatting.plural(len(checked.problems), "problem"),
                  rows=formatting.plural(checked.problems["row"].nunique(), "row"), icon=":material/error:")
        table(checked.problems, column_config=PROBLEM_HEADERS, width="stretch")
        export_buttons(checked.problems, "survey-import-problems", f"{KEY}_problems")
        return
    for line in checked.lines:
        say.caption("{line}", line=line)
    if st.button(say.text("Import wave {wave}", wave=wave.strip() or "…"), type="primary", key=f"{KEY}_write",
                 icon=":material/upload:"):
        try:
            done = SURVEYS.write(db, actor, file, {}, **options)
        except Refused as refused:
            st.error(md(refused))
            table(refused.problems, column_config=PROBLEM_HEADERS, width="stretch")
            return
        except DataError as error:
            st.error(md(error))
            return
        st.session_state.pop(f"{KEY}_checked", None)
        say.success("{heading}", heading=done.heading, icon=":material/done_all:")
