-- Generated from queries/sql/incidents_last_import.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incidents_last_import: the audit row of the latest incident import (its detail holds the import's
-- figures as JSON: rows placed by district column and by location, in no district, and the rows whose
-- location lies in another district than the one they state).
-- params: none
-- columns: at_utc, username, detail

SELECT
  at_utc,
  username,
  detail
FROM audit_log
WHERE
  action = 'import' AND table_name = 'incidents'
ORDER BY
  id DESC NULLS LAST
LIMIT 1
