"""Community concerns: the ageing view, intake, and the work on each concern until it has a response."""

import streamlit as st

from components import say
from components.concern_forms import ageing_chart, intake_form, marked, work_forms
from components.database import get_database
from components.entry_form import FormState, export_buttons
from components.figures import cached
from components.navigation import page_guard
from core import clock, formatting
from components.paging import PAGE_ROWS, page_start, shown_caption
from core import settings
from core.choices import join, picker, stamp, text
from core.entry.concerns import CATEGORIES, PICK_ROWS, concern, concern_history, concern_list, find_concerns
from components.tables import table
from core.text import md
from core.formatting import plural
from core.vocabulary import label, labelled, present
from queries.access import can, scoped

user = page_guard("concerns")
db = get_database()
actor = user.actor
officer = scoped(actor)          # a patrol officer starts from the concerns they reported or hold
CODES = {"category": "concern_category", "status": "concern_status", "channel": "concern_channel",
         "referred_to": "referral"}

st.title("Community concerns")
labels = ["Open concerns"] + (["Report a concern"] if can(actor, "create", "concerns") else []) + [
    "Find and work a concern"]
tabs = dict(zip(labels, st.tabs([md(label) for label in labels])))
response_days = settings.response_days(db)


def listing(open_only: bool, mine_only: bool, category=None):
    return cached(concern_list, db, actor, clock.department_today(db), open_only=open_only, mine_only=mine_only,
                  category=category)


with tabs["Open concerns"]:
    mine = st.toggle("Only concerns I reported or hold", value=officer, key="ageing_mine")
    open_list = listing(True, mine)
    overdue = int(open_list["overdue"].sum()) if not open_list.empty else 0
    c1, c2, c3 = st.columns(3)
    c1.metric("Open concerns", len(open_list))
    c2.metric(say.text("Overdue (over {days} days)", days=response_days), overdue)
    c3.metric("Oldest open (days)", int(open_list["age_days"].max()) if not open_list.empty else 0)
    ageing_chart(open_list, response_days)
    if not open_list.empty:
        listed = open_list.drop(columns=["version", "resolved_on", "response_given"])
        start, _ = page_start(len(listed), "concerns_page", PAGE_ROWS)
        shown = listed.iloc[start:start + PAGE_ROWS]
        say.caption("{count:,} open concerns, overdue and oldest first{shown}{all}", count=len(listed),
                    shown=shown_caption(start, len(shown), len(listed)),
                    all=" · the downloads hold them all" if len(shown) < len(listed) else "")
        table(marked(shown, response_days), codes=CODES, width="stretch",
              column_config={"received_on": st.column_config.DateColumn("Received", format=formatting.DAY_COLUMN),
                             "age_days": st.column_config.NumberColumn("Days open")})
        export_buttons(listed, "open-concerns", "concerns_export", codes=CODES)

if "Report a concern" in tabs:
    with tabs["Report a concern"]:
        intake = FormState("new_concern")
        intake.show_outcome()
        intake_form(db, actor, intake)

with tabs["Find and work a concern"]:
    FormState("concern_work").show_outcome()
    c1, c2, c3 = st.columns(3)
    include_closed = c1.toggle("Include resolved", value=False)
    category = c2.selectbox("Category", CATEGORIES, index=None, placeholder="All categories",
                            format_func=lambda c: label("concern_category", c))
    only_mine = c3.toggle("Only mine", value=officer)
    needle = st.text_input("Find a concern", key="concern_find",
                           placeholder="Its number, or words of its place or description")
    found = find_concerns(listing(not include_closed, only_mine, category), needle)
    if found.empty:
        st.info("No concerns match.")
    else:
        # overdue and oldest first; only the rows offered are put in words (a large city's open list
        # in words was a quarter of each rerun of this page)
        offered = labelled(found.head(PICK_ROWS), **CODES)
        if len(found) > PICK_ROWS:
            say.caption("{count:,} concerns match; the first {first} (overdue and oldest first) are in the list below. "
                        "Type a number or words above to find another.", count=len(found), first=PICK_ROWS)
        choices = picker(offered["id"], join(
            "#", text(offered["id"]), " · ", stamp(offered["received_on"], "D"), " · ", text(offered["category"]),
            " · ", text(offered["status"]), " · ", text(offered["location"])))
        chosen = st.selectbox("Concern", list(choices), format_func=choices.get, index=None,
                              placeholder="Choose a concern", key="concerns_pick")
        if chosen:
            current = concern(db, chosen)
            row = offered.set_index("id").loc[chosen]
            say.markdown("**{category}** in {district}, {location} · received {received} ({age}) · "
                         "status **{status}**{assigned}", category=row["category"],
                         district=present(row["district"], "no district"),
                         location=present(row["location"], "no location"), received=formatting.day(row["received_on"]),
                         age=plural(row["age_days"], "day"), status=row["status"],
                         assigned=say.text(" · assigned to {who}", who=row["assigned_to"])
                         if present(row["assigned_to"], "") else "")
            st.markdown(md(row["description"]))
            history = concern_history(db, chosen)
            table(history, codes={"status": "concern_status"}, width="stretch",
                  column_config={"at_utc": st.column_config.DatetimeColumn("When", format=formatting.MOMENT_COLUMN),
                                 "by_user": None, "written_by": "By"})
            if can(actor, "update", "concern_updates") and current:
                work_forms(db, actor, chosen, current)
