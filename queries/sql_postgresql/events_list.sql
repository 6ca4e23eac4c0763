-- Generated from queries/sql/events_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- events_list: program events for the entry list, newest first, filtered and district-scoped.
-- params: all_districts (boolean), districts (list of ids), date_from (date), date_to (date),
--         program_id (integer or null), district_id (integer or null), deleted (boolean: show deleted ones instead)
-- columns: id, version, starts_at, ends_at, program, title, location, district, headcount,
--          officers, officer_hours, non_enforcement, notes, deleted_by (who deleted it, by name), deleted_at
-- (with deleted, the rows come from live.events_deleted: only admins restore them)

WITH candidates AS (
  SELECT
    *
  FROM live.events
  WHERE
    NOT %(deleted)s
  UNION ALL
  SELECT
    *
  FROM live.events_deleted
  WHERE
    %(deleted)s
), scoped AS (
  SELECT
    e.*
  FROM candidates AS e
  WHERE
    live.in_scope(%(all_districts)s, %(districts)s, e.district_id)
    AND e.starts_at >= CAST(%(date_from)s AS DATE)
    AND e.starts_at < CAST(%(date_to)s AS DATE) + INTERVAL '1 DAY'
    AND (
      CAST(%(program_id)s AS INT) IS NULL OR e.program_id = %(program_id)s
    )
    AND (
      CAST(%(district_id)s AS INT) IS NULL OR e.district_id = %(district_id)s
    )
), staff AS (
  SELECT
    o.event_id,
    COUNT(*) AS officers,
    SUM(o.hours) AS officer_hours
  FROM live.event_officers AS o
  GROUP BY
    o.event_id
), final AS (
  SELECT
    s.id,
    s.version,
    s.starts_at,
    s.ends_at,
    p.name AS program,
    s.title,
    s.location,
    d.code AS district,
    s.headcount_youth + s.headcount_adult + s.headcount_senior + s.headcount_business AS headcount,
    COALESCE(st.officers, 0) AS officers,
    COALESCE(st.officer_hours, 0) AS officer_hours,
    s.non_enforcement,
    s.notes,
    COALESCE(u.display_name, s.deleted_by) AS deleted_by,
    s.deleted_at
  FROM scoped AS s
  JOIN live.programs AS p
    ON p.id = s.program_id
  LEFT JOIN live.districts AS d
    ON d.id = s.district_id
  LEFT JOIN staff AS st
    ON st.event_id = s.id
  LEFT JOIN live.users AS u
    ON u.username = s.deleted_by
  ORDER BY
    s.starts_at DESC NULLS LAST,
    s.id DESC NULLS LAST
)
SELECT
  *
FROM final
