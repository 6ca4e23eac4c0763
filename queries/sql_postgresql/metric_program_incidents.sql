-- Generated from queries/sql/metric_program_incidents.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_program_incidents: incidents of a program's target crime types in its target districts, in two
-- windows (e.g. the year before and the year after the program started, or the evaluated year and
-- the year before it). An incident counts when it occurred on a day from a window's first to last day.
-- glossary: Incidents of the program's target crime types in its target districts, in two spans of time
--   side by side: the evaluated year against the year before, and the year before the program
--   started against the year after.
-- params: program_id (integer); before_start, before_end, after_start, after_end (date);
--         all_districts, districts
-- columns: crime_type, crime_type_label, incidents_before, incidents_after

WITH targets AS (
  SELECT
    td.district_id,
    tc.crime_type_code
  FROM live.program_target_districts AS td
  INNER JOIN live.program_target_crime_types AS tc
    ON tc.program_id = td.program_id
  WHERE
    td.program_id = CAST(%(program_id)s AS INT)
    AND live.in_scope(%(all_districts)s, %(districts)s, td.district_id)
), counted AS (
  SELECT
    t.crime_type_code,
    COUNT(i.id) FILTER(WHERE
      CAST(i.occurred_at AS DATE) BETWEEN CAST(%(before_start)s AS DATE) AND CAST(%(before_end)s AS DATE)) AS incidents_before,
    COUNT(i.id) FILTER(WHERE
      CAST(i.occurred_at AS DATE) BETWEEN CAST(%(after_start)s AS DATE) AND CAST(%(after_end)s AS DATE)) AS incidents_after
  FROM targets AS t
  LEFT JOIN live.incidents AS i
    ON i.district_id = t.district_id AND i.crime_type_code = t.crime_type_code
  GROUP BY
    t.crime_type_code
), final AS (
  SELECT
    c.crime_type_code AS crime_type,
    ct.label AS crime_type_label,
    c.incidents_before,
    c.incidents_after
  FROM counted AS c
  INNER JOIN live.crime_types AS ct
    ON ct.code = c.crime_type_code
)
SELECT
  *
FROM final
ORDER BY
  crime_type_label
