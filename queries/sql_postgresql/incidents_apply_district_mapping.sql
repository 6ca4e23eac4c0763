-- Generated from queries/sql/incidents_apply_district_mapping.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incidents_apply_district_mapping: stored incidents that state a given district text take the
-- mapped district (the stated district wins over the location).
-- params: source_districts (varchar[]: the stored texts with this key), district_id (integer)

UPDATE main.incidents SET district_id = CAST(%(district_id)s AS INT)
WHERE
  CASE
    WHEN source_district IS NULL
    THEN NULL
    ELSE COALESCE(source_district = ANY(
      CAST(%(source_districts)s AS TEXT[])
    ), FALSE)
  END
  AND district_id IS DISTINCT FROM CAST(%(district_id)s AS INT)
