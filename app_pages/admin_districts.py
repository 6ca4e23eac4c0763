"""Administration: district boundaries (GeoJSON import) and the map's optional tile basemap."""

import streamlit as st

from components import say
from components.database import get_database
from components.feedback import show_error
from components.navigation import page_guard
from components.tables import table
from components.uploads import read_once
from core import settings
from core.districts import district_table
from core.district_import import KINDS, feature_properties, import_districts, parse_population_csv
from core.map_settings import KEY, set_tile_url
from core.vocabulary import label
from queries.errors import DataError

admin = page_guard("admin-districts")
db = get_database()

st.title("Districts & map")
st.subheader("Import district boundaries")
st.write("A GeoJSON FeatureCollection of Polygon or MultiPolygon features in longitude/latitude (WGS84). "
         "Features that share a code become one district. Re-importing replaces the boundaries of the "
         "districts in the file and keeps every record that refers to them; districts not in the file are "
         "kept and listed.")
upload = st.file_uploader("GeoJSON file", type=["geojson", "json"], key="districts_file")
properties: list[str] = read_once(upload, "districts_file", feature_properties) or []     # once per file
with st.form("district_import"):
    c1, c2, c3, c4 = st.columns(4)
    if properties:
        id_field = c1.selectbox("Code property", properties)
        name_field = c2.selectbox("Name property", ["", *properties],
                                  format_func=lambda p: p or "(same as the code)") or None
        parent_field = c3.selectbox("Parent district property", ["", *properties],
                                    format_func=lambda p: p or "(none: these are districts)") or None
    else:
        id_field = c1.text_input("Code property")
        name_field = c2.text_input("Name property") or None
        parent_field = c3.text_input("Parent district property (sectors or beats)") or None
    child_kind = c4.selectbox("Features with a parent are", KINDS[1:], index=1,
                              format_func=lambda kind: label("district_kind", kind).lower() + "s")
    population_file = st.file_uploader("Population (optional CSV with columns code, population)", type=["csv"])
    submitted = st.form_submit_button("Import boundaries", type="primary")
if submitted:
    if upload is None:
        st.error("Choose a GeoJSON file first.")
    else:
        try:
            population = (parse_population_csv(population_file.getvalue(), population_file.name)
                          if population_file else None)
            with st.spinner("Checking and saving the boundaries…"):
                summary = import_districts(db, admin.actor, upload.getvalue(), id_field=id_field,
                                           name_field=name_field, parent_field=parent_field,
                                           child_kind=child_kind, population=population, source=upload.name)
            say.success("Boundaries imported.\n\n{lines}",
                        lines=say.join("\n", [say.text("- {line}", line=line) for line in summary.lines()]))
        except DataError as error:
            show_error(error)

districts = district_table(db)
if districts.empty:
    st.info("No districts yet.")
else:
    table(districts.drop(columns=["id"]), codes={"kind": "district_kind"},
          column_config={"kind": "Kind", "parent_code": "Part of", "code": "Code"})

st.subheader("Background map (optional)")
st.write("Without a tile URL the map draws the district shapes on a plain background and needs no internet. "
         "When this server can reach a tile server, enter its raster tile template to draw the districts "
         "over a street map.")
current = settings.row(db, KEY)
with st.form("tile_url"):
    url = st.text_input("Tile URL template", value=(current or {}).get("value") or "",
                        placeholder="https://tile.example.org/{z}/{x}/{y}.png")
    saved = st.form_submit_button("Save")
if saved:
    try:
        set_tile_url(db, admin.actor, url, (current or {}).get("version"))
        st.success("Saved: the map uses this tile server." if url.strip() else "Saved: no background map.")
    except DataError as error:
        show_error(error)
