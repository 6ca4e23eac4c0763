-- Generated from queries/sql/programs_catalog.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- programs_catalog: the program catalog with targets and recent activity, filtered.
-- params: category (varchar or null), status (varchar or null), district_id (integer or null),
--         crime_type (varchar or null), since (date: events counted from this day)
-- columns: id, version, name, category, delivery_kind, status, lead_officer, start_date, end_date,
--          districts, crime_types, measures, partners, events_since, people_since

WITH programs AS (
  SELECT
    *
  FROM live.programs
  WHERE
    (
      CAST(%(category)s AS TEXT) IS NULL OR category = %(category)s
    )
    AND (
      CAST(%(status)s AS TEXT) IS NULL OR status = %(status)s
    )
    AND (
      CAST(%(district_id)s AS INT) IS NULL
      OR id IN (
        SELECT
          program_id
        FROM live.program_target_districts
        WHERE
          district_id = %(district_id)s
      )
    )
    AND (
      CAST(%(crime_type)s AS TEXT) IS NULL
      OR id IN (
        SELECT
          program_id
        FROM live.program_target_crime_types
        WHERE
          crime_type_code = %(crime_type)s
      )
    )
), districts AS (
  SELECT
    t.program_id,
    STRING_AGG(d.code, ', '
    ORDER BY
      d.code) AS districts
  FROM live.program_target_districts AS t
  JOIN live.districts AS d
    ON d.id = t.district_id
  GROUP BY
    t.program_id
), crime AS (
  SELECT
    program_id,
    STRING_AGG(crime_type_code, ', '
    ORDER BY
      crime_type_code) AS crime_types
  FROM live.program_target_crime_types
  GROUP BY
    program_id
), measures AS (
  SELECT
    program_id,
    STRING_AGG(measure_code, ', '
    ORDER BY
      measure_code) AS measures
  FROM live.program_outcome_measures
  GROUP BY
    program_id
), partners AS (
  SELECT
    program_id,
    COUNT(*) AS partners
  FROM live.program_partners
  GROUP BY
    program_id
), activity AS (
  SELECT
    program_id,
    COUNT(*) AS events_since,
    SUM(headcount_youth + headcount_adult + headcount_senior + headcount_business) AS people_since
  FROM live.events
  WHERE
    starts_at >= CAST(%(since)s AS DATE)
  GROUP BY
    program_id
), final AS (
  SELECT
    p.id,
    p.version,
    p.name,
    p.category,
    p.delivery_kind,
    p.status,
    u.display_name AS lead_officer,
    p.start_date,
    p.end_date,
    d.districts,
    c.crime_types,
    m.measures,
    COALESCE(pa.partners, 0) AS partners,
    COALESCE(a.events_since, 0) AS events_since,
    COALESCE(a.people_since, 0) AS people_since
  FROM programs AS p
  LEFT JOIN live.users AS u
    ON u.id = p.lead_officer_id
  LEFT JOIN districts AS d
    ON d.program_id = p.id
  LEFT JOIN crime AS c
    ON c.program_id = p.id
  LEFT JOIN measures AS m
    ON m.program_id = p.id
  LEFT JOIN partners AS pa
    ON pa.program_id = p.id
  LEFT JOIN activity AS a
    ON a.program_id = p.id
  ORDER BY
    p.status = 'archived',
    p.name
)
SELECT
  *
FROM final
