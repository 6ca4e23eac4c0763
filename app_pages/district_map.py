"""District map: districts coloured by a chosen measure, optional point layers, a table and a detail."""

import streamlit as st

from components import say
from components.database import get_database
from components.district_detail import show_district_detail
from components.figures import cached
from components.map_figure import LAYER_NAMES, district_figure
from components.map_layers import load_layers
from components.navigation import page_guard
from components.tables import table as show_table
from components.crime_period import crime_period_picker
from core.crime import crime_types as crime_type_table
from core.district_map import district_measures, district_shapes
from core.entry.programs import picker_programs
from core.exports import dataframe_to_csv_bytes
from core.map_settings import tile_url as map_tile_url

MEASURES = {
    "incidents": "Incidents",
    "events": "Program events",
    "attendance": "Attendance (people)",
    "attendance_per_1000": "Attendance per 1,000 residents",
    "businesses_verified_12m": "Businesses verified in the last 12 months",
    "open_concerns": "Open concerns at period end",
    "incidents_per_event": "Incidents per program event",
}
TABLE = {"code": "District", "name": "Name", "population": "Population", **MEASURES}

user = page_guard("district-map")
db = get_database()

st.title("District map")
shapes = cached(district_shapes, db, user.actor)
top = shapes[shapes["parent_code"].isna()]
if top.empty or top["geometry"].isna().all():
    st.info("No district boundaries have been imported yet. An administrator imports them under "
            "Administration > Districts & map (a GeoJSON file).")
    st.stop()

crime_types = cached(crime_type_table, db)
programs = cached(picker_programs, db)
c1, c2, c3, c4 = st.columns(4)
with c1:
    period = crime_period_picker(db, "map")
with c2:
    measure = st.selectbox("Colour districts by", list(MEASURES), format_func=MEASURES.get, key="map_measure")
with c3:
    type_labels = dict(zip(crime_types["code"], crime_types["label"]))
    crime_type = st.selectbox("Crime type (incidents)", ["all", *type_labels],
                              format_func=lambda c: type_labels.get(c, "All crime types"), key="map_crime_type")
with c4:
    program_names = dict(zip(programs["id"].tolist(), programs["name"]))
    program_id = st.selectbox("Program (events, attendance)", [0, *program_names],
                              format_func=lambda p: program_names.get(p, "All programs"), key="map_program")
layer_keys = st.multiselect("Points on the map", list(LAYER_NAMES), format_func=LAYER_NAMES.get,
                            key="map_layers", help="Incidents and businesses are counted per grid cell.")

crime_type = None if crime_type == "all" else crime_type
program_id = program_id or None
figures = cached(district_measures, db, user.actor, period, crime_type, program_id)
data = top[["id", "code", "name", "geometry"]].merge(
    figures.drop(columns=["code", "name"]), left_on="id", right_on="district_id")

layers = load_layers(db, user.actor, period, layer_keys, data["geometry"], crime_type, program_id)

filters = []
if crime_type and measure in ("incidents", "incidents_per_event"):
    filters.append(type_labels[crime_type])
if program_id and measure in ("events", "attendance", "attendance_per_1000", "incidents_per_event"):
    filters.append(program_names[program_id])
title = f"{MEASURES[measure]} by district, {period.label}" + (f" ({', '.join(filters)})" if filters else "")

if data[measure].fillna(0).sum() == 0:
    if measure == "attendance_per_1000" and data["population"].isna().all():
        st.info("No district has a population on record, so attendance per 1,000 residents cannot be shown.")
    else:
        say.info("Nothing to show for {measure} in {period}: every district is zero. Try a longer period or another "
                 "filter.", measure=MEASURES[measure].lower(), period=period.label)

tile_url = map_tile_url(db)
selected = st.session_state.get("map_district")
fig = district_figure(data, measure, MEASURES[measure], title, layers=layers, tile_url=tile_url,
                      selected_code=selected, hover_columns={k: v for k, v in MEASURES.items()})

left, right = st.columns([3, 2])
with left:
    event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", key="district_map_chart",
                            config={"scrollZoom": True, "displaylogo": False})
    for layer in layers:
        if layer.cells.empty:
            say.caption("{layer}: none with a location in this period.", layer=LAYER_NAMES[layer.key])
    if not tile_url:
        st.caption("Drawn without a background map (works offline). Click a district label to see its detail.")
with right:
    listed = data[list(TABLE)].round({"attendance_per_1000": 1, "incidents_per_event": 1}).rename(columns=TABLE)
    show_table(listed, column_config={TABLE[column]: st.column_config.NumberColumn(format="%.1f")
                                      for column in ("attendance_per_1000", "incidents_per_event")})
    st.download_button("Download table (CSV)", lambda: dataframe_to_csv_bytes(listed),
                       file_name=f"districts_{period.key}.csv", mime="text/csv", icon=":material/download:",
                       on_click="ignore")

codes = data["code"].tolist()
points = (event or {}).get("selection", {}).get("points", []) if event else []
clicked = next((p.get("customdata") for p in points if p.get("customdata") in codes), None)
if clicked and clicked != st.session_state.get("map_last_click"):
    st.session_state["map_last_click"] = clicked
    st.session_state["map_district"] = clicked
    st.session_state["map_district_pick"] = clicked
    st.rerun()
names = dict(zip(codes, data["name"]))
pick = st.selectbox("District detail", ["", *codes], key="map_district_pick",
                    format_func=lambda c: (f"{c} – {names[c]}" if names[c] != c else c) if c else
                    "Choose a district…") or None
if pick != selected:
    st.session_state["map_district"] = pick
    st.rerun()
if pick:
    row = data.set_index("code").loc[pick]
    show_district_detail(db, user.actor, int(row["district_id"]), pick, row, period)
