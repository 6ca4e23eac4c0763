-- Generated from queries/sql/auth_sessions_start_provider.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_start_provider: a sign-in through the identity provider; the session is named, as a
-- password sign-in's is, by the username and an expiry stamp (the ID token is tied to it in
-- identity_sessions).
-- params: username, token_exp, now (UTC)

INSERT INTO auth_sessions (
  username,
  token_exp,
  started_at,
  last_seen_at,
  ended_at,
  end_reason,
  way_in
)
VALUES
  (%(username)s, %(token_exp)s, %(now)s, %(now)s, NULL, NULL, 'provider')
