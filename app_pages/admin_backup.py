"""Administration: take a consistent backup while the app runs."""

import streamlit as st

from components.database import get_database
from components.navigation import page_guard
from queries.backup import backup

admin = page_guard("admin-backup")
db = get_database()
BACKUP_DIR = db.path.parent / "backups"

st.title("Backup")
st.write(
    "A backup is a complete, consistent copy of the database taken by the running app, "
    f"written to `{BACKUP_DIR}`. Copy backups off this server regularly. To restore, stop the app and run "
    "`python cli.py restore FILE`."
)
if st.button("Take a backup now", type="primary", icon=":material/backup:"):
    with st.spinner("Writing the backup…"):
        made = backup(db, admin.actor, BACKUP_DIR)
    st.success(f"Backup written: {made.name} ({made.stat().st_size / 1e6:.1f} MB)")

existing = sorted(BACKUP_DIR.glob("community-*.duckdb"), reverse=True) if BACKUP_DIR.exists() else []
if existing:
    st.subheader("Backups on this server")
    st.dataframe(
        [{"file": p.name, "size (MB)": round(p.stat().st_size / 1e6, 1)} for p in existing],
        hide_index=True,
    )
else:
    st.info("No backups on this server yet.")
