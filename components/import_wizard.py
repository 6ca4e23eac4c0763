"""The import wizard: upload -> map columns (saved mappings) -> preview -> check every row -> import.

For the entry kinds of the registry (core/importing/registry.py), each an Importer of the one
shape (core/importing/shape.py) over its ImporterSpec:
    import_wizard(db, actor, IMPORTERS["events"], key="events")
Nothing is written until the user presses Import after a clean check, and then
all rows go in one transaction or none do.
"""

from __future__ import annotations

import json

import streamlit as st

from components import say
from components.entry_form import export_buttons
from components.tables import table
from core import formatting
from components.uploads import read_once
from core.importing import mappings
from core.importing.shape import Importer, Refused, Upload
from core.tabular import MAX_BYTES, FileRefused, apply_mapping
from core.text import md
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError

NONE = "(not in this file)"
GUESS = "(match column names)"


def _progress(text: str):
    bar = st.progress(0.0, text=text)
    shown = {"percent": -1}

    def update(fraction: float, words: str) -> None:
        if fraction >= 1 or int(fraction * 100) > shown["percent"]:
            shown["percent"] = int(fraction * 100)
            bar.progress(min(fraction, 1.0), text=words)
    return update


def _read(data: bytes, filename: str) -> Upload:
    upload = Upload.of_bytes(data, filename)
    upload.frame()                  # read now (core/tabular.py): a refusal is kept with the file
    return upload


def import_wizard(db: Database, actor: Actor, importer: Importer, key: str) -> None:
    spec = importer.spec            # the entry kind's fields in words
    with st.expander("Fields of this import"):
        st.markdown(say.join("\n", [say.text("- {field}", field=spec.explain(f)) for f in spec.fields]))
    upload = st.file_uploader(say.text("{title}: a CSV or XLSX file (up to {mb} MB)", title=spec.title,
                                       mb=MAX_BYTES // 1_000_000),
                              type=["csv", "xlsx"], key=f"{key}_file")
    try:
        file = read_once(upload, f"{key}_file", _read)
    except FileRefused as error:
        st.error(md(error), icon=":material/block:")
        return
    if file is None:
        return
    frame = file.frame()
    data = upload.getvalue()
    say.caption("{name}: {rows}; columns {columns}", name=upload.name, rows=formatting.plural(len(frame), "row"),
                columns=", ".join(map(str, frame.columns)))

    st.subheader("1. Which column holds which field")
    saved = importer.saved(db)
    chosen = st.selectbox("Start from", [GUESS, *saved], key=f"{key}_saved")
    base = importer.guess(list(frame.columns))
    if chosen in saved:
        base.update(mappings.fits(saved[chosen], frame))
    options = [NONE, *frame.columns]
    mapping: dict[str, str] = {}
    grid = st.columns(3)
    for index, field in enumerate(spec.fields):
        default = base.get(field)
        picked = grid[index % 3].selectbox(say.text("{field}{star}", field=spec.label(field),
                                                    star=" *" if field in spec.required else ""), options,
                                           index=options.index(default) if default in options else 0,
                                           key=f"{key}_{chosen}_{field}",
                                           help=md(spec.help[field]) if field in spec.help else None)
        if picked != NONE:
            mapping[field] = picked
    c1, c2 = st.columns([3, 1])
    name = c1.text_input("Save this mapping as", key=f"{key}_mapping_name", placeholder="e.g. Safe Kids export")
    if c2.button("Save mapping", key=f"{key}_save_mapping"):
        try:
            mappings.save(db, actor, spec, name, mapping)
            say.success("Mapping {name} saved.", name=name)
        except DataError as error:
            st.error(md(error))
    try:
        mapped = apply_mapping(frame, mapping, set(spec.required), set(spec.fields))
    except FileRefused as error:
        st.error(md(error), icon=":material/block:")
        return

    st.subheader("2. Preview")
    table(mapped.head(10), width="stretch",
          column_config={f: spec.label(f) for f in mapped.columns if f in spec.fields})
    signature = json.dumps([upload.name, len(data), mapping], sort_keys=True)
    state_key = f"{key}_checked"
    if st.button("Check every row", key=f"{key}_check", icon=":material/rule:"):
        try:
            checked = importer.check(db, actor, file, mapping, progress=_progress("Checking"))
        except DataError as error:
            st.error(md(error))
            return
        st.session_state[state_key] = (signature, checked)
    stored = st.session_state.get(state_key)
    if not stored or stored[0] != signature:
        return
    checked = stored[1]
    st.subheader("3. Import")
    if not checked.ok:
        say.error("{problems} in {rows}; nothing can be imported until the file is fixed.",
                  problems=formatting.plural(len(checked.problems), "problem"),
                  rows=formatting.plural(checked.problems["row"].nunique(), "row"), icon=":material/error:")
        table(checked.problems, width="stretch")
        export_buttons(checked.problems, f"{spec.kind}-import-problems", f"{key}_problems")
        return
    say.success("{rows} fine.", icon=":material/check_circle:",
                rows="The row is" if len(mapped) == 1 else f"All {formatting.count(len(mapped))} rows are")
    repeated = checked.counts.get("repeated", 0)
    if repeated:
        say.info("{repeated} an earlier row of the file exactly; each is imported once.",
                 repeated="1 row repeated" if repeated == 1 else f"{formatting.count(repeated)} rows repeated")
    if st.button(say.text("Import {rows}", rows=formatting.plural(len(mapped), "row")), type="primary",
                 key=f"{key}_write",
                 icon=":material/upload:"):
        try:
            count = importer.write(db, actor, file, mapping, progress=_progress("Importing")).counts["rows"]
        except Refused as refused:
            st.error(md(refused))
            table(refused.problems, width="stretch")
            return
        except DataError as error:
            st.error(md(error))
            return
        st.session_state.pop(state_key, None)
        say.success("Imported {count:,} {what} from {name}.", count=count, what=spec.title.lower(), name=upload.name,
                    icon=":material/done_all:")
