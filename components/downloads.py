"""Lists leaving the app as files are on record: an audit row `download` when the file is made.

A download button's file is made only when the user clicks it (a callable handed to
`st.download_button`, which Streamlit runs on the click, in the file's own request and without
rerunning the page). `audited` wraps that callable: it makes the file, then writes the audit row
(who, what list, which file, how many rows), so showing the buttons writes nothing and every file
handed out is on record. Business contact lists and concerns hold names, addresses and phone
numbers; the other lists go through the same buttons (components/entry_form.export_buttons).
"""

from __future__ import annotations

from typing import Any, Callable

from components.database import get_database
from components.session import current_user
from core.formatting import plural


def audited(make: Callable[[], Any], what: str, file_name: str, rows: int | None = None,
            noun: str = "row") -> Callable[[], Any]:
    """`make`, which also writes the audit row once the file is made. The signed-in user and the
    database are taken now: the click runs outside the page's script."""
    user, db = current_user(), get_database()
    detail = download_detail(what, file_name, rows, noun)

    def make_and_record() -> Any:
        data = make()
        if user is not None:
            with db.unit_of_work(user.actor, figures=False) as uow:
                uow.audit("download", detail=detail)
        return data

    return make_and_record


def download_detail(what: str, file_name: str, rows: int | None = None, noun: str = "row") -> str:
    """The audit row's detail: 'business contact list, D1: list.csv, 3 businesses'."""
    return f"{what}: {file_name}" + ("" if rows is None else f", {plural(rows, noun)}")
