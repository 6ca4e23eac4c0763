"""Import a city business list: upload, map columns, preview what would happen, import, summary."""

from __future__ import annotations

import hashlib

import streamlit as st

from components import flash, say
from components.feedback import show_error
from components.session import SignedIn
from components.tables import table
from components.uploads import read_once
from core import formatting
from core.importing.registry import IMPORTERS
from core.importing.shape import Upload
from core.tabular import apply_mapping
from queries.db import Database
from queries.errors import DataError

LABELS = {"name": "Business name", "address": "Address", "dba": "Doing business as", "phone": "Phone",
          "category": "Category", "latitude": "Latitude", "longitude": "Longitude",
          "location": "Location as \"(lat, lon)\" or \"POINT (lon lat)\"", "x": "X (projected, or longitude)",
          "y": "Y (projected, or latitude)", "district": "District code"}
NONE = "(not in this file)"
IMPORTER = IMPORTERS["businesses"]


def _read(data: bytes, filename: str) -> Upload:
    upload = Upload.of_bytes(data, filename)
    upload.frame()                  # read now (core/tabular.py): a refusal is kept with the file
    return upload


def _progress(bar):
    return lambda fraction, text: bar.progress(min(max(fraction, 0.0), 1.0), text=text)


def import_panel(db: Database, user: SignedIn) -> None:
    st.caption("A city business list as CSV or XLSX. Businesses already listed (same name and address) "
               "are updated, not doubled; blank cells never erase what is stored.")
    upload = st.file_uploader("Business list", type=["csv", "xlsx"], key="business_import_file")
    try:
        file = read_once(upload, "business_import_file", _read)
    except DataError as error:
        show_error(error)
        return
    if file is None:
        return
    frame = file.frame()
    data = upload.getvalue()
    columns = list(frame.columns)
    say.write("{rows}, columns: {columns}", rows=formatting.plural(len(frame), "row"),
              columns=", ".join(map(str, columns)))
    mapping = {}
    guess = IMPORTER.guess(columns)
    cells = st.columns(3)
    for number, field in enumerate(IMPORTER.fields):
        options = [NONE, *columns]
        choice = cells[number % 3].selectbox(say.text("{label}{star}", label=LABELS[field],
                                                      star=" *" if field in IMPORTER.required else ""), options,
                                             index=options.index(guess.get(field, NONE)),
                                             key=f"business_import_map_{field}")
        if choice != NONE:
            mapping[field] = choice
    crs = cells[(number + 1) % 3].text_input(
        "Coordinate system of X and Y", placeholder="EPSG:2263", key="business_import_crs",
        help="Only when X and Y are projected coordinates (state plane feet or metres): their EPSG code, such "
             "as EPSG:2263 (New York State Plane, feet) or EPSG:26985 (Maryland State Plane, metres). X and Y "
             "in degrees need none. Projected coordinates without a coordinate system are refused.").strip() or None
    try:
        apply_mapping(frame, mapping, set(IMPORTER.required), set(IMPORTER.fields))   # refuses a mapping early
    except DataError as error:
        show_error(error)
        return
    signature = hashlib.sha256(data).hexdigest() + repr(sorted(mapping.items())) + repr(crs)
    if st.button("Preview", key="business_import_preview"):
        bar = st.progress(0.0, text="Checking rows")
        try:
            checked = IMPORTER.check(db, user.actor, file, mapping, progress=_progress(bar), crs=crs)
            st.session_state["business_import_plan"] = (signature, checked.detail)
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
            done = IMPORTER.write(db, user.actor, file, mapping, progress=_progress(bar), crs=crs).detail
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
