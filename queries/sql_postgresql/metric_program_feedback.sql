-- Generated from queries/sql/metric_program_feedback.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_program_feedback: participant feedback recorded at a program's events in one period.
-- Responses: the sum of feedback forms returned at events that start in the period. Average rating:
-- the mean of the events' average ratings (1-5) weighted by their number of responses, so every
-- returned form weighs the same. Events without feedback are left out.
-- glossary: Feedback forms returned by participants at the program's events in the year, and their
--   average rating from 1 to 5, each returned form weighing the same.
-- params: start_date, end_date (date); program_id (integer); all_districts, districts
-- columns: events_with_feedback, responses, average_rating (null when none)

WITH rated AS (
  SELECT
    e.feedback_responses,
    e.feedback_avg_rating
  FROM live.events AS e
  WHERE
    e.program_id = CAST(%(program_id)s AS INT)
    AND CAST(e.starts_at AS DATE) BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
    AND live.in_scope(%(all_districts)s, %(districts)s, e.district_id)
    AND e.feedback_responses > 0
), final AS (
  SELECT
    COUNT(*) AS events_with_feedback,
    COALESCE(SUM(feedback_responses), 0) AS responses,
    CAST(ROUND(
      CAST(CAST(SUM(feedback_responses * feedback_avg_rating) AS DOUBLE PRECISION) / NULLIF(SUM(feedback_responses), 0) AS DECIMAL),
      2
    ) AS DOUBLE PRECISION) AS average_rating
  FROM rated
)
SELECT
  *
FROM final
