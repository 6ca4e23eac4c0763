"""Community Relations Dashboard: entry point.

Page config, the sign-in gate, then navigation built for the signed-in role.
Pages live in app_pages/ (not pages/, which Streamlit would serve by URL
without running this file, so without the gate).
"""

from pathlib import Path

from components import warm_up

# Before this script imports anything of its own: when serve.py's warm-up is importing the same
# modules, wait for it, as two threads importing one circle of modules can fail (components/warm_up.py).
warm_up.ready(warm_up.SIGN_IN)

import streamlit as st

from components import cache_guard, flash, page_style, say
from components.database import get_database
from components.navigation import pages_for, sign_in_pages
from components.session_watch import watch_session
from components.sign_in import sign_in_gate, sign_out
from components.sign_in_page import render_sign_in_help
from core.vocabulary import label
from demo.bootstrap import DEMO_ACCOUNTS, ensure_database
from queries.private_files import owner_only

owner_only()               # files this process creates (database, WAL, backups) are the owner's alone
# the icon is served by the app itself (a ":material/..." icon is fetched from an outside host)
st.set_page_config(page_title="Community Relations", page_icon=Path(__file__).parent / "data" / "shield.png",
                   layout="wide")
page_style.apply()
cache_guard.install()      # only an administrator's session may clear the caches (see the module)

db = get_database(ensure_database)      # a new file is created with the demo town
db.data_version()          # read once per rerun: a save in any app process (server mode) makes cached figures stale
user, authenticator = sign_in_gate(db)

if user is None:
    render_sign_in_help(db, DEMO_ACCOUNTS)   # listed only while this is the demo database
    warm_up.start()        # the home page's modules load while the user types (a no-op once started)
    # Every address shows the sign-in form and keeps its place for after the sign-in.
    st.navigation(sign_in_pages(), position="hidden").run()
    st.stop()

with st.sidebar:
    say.caption("Signed in as **{name}** ({role})", name=user.display_name, role=label("role", user.actor.role))
    if st.button("Sign out", icon=":material/logout:"):
        sign_out(db, authenticator)
        st.rerun()
    watch_session(db)      # an ended or idle session clears this screen within half a minute

# A temporary password must be changed before anything else.
only = {"account"} if user.must_change_password else None
page = st.navigation(pages_for(user.actor.role, only=only), expanded=True)
flash.visiting(page.url_path)
flash.show()               # what the user's last action on this page said (it then reran the page)
page.run()
