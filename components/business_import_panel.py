"""Import a city business list: upload, map columns, preview what would happen, import, summary."""

from __future__ import annotations

import hashlib
import re

import streamlit as st

from components import flash, say
from components.feedback import show_error
from components.session import SignedIn
from components.tables import table
from components.uploads import read_once
from core import formatting
from core.business_import import FIELDS, REQUIRED, plan_import, run_import, with_column_names
from core.tabular import apply_mapping, read_table
from queries.db import Database
from queries.errors import DataError

LABELS = {"name": "Business name", "address": "Address", "dba": "Doing business as", "phone": "Phone",
          "category": "Category", "latitude": "Latitude", "longitude": "Longitude",
          "location": "Location as \"(lat, lon)\" or \"POINT (lon lat)\"", "x": "X (projected, or longitude)",
          "y": "Y (projected, or latitude)", "district": "District code"}
# column-name hints for a first guess of the mapping (the user can change every choice)
HINTS = {"name": ("businessname", "name", "business"), "address": ("address", "street"),
         "dba": ("dba", "dbaname"), "phone": ("phone", "dayphn", "telephone", "tel"),
         "category": ("category", "descript", "type"), "latitude": ("lat", "latitude", "y"),
         "longitude": ("lon", "long", "longitude", "lng", "x"), "location": ("location", "latlon"),
         "x": ("xcoord", "xcoordcd", "xblock"), "y": ("ycoord", "ycoordcd", "yblock"),
         "district": ("district",)}
NONE = "(not in this file)"


def _guess(field: str, columns: list[str]) -> str:
    simple = {re.sub(r"[^a-z]", "", c.lower()): c for c in columns}
    for hint in HINTS[field]:
        if hint in simple:
            return simple[hint]
    return NONE


def _progress(bar):
    return lambda fraction, text: bar.progress(min(max(fraction, 0.0), 1.0), text=text)


def import_panel(db: Database, user: SignedIn) -> None:
    st.caption("A city business list as CSV or XLSX. Businesses already listed (same name and address) "
               "are updated, not doubled; blank cells never erase what is stored.")
    upload = st.file_uploader("Business list", type=["csv", "xlsx"], key="business_import_file")
    try:
        frame = read_once(upload, "business_import_file", read_table)
    except DataError as error:
        show_error(error)
        return
    if frame is None:
        return
    data = upload.getvalue()
    columns = list(frame.columns)
    say.write("{rows}, columns: {columns}", rows=formatting.plural(len(frame), "row"),
              columns=", ".join(map(str, columns)))
    mapping = {}
    cells = st.columns(3)
    for number, field in enumerate(["name", "address", "dba", "phone", "category", "location", "latitude",
                                    "longitude", "district", "x", "y"]):
        options = [NONE, *columns]
        choice = cells[number % 3].selectbox(say.text("{label}{star}", label=LABELS[field],
                                                      star=" *" if field in REQUIRED else ""), options,
                                             index=options.index(_guess(field, columns)),
                                             key=f"business_import_map_{field}")
        if choice != NONE:
            mapping[field] = choice
    crs = cells[(number + 1) % 3].text_input(
        "Coordinate system of X and Y", placeholder="EPSG:2263", key="business_import_crs",
        help="Only when X and Y are projected coordinates (state plane feet or metres): their EPSG code, such "
             "as EPSG:2263 (New York State Plane, feet) or EPSG:26985 (Maryland State Plane, metres). X and Y "
             "in degrees need none. Projected coordinates without a coordinate system are refused.").strip() or None
    try:
        mapped = with_column_names(apply_mapping(frame, mapping, REQUIRED, FIELDS), mapping)
    except DataError as error:
        show_error(error)
        return
    signature = hashlib.sha256(data).hexdigest() + repr(sorted(mapping.items())) + repr(crs)
    if st.button("Preview", key="business_import_preview"):
        bar = st.progress(0.0, text="Checking rows")
        try:
            st.session_state["business_import_plan"] = (signature, plan_import(db, mapped, progress=_progress(bar),
                                                                               crs=crs))
        except DataError as error:
            show_error(error)
            return
        finally:
            bar.empty()
    stored = st.session_state.get("business_import_plan")
    if not stored or stored[0] != signature:
        st.caption("Preview shows what the import would add, update, flag and refuse before anything is written.")
        return
    plan = stored[1]
    say.info("Preview (nothing written yet): {plan}", plan=plan.sentence())
    say.caption("{coordinates}", coordinates=plan.coordinates_sentence())
    located = int(plan.rows["latitude"].notna().sum()) if "latitude" in plan.rows else 0
    outside = plan.flags.get("the point lies outside every district", 0)
    if located and outside > located / 2:
        say.warning("{outside:,} of {located:,} located rows fall outside every district: are this city's "
                    "district boundaries loaded (Administration)? The rows would still be kept and flagged.",
                    outside=outside, located=located)
    _reasons(plan)
    outcome = st.multiselect("Show rows", ["added", "updated", "unchanged", "merged", "refused", "flagged"],
                             default=["refused", "flagged"], key="business_import_show", format_func=str.capitalize)
    rows = plan.rows
    chosen = rows["outcome"].isin(outcome) | (rows["flagged"] & ("flagged" in outcome))
    listed = rows[chosen][["line", "outcome", "name", "address", "district", "main_phone", "note"]].head(500)
    table(listed.assign(outcome=listed["outcome"].str.capitalize()), width="stretch")
    if st.button(say.text("Import {name}", name=upload.name), type="primary", key="business_import_run"):
        bar = st.progress(0.0, text="Importing")
        try:
            done = run_import(db, user.actor, mapped, upload.name, progress=_progress(bar), crs=crs)
        except DataError as error:
            bar.empty()
            show_error(error)
            return
        bar.empty()
        st.session_state.pop("business_import_plan", None)
        st.session_state["business_import_done"] = done
        flash.later("success", "Imported: {summary}", summary=done.sentence())
        st.rerun()


def _reasons(plan) -> None:
    lines = [say.text("- flagged: {count:,} × {reason}", count=count, reason=reason)
             for reason, count in plan.flags.most_common()]
    lines += [say.text("- refused: {count:,} × {reason}", count=count, reason=reason)
              for reason, count in plan.refusals.most_common()]
    if lines:
        st.markdown(say.join("\n", lines))


def last_import_summary() -> None:
    done = st.session_state.get("business_import_done")
    if done is not None:
        say.caption("{coordinates}", coordinates=done.coordinates_sentence())
        _reasons(done)
