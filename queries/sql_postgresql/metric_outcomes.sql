-- Generated from queries/sql/metric_outcomes.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_outcomes: program outcome figures (car seats inspected, tips received, ...) in one period,
-- for the whole selection, per month and per program (the breakdown column says which).
-- The sum of each outcome recorded on events that count in the period (same event rules as
-- metric_events). A measure with `at_most` (car seats installed incorrectly <= inspected) also
-- gets its share of that base measure, within the same month or program.
-- glossary: What the program events of the period achieved besides attendance (car seats inspected,
--   tips received, medication collected and so on), added up over those events. A figure that is
--   part of another (car seats installed incorrectly, of those inspected) is also given as a share of it.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: breakdown ('total', 'month' or 'program'), month (date, month rows), program_id (program
--          rows), measure_code, label, unit, value, events, base_measure, base_value, share (0-1 or null)

WITH outcomes AS (
  SELECT
    CAST(DATE_TRUNC('MONTH', e.starts_at) AS DATE) AS month,
    e.program_id,
    o.measure_code,
    o.value
  FROM live.event_outcomes AS o
  INNER JOIN live.SCOPED_EVENTS(
    %(all_districts)s,
    %(districts)s,
    %(start_date)s,
    %(end_date)s,
    %(district_id)s,
    %(category)s,
    %(program_id)s
  ) AS e
    ON e.id = o.event_id
), totals AS (
  SELECT
    CASE
      WHEN GROUPING(month) = 0
      THEN 'month'
      WHEN GROUPING(program_id) = 0
      THEN 'program'
      ELSE 'total'
    END AS breakdown,
    month,
    program_id,
    measure_code,
    SUM(value) AS value,
    COUNT(*) AS events
  FROM outcomes
  GROUP BY
    GROUPING SETS (
      (
        measure_code
      ),
      (month, measure_code),
      (program_id, measure_code)
    )
), final AS (
  SELECT
    t.breakdown,
    t.month,
    t.program_id,
    t.measure_code,
    m.label,
    m.unit,
    t.value,
    t.events,
    m.at_most AS base_measure,
    b.value AS base_value,
    CAST(t.value AS DOUBLE PRECISION) / NULLIF(b.value, 0) AS share
  FROM totals AS t
  INNER JOIN live.outcome_measures AS m
    ON m.code = t.measure_code
  LEFT JOIN totals AS b
    ON b.measure_code = m.at_most
    AND b.breakdown = t.breakdown
    AND b.month IS NOT DISTINCT FROM t.month
    AND b.program_id IS NOT DISTINCT FROM t.program_id
)
SELECT
  *
FROM final
ORDER BY
  breakdown,
  month,
  program_id,
  CASE WHEN breakdown = 'month' THEN measure_code ELSE label END
