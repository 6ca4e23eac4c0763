"""Report documents (PDF, Word, Excel) made by the page, so that a file that cannot be made says why.

A download button whose file is made on the click (a callable handed to st.download_button) makes
it outside the page's script: when that fails, Streamlit shows "Failed to generate file for
download" for five seconds, and the reason only reaches the server log. So the report pages make
their documents in the script, when the user asks for them (one button; a few seconds while the
charts are drawn), keep them for the session while the report's content stays the same, and put
the reason in place of the button of any file that could not be made.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass
from typing import Any, Callable

import streamlit as st

from core.text import md

log = logging.getLogger(__name__)
SLOT = "documents_made"       # one set of files per session: the report last prepared


@dataclass(frozen=True)
class Document:
    label: str                # the button: "Download PDF"
    kind: str                 # in a sentence: "PDF", "Word (DOCX)"
    file_name: str
    mime: str
    make: Callable[[], bytes]


def document_downloads(key: str, content: Any, documents: list[Document]) -> None:
    """A button that makes `documents` (of the report `content`), then their download buttons, or
    for a file that could not be made, why."""
    digest = hashlib.sha256(pickle.dumps((key, content), protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    made = st.session_state.get(SLOT)
    if made is None or made[0] != digest:
        # the button's place is emptied once the files are made: only the downloads are left to do
        # (a changed report has another digest, so the button is back for it)
        prepare = st.empty()
        if not prepare.button("Prepare the files", key=f"{key}-prepare", icon=":material/description:"):
            kinds = [d.kind for d in documents]
            st.caption(md(f"Makes the {', '.join(kinds[:-1])} and {kinds[-1]} files of this report; the "
                          "charts are drawn then, which takes a few seconds."))
            return
        with st.spinner("Drawing the charts and writing the files…"):
            made = (digest, {d.file_name: _make(d) for d in documents})
        st.session_state[SLOT] = made
        prepare.empty()
    for column, document in zip(st.columns(len(documents)), documents):
        data, reason = made[1][document.file_name]
        if reason is None:
            column.download_button(md(document.label), data=data, file_name=document.file_name, mime=document.mime,
                                   key=f"{key}-{document.file_name}", on_click="ignore", icon=":material/download:")
        else:
            column.error(md(f"The {document.kind} file could not be made: {reason}. The other files are not "
                            "affected; the full error is in the server log."), icon=":material/error:")


def _make(document: Document) -> tuple[bytes | None, str | None]:
    try:
        return document.make(), None
    except Exception as error:          # any writer's failure: named to the user, logged in full
        log.exception("Making %s failed", document.file_name)
        first = (str(error).splitlines() or [""])[0][:200]
        return None, f"{type(error).__name__}: {first}" if first else type(error).__name__
