-- Generated from queries/sql/survey_comments_of.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- survey_comments_of: residents' free-text answers, of one wave or of every wave (wave_id null), the
-- newest wave's first (by the end of its fieldwork), then by respondent and question. The district is
-- the respondent's, from their answers (null when the area is not known, no answer was kept, or the
-- district was deleted since).
-- search (null or blank: every comment) finds text as typed, any case, in the answer, the question or
-- the district's name; %% and _ are plain characters.
-- Only administrators and the crime-prevention officer read these (core/surveys/comments.py asks).
-- params: wave_id (integer or null), search (text or null)
-- columns: wave_id, wave, respondent, district_id, district, question, answer

WITH places AS (
  SELECT
    wave_id,
    respondent,
    MIN(district_id) AS district_id
  FROM live.survey_answers
  WHERE
    CAST(%(wave_id)s AS INT) IS NULL OR wave_id = CAST(%(wave_id)s AS INT)
  GROUP BY
    wave_id,
    respondent
)
SELECT
  c.wave_id,
  w."name" AS wave,
  c.respondent,
  p.district_id,
  d."name" AS district,
  c.question,
  c.answer
FROM live.survey_comments AS c
INNER JOIN live.survey_waves AS w
  ON w.id = c.wave_id
LEFT JOIN places AS p
  ON p.wave_id = c.wave_id AND p.respondent = c.respondent
LEFT JOIN live.districts AS d
  ON d.id = p.district_id
WHERE
  (
    CAST(%(wave_id)s AS INT) IS NULL OR c.wave_id = CAST(%(wave_id)s AS INT)
  )
  AND (
    NULLIF(TRIM(CAST(%(search)s AS TEXT)), '') IS NULL
    OR STRPOS(LOWER(c.answer), LOWER(TRIM(CAST(%(search)s AS TEXT)))) > 0
    OR STRPOS(LOWER(c.question), LOWER(TRIM(CAST(%(search)s AS TEXT)))) > 0
    OR STRPOS(LOWER(COALESCE(d."name", '')), LOWER(TRIM(CAST(%(search)s AS TEXT)))) > 0
  )
ORDER BY
  w.fieldwork_end DESC NULLS LAST,
  w.fieldwork_start DESC NULLS LAST,
  w.id DESC NULLS LAST,
  c.respondent,
  c.question
