-- Generated from queries/sql/targeting_programs.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- targeting_programs: each program's target crime types and districts against where those crimes
-- happened in the period, and its activity in the period.
-- params: all_districts, districts, start_date, end_date (dates, inclusive)
-- columns: program_id, program, status, start_date, target_crime_types, target_districts, events,
--          attendance, events_in_targets, target_type_incidents, target_type_incidents_in_targets,
--          share_in_targets_pct, top_districts, untargeted_top_districts

WITH programs AS (
  SELECT
    id,
    name,
    status,
    start_date
  FROM live.programs
  WHERE
    status <> 'archived'
), rollup AS (
  SELECT
    r.district_id,
    r.top_district_id,
    d.code
  FROM live.district_rollup AS r
  JOIN live.districts AS d
    ON d.id = r.top_district_id
), target_types AS (
  SELECT
    tt.program_id,
    tt.crime_type_code,
    t.label
  FROM live.program_target_crime_types AS tt
  JOIN live.crime_types AS t
    ON t.code = tt.crime_type_code
), target_districts AS (
  SELECT
    td.program_id,
    r.top_district_id AS district_id,
    r.code
  FROM live.program_target_districts AS td
  JOIN rollup AS r
    ON r.district_id = td.district_id
), period_incidents AS (
  SELECT
    r.top_district_id AS district_id,
    r.code,
    i.crime_type_code,
    COUNT(*) AS incidents
  FROM live.incidents AS i
  JOIN rollup AS r
    ON r.district_id = i.district_id
  WHERE
    i.occurred_at >= CAST(%(start_date)s AS DATE)
    AND i.occurred_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
    AND live.in_scope(%(all_districts)s, %(districts)s, i.district_id)
  GROUP BY
    1,
    2,
    3
), program_type_incidents AS (
  SELECT
    tt.program_id,
    pi.district_id,
    pi.code,
    SUM(pi.incidents) AS incidents
  FROM target_types AS tt
  JOIN period_incidents AS pi
    ON pi.crime_type_code = tt.crime_type_code
  GROUP BY
    1,
    2,
    3
), ranked AS (
  SELECT
    *,
    ROW_NUMBER() OVER (PARTITION BY program_id ORDER BY incidents DESC NULLS LAST, code) AS rank
  FROM program_type_incidents
), events AS (
  SELECT
    e.program_id,
    COUNT(*) AS events,
    CAST(SUM(
      e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business
    ) AS BIGINT) AS attendance,
    COUNT(*) FILTER(WHERE
      EXISTS(
        SELECT
          1
        FROM target_districts AS td
        JOIN rollup AS r
          ON r.top_district_id = td.district_id
        WHERE
          td.program_id = e.program_id AND r.district_id = e.district_id
      )) AS events_in_targets
  FROM live.events AS e
  WHERE
    e.starts_at >= CAST(%(start_date)s AS DATE)
    AND e.starts_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
  GROUP BY
    1
), final AS (
  SELECT
    p.id AS program_id,
    p.name AS program,
    p.status,
    p.start_date,
    (
      SELECT
        STRING_AGG(label, ', '
        ORDER BY
          label)
      FROM target_types AS t
      WHERE
        t.program_id = p.id
    ) AS target_crime_types,
    (
      SELECT
        STRING_AGG(DISTINCT code, ', '
        ORDER BY
          code)
      FROM target_districts AS d
      WHERE
        d.program_id = p.id
    ) AS target_districts,
    COALESCE(e.events, 0) AS events,
    COALESCE(e.attendance, 0) AS attendance,
    COALESCE(e.events_in_targets, 0) AS events_in_targets,
    COALESCE(
      (
        SELECT
          CAST(SUM(incidents) AS BIGINT)
        FROM program_type_incidents AS x
        WHERE
          x.program_id = p.id
      ),
      0
    ) AS target_type_incidents,
    COALESCE(
      (
        SELECT
          CAST(SUM(x.incidents) AS BIGINT)
        FROM program_type_incidents AS x
        WHERE
          x.program_id = p.id
          AND x.district_id IN (
            SELECT
              district_id
            FROM target_districts AS d
            WHERE
              d.program_id = p.id
          )
      ),
      0
    ) AS target_type_incidents_in_targets,
    (
      SELECT
        STRING_AGG(
          code || ' (' || TO_CHAR(incidents, 'FM999,999,999,999,999,990') || ')', ', '
          ORDER BY
            rank
        )
      FROM ranked AS k
      WHERE
        k.program_id = p.id AND k.rank <= 3
    ) AS top_districts,
    (
      SELECT
        STRING_AGG(code, ', '
        ORDER BY
          rank)
      FROM ranked AS k
      WHERE
        k.program_id = p.id
        AND k.rank <= 3
        AND NOT k.district_id IN (
          SELECT
            district_id
          FROM target_districts AS d
          WHERE
            d.program_id = p.id
        )
    ) AS untargeted_top_districts
  FROM programs AS p
  LEFT JOIN events AS e
    ON e.program_id = p.id
)
SELECT
  *,
  CASE
    WHEN target_type_incidents > 0
    THEN CAST(ROUND(
      CAST(CAST(target_type_incidents_in_targets * 100.0 AS DOUBLE PRECISION) / target_type_incidents AS DECIMAL),
      1
    ) AS DOUBLE PRECISION)
  END AS share_in_targets_pct
FROM final
ORDER BY
  program
