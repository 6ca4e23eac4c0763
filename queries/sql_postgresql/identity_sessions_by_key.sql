-- Generated from queries/sql/identity_sessions_by_key.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- identity_sessions_by_key: the session an ID token started, if it started one.
-- params: token_key; columns: username, token_exp

SELECT
  username,
  token_exp
FROM live.identity_sessions
WHERE
  token_key = %(token_key)s
