-- Generated from queries/sql/identity_links_insert.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- identity_links_insert: link a person at the identity provider to an account.
-- params: issuer, subject, user_id, email, now (UTC)

INSERT INTO identity_links (
  issuer,
  subject,
  user_id,
  email,
  linked_at,
  roles_from_groups
)
VALUES
  (%(issuer)s, %(subject)s, %(user_id)s, %(email)s, %(now)s, FALSE)
