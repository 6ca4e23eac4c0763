-- Generated from queries/sql/login_failures_clear_all.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- login_failures_clear_all: forget every failed attempt (after a restore, the backup's are stale).
-- params: none

DELETE FROM login_failures
