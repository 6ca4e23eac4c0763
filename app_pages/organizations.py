"""Organizations: community groups, their liaison and meetings, and where block/business watch is missing."""

import streamlit as st

from components import say
from components.database import get_database
from components.entry_form import FormState, date_columns, export_buttons
from components.figures import cached
from components.navigation import page_guard
from core import clock
from components.organization_form import meeting_fields, organization_fields
from core.entry import organizations
from core.districts import all_districts
from core.entry.organizations import ORG_TYPES
from components.tables import table
from core.text import md
from core.vocabulary import label
from queries.access import can

user = page_guard("organizations")
db = get_database()
actor = user.actor
writer = can(actor, "create", "organizations")
CODES = {"org_type": "organization_type"}

st.title("Organizations")
labels = ["Organizations", "Watch coverage"] + (["Add an organization", "Edit and log meetings"] if writer else [])
tabs = dict(zip(labels, st.tabs([md(label) for label in labels])))

with tabs["Organizations"]:
    c1, c2, c3 = st.columns(3)
    org_type = c1.selectbox("Type", ORG_TYPES, index=None, placeholder="All types",
                            format_func=lambda t: label("organization_type", t))
    districts = {d["id"]: d["code"] for d in cached(all_districts, db)}
    district = c2.selectbox("District", list(districts), index=None, format_func=districts.get,
                            placeholder="All districts", key="orgs_filter_district")
    active_only = c3.toggle("Active only", value=True)
    listed = cached(organizations.organization_list, db, clock.department_today(db), org_type=org_type,
                    district_id=district, active_only=active_only)
    if listed.empty:
        st.info("No organizations match these filters.")
    else:
        shown = listed.drop(columns=["id", "version"])
        table(shown, codes=CODES, width="stretch", column_config=date_columns(shown))
        export_buttons(shown, "organizations", "orgs_export", codes=CODES)

with tabs["Watch coverage"]:
    coverage = cached(organizations.watch_coverage, db)
    gaps = coverage[coverage["missing"] != ""]
    if coverage.empty:
        st.info("No districts are set up yet.")
    elif gaps.empty:
        st.success("Every district has an active block watch and an active business watch.")
    else:
        say.warning("{gaps} of {districts} districts lack an active watch group: {names}.", gaps=len(gaps),
                    districts=len(coverage),
                    names=say.join("; ", [say.text("{district} ({missing})", district=r.district, missing=r.missing)
                                          for r in gaps.itertuples()]))
    if not coverage.empty:
        table(coverage, width="stretch", column_config={"block_watch": "Block watch groups",
                                                        "business_watch": "Business watch groups", "missing": "Lacks"})

if writer:
    with tabs["Add an organization"]:
        new = FormState("new_org")
        new.show_outcome()
        data, submitted = organization_fields(db, new, None)
        if submitted:
            new.submit(lambda: organizations.create_organization(db, actor, data), f"{data['name']} saved.")

    with tabs["Edit and log meetings"]:
        names = {o["id"]: o["name"] for o in cached(organizations.organization_names, db)}   # every organization, by name
        chosen = st.selectbox("Organization", list(names), format_func=names.get, index=None,
                              placeholder="Choose an organization", key="orgs_pick")
        current = organizations.organization(db, chosen) if chosen else None
        if current:
            meeting = FormState(f"meeting_{chosen}")
            meeting.show_outcome()
            st.subheader("Meetings attended")
            mdata, logged = meeting_fields(db, meeting, actor.user_id)
            if logged:
                meeting.submit(lambda: organizations.log_meeting(db, actor, chosen, mdata), "Meeting logged.")
            history = cached(organizations.meetings_of, db, chosen)
            if history.empty:
                st.caption("No meetings logged yet.")
            else:
                table(history, width="stretch", column_config=date_columns(history))
            st.subheader("Details")
            edit = FormState(f"edit_org_{chosen}")
            edit.show_outcome()
            opened = edit.opened(current)
            data, submitted = organization_fields(db, edit, opened)
            if submitted:
                edit.submit(lambda: organizations.update_organization(db, actor, chosen, edit.version(opened["version"]),
                                                                      data), "Organization saved.", clear=False)
