"""An uploaded file is read once, not on every rerun of its page.

Every click on a page reruns its script, and `st.file_uploader` hands the same file back each
time. What reading it gave (the table, its columns, or why it was refused) is kept in the
session under the uploader's key, with a digest of the bytes: the reruns reuse it, and a new file
is read once. The reading itself is bounded by the upload limits (core/tabular.py).
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

import streamlit as st

from queries.errors import DataError


def read_once(upload, key: str, reader: Callable[[bytes, str], Any]) -> Any:
    """`reader(data, file name)` of the file in the uploader with widget key `key`, or None when
    there is none. A refusal (DataError) is kept too, and raised again on each rerun."""
    slot = f"{key}__read"
    if upload is None:
        st.session_state.pop(slot, None)        # the file was removed: so is what it gave
        return None
    data = upload.getvalue()
    digest = (upload.name, hashlib.sha256(data).hexdigest())
    kept = st.session_state.get(slot)
    if kept is None or kept[0] != digest:
        try:
            kept = (digest, reader(data, upload.name), None)
        except DataError as refusal:
            kept = (digest, None, refusal)
        st.session_state[slot] = kept
    if kept[2] is not None:
        raise kept[2].with_traceback(None)
    return kept[1]
