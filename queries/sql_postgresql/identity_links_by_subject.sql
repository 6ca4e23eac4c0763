-- Generated from queries/sql/identity_links_by_subject.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- identity_links_by_subject: the account a person at the identity provider is linked to.
-- params: issuer, subject; columns: issuer, subject, user_id, email, linked_at, roles_from_groups, username

SELECT
  l.issuer,
  l.subject,
  l.user_id,
  l.email,
  l.linked_at,
  l.roles_from_groups,
  u.username
FROM live.identity_links AS l
LEFT JOIN live.users AS u
  ON u.id = l.user_id
WHERE
  l.issuer = %(issuer)s AND l.subject = %(subject)s
