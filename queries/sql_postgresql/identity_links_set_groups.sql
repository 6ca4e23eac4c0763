-- Generated from queries/sql/identity_links_set_groups.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- identity_links_set_groups: whether this sign-in took role and districts from the groups claim.
-- params: issuer, subject, roles_from_groups

UPDATE identity_links SET roles_from_groups = %(roles_from_groups)s
WHERE
  issuer = %(issuer)s AND subject = %(subject)s
