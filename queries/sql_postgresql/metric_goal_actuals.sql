-- Generated from queries/sql/metric_goal_actuals.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_goal_actuals: every program goal with what was achieved towards it in one period.
-- Actuals use the shared definitions: events and attendance as metric_events, participants and
-- completions as metric_participants, outcome measures as metric_outcomes. cohorts_ended counts the
-- program's cohorts ending in the period (the base of a per-cohort goal). The expected share of the
-- target for the period is worked out in core/metrics.py. A goal on a resident-survey measure
-- ('survey:...') is not counted here: the annual evaluation reads it from the survey waves.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: goal_id, program_id, program, category, measure, measure_label, target_value, per_period,
--          description, actual, cohorts_ended

WITH filtered_events AS (
  SELECT
    *
  FROM live.SCOPED_EVENTS(
    %(all_districts)s,
    %(districts)s,
    %(start_date)s,
    %(end_date)s,
    %(district_id)s,
    %(category)s,
    %(program_id)s
  )
), goals AS (
  SELECT
    g.*,
    p.name AS program,
    p.category
  FROM live.program_goals AS g
  INNER JOIN live.programs AS p
    ON p.id = g.program_id
  WHERE
    (
      CAST(%(category)s AS TEXT) IS NULL OR p.category = CAST(%(category)s AS TEXT)
    )
    AND (
      CAST(%(program_id)s AS INT) IS NULL OR g.program_id = CAST(%(program_id)s AS INT)
    )
    AND NOT STARTS_WITH(g.measure, 'survey:')
), delivery AS (
  SELECT
    program_id,
    'events' AS measure,
    CAST(COUNT(*) AS DOUBLE PRECISION) AS actual
  FROM filtered_events
  GROUP BY
    program_id
  UNION ALL
  SELECT
    program_id,
    'attendance',
    CAST(SUM(headcount_youth + headcount_adult + headcount_senior + headcount_business) AS DOUBLE PRECISION)
  FROM filtered_events
  GROUP BY
    program_id
  UNION ALL
  SELECT
    e.program_id,
    'participants',
    CAST(COUNT(DISTINCT n.participant_id) AS DOUBLE PRECISION)
  FROM live.roster_attendance AS r
  INNER JOIN filtered_events AS e
    ON e.id = r.event_id
  INNER JOIN live.enrolments AS n
    ON n.id = r.enrolment_id
  WHERE
    r.present
  GROUP BY
    e.program_id
  UNION ALL
  SELECT
    e.program_id,
    o.measure_code,
    SUM(o.value)
  FROM live.event_outcomes AS o
  INNER JOIN filtered_events AS e
    ON e.id = o.event_id
  GROUP BY
    e.program_id,
    o.measure_code
), cohorts AS (
  SELECT
    c.program_id,
    c.id AS cohort_id
  FROM live.SCOPED_COHORTS(%(all_districts)s, %(districts)s, %(district_id)s) AS c
  WHERE
    c.end_date BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
), completions AS (
  SELECT
    c.program_id,
    CAST(COUNT(n.id) AS DOUBLE PRECISION) AS actual
  FROM live.enrolments AS n
  INNER JOIN live.SCOPED_COHORTS(%(all_districts)s, %(districts)s, %(district_id)s) AS c
    ON c.id = n.cohort_id
  WHERE
    n.completed
    AND n.completed_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
  GROUP BY
    c.program_id
), final AS (
  SELECT
    g.id AS goal_id,
    g.program_id,
    g.program,
    g.category,
    g.measure,
    COALESCE(m.label, UPPER(SUBSTRING(g.measure FROM 1 FOR 1)) || SUBSTRING(g.measure FROM 2)) AS measure_label,
    g.target_value,
    g.per_period,
    g.description,
    COALESCE(CASE WHEN g.measure = 'completions' THEN c.actual ELSE d.actual END, 0.0) AS actual,
    (
      SELECT
        COUNT(*)
      FROM cohorts AS k
      WHERE
        k.program_id = g.program_id
    ) AS cohorts_ended
  FROM goals AS g
  LEFT JOIN delivery AS d
    ON d.program_id = g.program_id AND d.measure = g.measure
  LEFT JOIN completions AS c
    ON c.program_id = g.program_id
  LEFT JOIN live.outcome_measures AS m
    ON m.code = g.measure
)
SELECT
  *
FROM final
ORDER BY
  program,
  goal_id
