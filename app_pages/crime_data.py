"""Crime data: import the records system's incident export and keep the offense -> crime type mapping."""

import pandas as pd
import streamlit as st

from components import say
from components.database import get_database
from components.district_mapping_editor import district_mapping_editor, last_import_caption
from components.feedback import show_error
from components.figures import cached
from components.navigation import page_guard
from components.offense_editor import offense_mapping_editor
from components.uploads import read_once
from core.importing.registry import IMPORTERS
from core.importing.shape import Upload
from components.tables import table
from core import formatting
from core.crime import incident_span
from core.text import md
from core.vocabulary import heading
from queries.errors import DataError

user = page_guard("crime-data")
db = get_database()
incidents = IMPORTERS["incidents"]

st.title("Crime data")
on_record = st.empty()       # filled at the end, so it counts what an import below just wrote

st.subheader("Import incidents")
st.write("A CSV or XLSX export with a header row. Re-importing an incident number updates that incident. "
         "The district the record states wins, read as people write it (001, D1, District 1, 1st, or a "
         "district's name); only rows whose district is blank or names no district are placed by their "
         "location. Rows without a location are kept and counted. The date and time come from one column, or "
         "from a date column and a time column; a time written with a UTC offset (+00, Z) is converted to the "
         "department's time zone (unless you mark the file's offsets as wrong below), and rows with a "
         "placeholder date (1970-01-01, 1900-01-00) are counted and left out.")
upload = st.file_uploader("Incident file", type=["csv", "xlsx"], key="incident_file")
try:
    columns = read_once(upload, "incident_file",                     # the header, read once per file
                        lambda data, name: incidents.columns(Upload.of_bytes(data, name)))
except DataError as error:
    show_error(error)
    st.stop()
if upload is not None:
    guess = incidents.guess(columns)
    with st.form("incident_mapping"):
        st.markdown("**Which column holds each field?**")
        chosen = {}
        grid = st.columns(4)
        for i, field in enumerate(incidents.fields):
            options = ["", *columns]
            label = heading(field) + (" (required)" if field in incidents.required
                                      else " (required, or Date)" if field == "occurred_at" else "")
            chosen[field] = grid[i % 4].selectbox(md(label), options, index=options.index(guess.get(field, "")),
                                                  format_func=lambda c: c or "(not in the file)",
                                                  key=f"map_{field}")
        crs = st.text_input("Coordinate system of X and Y", placeholder="EPSG:2263", key="incident_crs",
                            help="Only when X and Y are projected coordinates (state plane feet or metres): their "
                                 "EPSG code, such as EPSG:2263 (New York State Plane, feet) or EPSG:26985 "
                                 "(Maryland State Plane, metres). X and Y in degrees need none. A file with "
                                 "projected coordinates and no coordinate system is refused. Location reads a "
                                 "'(lat, lon)' text or a 'POINT (lon lat)'.")
        offsets_are_local = st.checkbox(
            "The file's time offsets are wrong: read its times as our local time", key="incident_offsets_local",
            help="Tick this when the file writes a UTC offset (such as +00 or Z) on times that are in fact the "
                 "department's local time. The sign: an hour column (HOUR) that matches the hour written in the "
                 "date and time. Left unticked, a time with an offset is converted to the department's time zone.")
        go = st.form_submit_button("Import", type="primary")
    if go:
        mapping = {f: c for f, c in chosen.items() if c}
        bar = st.progress(0.0, text="Starting…")
        try:
            summary = incidents.write(db, user.actor, Upload.of_bytes(upload.getvalue(), upload.name), mapping,
                                      progress=lambda f, t: bar.progress(f, text=t), crs=crs.strip() or None,
                                      offsets_are_local=offsets_are_local).detail
            bar.empty()
            say.success("Import finished.\n\n{lines}",
                        lines=say.join("\n", [say.text("- {line}", line=line) for line in summary.lines()]))
            for warning in summary.warnings:
                say.warning("{warning}", warning=warning)
            if summary.problems:
                st.markdown("**First rows not imported**")
                table(pd.DataFrame([{**p, "field": heading(p["field"])} for p in summary.problems]))
        except DataError as error:
            bar.empty()
            show_error(error)

last_import_caption(db)
offense_mapping_editor(db, user.actor)
district_mapping_editor(db, user.actor)

span = cached(incident_span, db)
if span and span["incidents"]:
    on_record.caption(say.text("{count} on record, {first} to {last}.",
                               count=formatting.plural(span["incidents"], "incident"),
                               first=formatting.day(span["first_day"]),
                               last=formatting.day(span["last_day"])))
else:
    on_record.caption("No incidents on record yet.")
