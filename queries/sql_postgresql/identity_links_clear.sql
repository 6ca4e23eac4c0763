-- Generated from queries/sql/identity_links_clear.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- identity_links_clear: unlink every identity of an account (an administrator's act; the next
-- sign-in through the provider links again by the account's verified e-mail address).
-- params: user_id; columns: Count (identities unlinked)

DELETE FROM identity_links
WHERE
  user_id = %(user_id)s
