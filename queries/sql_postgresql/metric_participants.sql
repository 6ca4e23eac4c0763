-- Generated from queries/sql/metric_participants.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_participants: unique course participants in one period (the participants family), in all
-- and per district of the session (the first row is the total, then one row per district; a
-- participant present in two districts counts in each).
-- A participant counts once when marked present at one or more course sessions (events with a
-- roster) that start in the period; district, category and program filters apply to the session.
-- Completions (on the total row only): enrolments completed on a day in the period.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: total (true on the first row), district_id, participants, completions (null per district)

WITH present AS (
  SELECT
    e.district_id,
    n.participant_id
  FROM live.roster_attendance AS r
  INNER JOIN live.SCOPED_EVENTS(
    %(all_districts)s,
    %(districts)s,
    %(start_date)s,
    %(end_date)s,
    %(district_id)s,
    %(category)s,
    %(program_id)s
  ) AS e
    ON e.id = r.event_id
  INNER JOIN live.enrolments AS n
    ON n.id = r.enrolment_id
  WHERE
    r.present
), attended AS (
  SELECT
    GROUPING(district_id) = 1 AS total,
    district_id,
    COUNT(DISTINCT participant_id) AS participants
  FROM present
  GROUP BY
    GROUPING SETS (
      (),
      (
        district_id
      )
    )
), completed AS (
  SELECT
    COUNT(*) AS completions
  FROM live.enrolments AS n
  INNER JOIN live.SCOPED_COHORTS(%(all_districts)s, %(districts)s, %(district_id)s) AS c
    ON c.id = n.cohort_id
  INNER JOIN live.programs AS p
    ON p.id = c.program_id
  WHERE
    n.completed
    AND n.completed_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
    AND (
      CAST(%(category)s AS TEXT) IS NULL OR p.category = CAST(%(category)s AS TEXT)
    )
    AND (
      CAST(%(program_id)s AS INT) IS NULL OR c.program_id = CAST(%(program_id)s AS INT)
    )
), final AS (
  SELECT
    a.total,
    a.district_id,
    a.participants,
    CASE WHEN a.total THEN c.completions END AS completions
  FROM attended AS a
  CROSS JOIN completed AS c
)
SELECT
  *
FROM final
ORDER BY
  total DESC NULLS LAST,
  district_id
