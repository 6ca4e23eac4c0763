-- Generated from queries/sql/identity_links_of_user.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- identity_links_of_user: the identities linked to one account, newest first.
-- params: user_id; columns: issuer, subject, email, linked_at, roles_from_groups

SELECT
  issuer,
  subject,
  email,
  linked_at,
  roles_from_groups
FROM live.identity_links
WHERE
  user_id = %(user_id)s
ORDER BY
  linked_at DESC NULLS LAST
