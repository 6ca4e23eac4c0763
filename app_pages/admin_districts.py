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
from core.importing.registry import IMPORTERS
from core.importing.shape import Upload
from core.map_settings import KEY, set_tile_url
from core.vocabulary import label
from queries.errors import DataError

admin = page_guard("admin-districts")
db = get_database()
boundaries = IMPORTERS["districts"]
CHILD_KINDS = next(option.choices for option in boundaries.options if option.name == "child_kind")

st.title("Districts & map")
st.subheader("Import district boundaries")
st.write("A GeoJSON FeatureCollection of Polygon or MultiPolygon features in longitude/latitude (WGS84). "
         "Features that share a code become one district. Re-importing replaces the boundaries of the "
         "districts in the file and keeps every record that refers to them; districts not in the file are "
         "kept and listed.")
upload = st.file_uploader("GeoJSON file", type=["geojson", "json"], key="districts_file")
properties: list[str] = read_once(upload, "districts_file",                                # once per file
                                  lambda data, name: boundaries.columns(Upload.of_bytes(data, name))) or []
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
    child_kind = c4.selectbox("Features with a parent are", CHILD_KINDS, index=1,
                              format_func=lambda kind: label("district_kind", kind).lower() + "s")
    population_file = st.file_uploader("Population (optional CSV with columns code, population)", type=["csv"])
    submitted = st.form_submit_button("Import boundaries", type="primary")
if submitted:
    if upload is None:
        st.error("Choose a GeoJSON file first.")
    else:
        try:
            population = (Upload.of_bytes(population_file.getvalue(), population_file.name)
                          if population_file else None)
            mapping = {"code": id_field, "name": name_field, "parent": parent_field}
            with st.spinner("Checking and saving the boundaries…"):
                done = boundaries.write(db, admin.actor, Upload.of_bytes(upload.getvalue(), upload.name),
                                        {field: prop for field, prop in mapping.items() if prop is not None},
                                        child_kind=child_kind, population_csv=population)
            say.success("Boundaries imported.\n\n{lines}",
                        lines=say.join("\n", [say.text("- {line}", line=line) for line in done.lines]))
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
