-- Generated from queries/sql/metric_survey_shares.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_survey_shares: one survey wave's headline share on each measure (and, for the 'problem'
-- measure, each subject asked about), in all and per district: the first row of a measure is the
-- total, then one row per district. A respondent counts in the district their area names, rolled up
-- to its top district; answers whose area names no district count in the total only. Don't-know and
-- missing answers are not stored, so they are outside every base.
-- Share: sum of the weights of the answers that count toward the measure (feels safe, trusts, is
-- satisfied, rates the problem serious, yes) over the sum of the weights of all answers in the base
-- (every weight is 1 in an unweighted wave). Answers: the unweighted number of answers in the base.
-- Margin: the 95 per cent margin of error, 1.96 * sqrt(share * (1 - share) / n_eff), with the
-- effective sample size n_eff = (sum of weights)^2 / (sum of squared weights) (Kish).
-- A cell with fewer than min_answers answers is suppressed: no share and no margin.
-- glossary: The share of residents answering favourably on a survey measure (they feel safe, trust
--   the police, are satisfied, rate a problem as serious, or say yes), weighted by the survey's own
--   weights where it has them. Answers of "don't know" and unanswered questions are left out.
--   The margin of error: the share plus or minus this margin holds the true share in 95 surveys out
--   of 100, allowing for the weights. A district with fewer than 10 answers on a measure is shown as "too
--   few answers", never as a figure. A change between two waves is marked only where it is larger
--   than the margin of error of the difference: the square root of the sum of the two waves' squared
--   margins.
-- params: wave_id (integer), min_answers (integer); all_districts, districts
-- columns: wave_id, measure, subject (null except for 'problem'), district_id (null on the total row),
--          total (true on a measure's first row), answers, share (0-1), margin (0-1), suppressed

WITH answers AS (
  SELECT
    a.measure,
    a.subject,
    r.top_district_id AS district_id,
    a.weight,
    a.top_answer
  FROM live.survey_answers AS a
  LEFT JOIN live.district_rollup AS r
    ON r.district_id = a.district_id
  WHERE
    a.wave_id = CAST(%(wave_id)s AS INT)
    AND live.in_scope(%(all_districts)s, %(districts)s, a.district_id)
), cells AS (
  SELECT
    GROUPING(district_id) = 1 AS total,
    measure,
    subject,
    district_id,
    COUNT(*) AS answers,
    SUM(weight) AS weights,
    SUM(weight * weight) AS squared_weights,
    COALESCE(SUM(weight) FILTER(WHERE
      top_answer), 0) AS top_weights
  FROM answers
  GROUP BY
    GROUPING SETS (
      (measure, subject),
      (measure, subject, district_id)
    )
), shares AS (
  SELECT
    total,
    measure,
    subject,
    district_id,
    answers,
    answers < CAST(%(min_answers)s AS INT) AS suppressed,
    CAST(top_weights AS DOUBLE PRECISION) / weights AS share,
    CAST(weights * weights AS DOUBLE PRECISION) / squared_weights AS effective_answers
  FROM cells
  WHERE
    total OR NOT district_id IS NULL
), final AS (
  SELECT
    CAST(%(wave_id)s AS INT) AS wave_id,
    measure,
    subject,
    district_id,
    total,
    answers,
    CASE WHEN NOT suppressed THEN share END AS share,
    CASE
      WHEN NOT suppressed
      THEN 1.96 * SQRT(
        CAST(GREATEST(share * (
          1 - share
        ), 0) AS DOUBLE PRECISION) / effective_answers
      )
    END AS margin,
    suppressed
  FROM shares
)
SELECT
  *
FROM final
ORDER BY
  measure,
  subject NULLS FIRST,
  total DESC NULLS LAST,
  district_id
