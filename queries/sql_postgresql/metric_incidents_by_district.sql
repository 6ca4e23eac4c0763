-- Generated from queries/sql/metric_incidents_by_district.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_incidents_by_district: imported crime incidents per district in one period (crime family).
-- An incident counts when it occurred on a day from start_date to end_date (inclusive) and lies in a
-- district (incidents placed in no district are left out). Every crime type counts.
-- glossary: Imported crime incidents of every type that occurred from the first to the last day of the
--   period, counted in the district where they occurred; incidents placed in no district are left out.
-- params: start_date, end_date (date); all_districts, districts
-- columns: district_id, incidents

WITH filtered_incidents AS (
  SELECT
    i.district_id
  FROM live.incidents AS i
  WHERE
    CAST(i.occurred_at AS DATE) BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
    AND NOT i.district_id IS NULL
    AND live.in_scope(%(all_districts)s, %(districts)s, i.district_id)
), final AS (
  SELECT
    district_id,
    COUNT(*) AS incidents
  FROM filtered_incidents
  GROUP BY
    district_id
)
SELECT
  *
FROM final
ORDER BY
  district_id
