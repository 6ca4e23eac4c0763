-- Generated from queries/sql/metric_survey_record.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_survey_record: what is on record in one period for each problem a survey wave asks about,
-- in all and per district (the first row of a subject is the total, then one row per district):
-- incidents of that crime type and community concerns of that category, beside the district's
-- residents. A subject is a crime type or a concern category; incidents are placed in a crime type
-- by the offense mapping, and incidents and concerns count in the top district of the district they
-- lie in (those in no district are left out). Per 1,000 residents: the count divided by the
-- district's population, times 1,000; a district with no population on record has no rate, and the
-- all-district rate counts only the districts with a population.
-- glossary: Recorded per 1,000 residents: the crime incidents of the problem's crime type that
--   occurred in the period, and the community concerns of the problem's category received in the
--   period, divided by the district's residents and multiplied by 1,000. Incidents and concerns
--   placed in no district are left out; a district whose population is not on record has no rate.
--   A district is listed as a candidate for a program where residents rate a problem serious more
--   often than in all districts together, by more than the district's margin of error, while at
--   least a quarter fewer are on record per 1,000 residents than in all districts together; and the
--   reverse: rated serious less often, by more than the margin, while at least a quarter more are
--   on record.
-- params: wave_id (integer); start_date, end_date (date, inclusive); all_districts, districts
-- columns: subject, district_id (null on the total row), total (true on a subject's first row),
--          population, incidents, concerns, incidents_per_1000, concerns_per_1000, recorded_per_1000

WITH subjects AS (
  SELECT DISTINCT
    subject
  FROM live.survey_answers
  WHERE
    wave_id = CAST(%(wave_id)s AS INT) AND measure = 'problem'
), districts AS (
  SELECT
    d.id AS district_id,
    d.population
  FROM live.districts AS d
  WHERE
    d.kind = 'district' AND live.in_scope(%(all_districts)s, %(districts)s, d.id)
), incidents AS (
  SELECT
    r.top_district_id AS district_id,
    i.crime_type_code AS subject,
    COUNT(*) AS incidents
  FROM live.incidents AS i
  INNER JOIN live.district_rollup AS r
    ON r.district_id = i.district_id
  WHERE
    CAST(i.occurred_at AS DATE) BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
    AND i.crime_type_code IN (
      SELECT
        subject
      FROM subjects
    )
    AND live.in_scope(%(all_districts)s, %(districts)s, i.district_id)
  GROUP BY
    r.top_district_id,
    i.crime_type_code
), concerns AS (
  SELECT
    r.top_district_id AS district_id,
    c.category AS subject,
    COUNT(*) AS concerns
  FROM live.SCOPED_CONCERNS(%(all_districts)s, %(districts)s, NULL) AS c
  INNER JOIN live.district_rollup AS r
    ON r.district_id = c.district_id
  WHERE
    c.received_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
    AND c.category IN (
      SELECT
        subject
      FROM subjects
    )
  GROUP BY
    r.top_district_id,
    c.category
), per_district AS (
  SELECT
    s.subject,
    d.district_id,
    d.population,
    COALESCE(i.incidents, 0) AS incidents,
    COALESCE(c.concerns, 0) AS concerns
  FROM subjects AS s
  CROSS JOIN districts AS d
  LEFT JOIN incidents AS i
    ON i.district_id = d.district_id AND i.subject = s.subject
  LEFT JOIN concerns AS c
    ON c.district_id = d.district_id AND c.subject = s.subject
), rolled AS (
  SELECT
    GROUPING(district_id) = 1 AS total,
    subject,
    district_id,
    SUM(population) AS population,
    SUM(incidents) AS incidents,
    SUM(concerns) AS concerns,
    SUM(incidents) FILTER(WHERE
      population > 0) AS counted_incidents,
    SUM(concerns) FILTER(WHERE
      population > 0) AS counted_concerns,
    SUM(population) FILTER(WHERE
      population > 0) AS counted_population
  FROM per_district
  GROUP BY
    GROUPING SETS (
      (
        subject
      ),
      (subject, district_id)
    )
), final AS (
  SELECT
    subject,
    district_id,
    total,
    CAST(population AS BIGINT) AS population,
    CAST(incidents AS BIGINT) AS incidents,
    CAST(concerns AS BIGINT) AS concerns,
    CAST(1000.0 * counted_incidents AS DOUBLE PRECISION) / counted_population AS incidents_per_1000,
    CAST(1000.0 * counted_concerns AS DOUBLE PRECISION) / counted_population AS concerns_per_1000,
    CAST(1000.0 * (
      counted_incidents + counted_concerns
    ) AS DOUBLE PRECISION) / counted_population AS recorded_per_1000
  FROM rolled
)
SELECT
  *
FROM final
ORDER BY
  subject,
  total DESC NULLS LAST,
  district_id
