-- Generated from queries/sql/identity_sessions_insert.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- identity_sessions_insert: an ID token starts one session and no other.
-- params: token_key, username, token_exp, now (UTC)

INSERT INTO identity_sessions (
  token_key,
  username,
  token_exp,
  started_at
)
VALUES
  (%(token_key)s, %(username)s, %(token_exp)s, %(now)s)
