-- Generated from queries/sql/programs_links.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- programs_links: one program's target districts, crime types, partners and measures as lists.
-- params: id (integer)
-- columns: districts (list of ids), crime_types (list of codes), partners (list of ids), measures (list of codes)

SELECT
  COALESCE(
    (
      SELECT
        ARRAY_AGG(district_id ORDER BY district_id)
      FROM live.program_target_districts
      WHERE
        program_id = %(id)s
    ),
    CAST(ARRAY[] AS INT[])
  ) AS districts,
  COALESCE(
    (
      SELECT
        ARRAY_AGG(crime_type_code ORDER BY crime_type_code)
      FROM live.program_target_crime_types
      WHERE
        program_id = %(id)s
    ),
    CAST(ARRAY[] AS TEXT[])
  ) AS crime_types,
  COALESCE(
    (
      SELECT
        ARRAY_AGG(organization_id ORDER BY organization_id)
      FROM live.program_partners
      WHERE
        program_id = %(id)s
    ),
    CAST(ARRAY[] AS INT[])
  ) AS partners,
  COALESCE(
    (
      SELECT
        ARRAY_AGG(measure_code ORDER BY measure_code)
      FROM live.program_outcome_measures
      WHERE
        program_id = %(id)s
    ),
    CAST(ARRAY[] AS TEXT[])
  ) AS measures
