-- Generated from queries/sql/auth_sessions_way_in.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_way_in: how a session's user came in ('password' or 'provider'), ended or not.
-- params: username, token_exp; columns: way_in

SELECT
  way_in
FROM live.auth_sessions
WHERE
  username = %(username)s AND token_exp = %(token_exp)s
