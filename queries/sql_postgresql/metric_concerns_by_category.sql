-- Generated from queries/sql/metric_concerns_by_category.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_concerns_by_category: community concerns per category over a period.
-- received: received_on within the period; resolved: resolved_on within the period (status resolved
-- or closed); open_at_end: received on or before the period's end and not resolved by then.
-- glossary: Community concerns by category: those received in the period, those resolved or closed in
--   the period, and those still open at its end (received by then and not yet resolved).
-- params: start_date, end_date (date, inclusive), all_districts (boolean), districts (list of district ids)
-- columns: category, received, resolved, open_at_end

WITH counted AS (
  SELECT
    category,
    COUNT(*) FILTER(WHERE
      received_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)) AS received,
    COUNT(*) FILTER(WHERE
      resolved_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)) AS resolved,
    COUNT(*) FILTER(WHERE
      received_on <= CAST(%(end_date)s AS DATE)
      AND (
        resolved_on IS NULL OR resolved_on > CAST(%(end_date)s AS DATE)
      )) AS open_at_end
  FROM live.SCOPED_CONCERNS(%(all_districts)s, %(districts)s, NULL)
  GROUP BY
    category
), final AS (
  SELECT
    category,
    received,
    resolved,
    open_at_end
  FROM counted
  WHERE
    received + resolved + open_at_end > 0
)
SELECT
  *
FROM final
ORDER BY
  received DESC NULLS LAST,
  open_at_end DESC NULLS LAST,
  category
