"""Administration: take a consistent backup while the app runs."""

import pandas as pd
import streamlit as st

from components import say
from components.database import get_database
from components.navigation import page_guard
from components.tables import table
from core.backups import backup_folder, backups_on_server, is_server_database, take_backup

admin = page_guard("admin-backup")
db = get_database()
BACKUP_DIR = backup_folder(db.url if is_server_database(db) else db.path)

st.title("Backup")
if is_server_database(db):
    # a PostgreSQL restore replaces the database every app process serves: it is done from the command line
    say.write("A backup is a complete, consistent copy of the PostgreSQL database (pg_dump) taken while the app "
              "runs, written to {folder}. Copy backups off this server regularly. This page does not restore: "
              "to restore, stop every app process and run `python cli.py --db URL restore FILE --replace`.",
              folder=str(BACKUP_DIR))
else:
    say.write("A backup is a complete, consistent copy of the database taken by the running app, written to "
              "{folder}. Copy backups off this server regularly. To restore, stop the app and run "
              "`python cli.py restore FILE`.", folder=str(BACKUP_DIR))
if st.button("Take a backup now", type="primary", icon=":material/backup:"):
    with st.spinner("Writing the backup…"):
        made = take_backup(db, admin.actor)
    say.success("Backup written: {name} ({mb:.1f} MB)", name=made.name, mb=made.stat().st_size / 1e6)

existing = backups_on_server(db)
if existing:
    st.subheader("Backups on this server")
    table(pd.DataFrame([{"File": p.name, "Size (MB)": round(p.stat().st_size / 1e6, 1)} for p in existing]),
          column_config={"Size (MB)": st.column_config.NumberColumn(format="%.1f")})
else:
    st.info("No backups on this server yet.")
