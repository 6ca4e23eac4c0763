-- Generated from queries/sql/program_profile.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- program_profile: one program with its lead officer, target districts and target crime types.
-- params: program_id (integer)
-- columns: id, name, category, description, delivery_kind, status, start_date, end_date, lead_officer,
--          target_districts, target_crime_types

WITH final AS (
  SELECT
    p.id,
    p.name,
    p.category,
    p.description,
    p.delivery_kind,
    p.status,
    p.start_date,
    p.end_date,
    u.display_name AS lead_officer,
    (
      SELECT
        STRING_AGG(d.code, ', '
        ORDER BY
          d.code)
      FROM live.program_target_districts AS td
      INNER JOIN live.districts AS d
        ON d.id = td.district_id
      WHERE
        td.program_id = p.id
    ) AS target_districts,
    (
      SELECT
        STRING_AGG(ct.label, ', '
        ORDER BY
          ct.label)
      FROM live.program_target_crime_types AS tc
      INNER JOIN live.crime_types AS ct
        ON ct.code = tc.crime_type_code
      WHERE
        tc.program_id = p.id
    ) AS target_crime_types
  FROM live.programs AS p
  LEFT JOIN live.users AS u
    ON u.id = p.lead_officer_id
  WHERE
    p.id = %(program_id)s
)
SELECT
  *
FROM final
