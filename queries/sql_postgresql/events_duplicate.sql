-- Generated from queries/sql/events_duplicate.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- events_duplicate: a stored event that is the same event as the one being saved (not the one being
-- edited). Two events are the same when their program, start and district agree and so does their
-- place: the location and address (ignoring case and runs of spaces); when neither names a place, the
-- title. A city's beat meetings of one program at 18:30 in many beats are many events.
-- params: program_id (integer), starts_at (timestamp), exclude_id (integer or null),
--         district_id (integer or null), location, address, title (varchar or null)
-- columns: id

WITH given AS (
  SELECT
    LOWER(
      TRIM(
        REGEXP_REPLACE(
          COALESCE(CAST(%(location)s AS TEXT), '') || ' ' || COALESCE(CAST(%(address)s AS TEXT), ''),
          '\s+',
          ' ',
          'g'
        )
      )
    ) AS place,
    LOWER(TRIM(REGEXP_REPLACE(COALESCE(CAST(%(title)s AS TEXT), ''), '\s+', ' ', 'g'))) AS title
), candidates AS (
  SELECT
    id,
    LOWER(
      TRIM(
        REGEXP_REPLACE(COALESCE(location, '') || ' ' || COALESCE(address, ''), '\s+', ' ', 'g')
      )
    ) AS place,
    LOWER(TRIM(REGEXP_REPLACE(COALESCE(title, ''), '\s+', ' ', 'g'))) AS title
  FROM live.events
  WHERE
    program_id = %(program_id)s
    AND starts_at = %(starts_at)s
    AND district_id IS NOT DISTINCT FROM CAST(%(district_id)s AS INT)
    AND (
      CAST(%(exclude_id)s AS INT) IS NULL OR id <> CAST(%(exclude_id)s AS INT)
    )
), final AS (
  SELECT
    c.id
  FROM candidates AS c, given AS g
  WHERE
    c.place = g.place AND (
      g.place <> '' OR c.title = g.title
    )
)
SELECT
  id
FROM final
ORDER BY
  id
LIMIT 1
