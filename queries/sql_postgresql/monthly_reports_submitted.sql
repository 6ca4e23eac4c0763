-- Generated from queries/sql/monthly_reports_submitted.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- monthly_reports_submitted: the history of submitted reports, newest period first, with who
-- acknowledged them and whether the asking user has.
-- params: user_id (integer or null)
-- columns: id, period_label, period_start, period_end, submitted_by (by name), submitted_at (UTC), acknowledgements,
--          acknowledged_by, last_acknowledged_at (UTC), acknowledged_by_me

WITH acks AS (
  SELECT
    a.report_id,
    COUNT(*) AS acknowledgements,
    STRING_AGG(u.display_name, ', '
    ORDER BY
      a.acknowledged_at) AS acknowledged_by,
    MAX(a.acknowledged_at) AS last_acknowledged_at,
    BOOL_OR(a.user_id = CAST(%(user_id)s AS INT)) AS acknowledged_by_me
  FROM live.report_acknowledgements AS a
  JOIN live.users AS u
    ON u.id = a.user_id
  GROUP BY
    a.report_id
), final AS (
  SELECT
    r.id,
    r.period_label,
    r.period_start,
    r.period_end,
    COALESCE(s.display_name, r.submitted_by) AS submitted_by,
    r.submitted_at,
    COALESCE(a.acknowledgements, 0) AS acknowledgements,
    a.acknowledged_by,
    a.last_acknowledged_at,
    COALESCE(a.acknowledged_by_me, FALSE) AS acknowledged_by_me
  FROM live.monthly_reports AS r
  LEFT JOIN acks AS a
    ON a.report_id = r.id
  LEFT JOIN live.users AS s
    ON s.username = r.submitted_by
  WHERE
    r.status = 'submitted'
  ORDER BY
    r.period_start DESC NULLS LAST,
    r.period_end DESC NULLS LAST
)
SELECT
  *
FROM final
