-- Generated from queries/sql/users_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- users_list: every account for the administrator, with districts and lock state.
-- params: now (UTC)
-- order: role, then username with a trailing number counted (officer2 before officer10)
-- columns: username, display_name, email, linked (to an identity at the identity provider), role,
--          districts, active, must_change_password, locked, last_sign_in, version

WITH districts AS (
  SELECT
    ud.user_id,
    STRING_AGG(d.code, ', '
    ORDER BY
      d.code) AS districts
  FROM live.user_districts AS ud
  JOIN live.districts AS d
    ON d.id = ud.district_id
  GROUP BY
    ud.user_id
), locks AS (
  SELECT
    username,
    TRUE AS locked
  FROM live.login_locks
  WHERE
    unlocked_at IS NULL AND locked_until > %(now)s
), sign_ins AS (
  SELECT
    username,
    MAX(started_at) AS last_sign_in
  FROM live.auth_sessions
  GROUP BY
    username
), links AS (
  SELECT
    user_id,
    TRUE AS linked
  FROM live.identity_links
  GROUP BY
    user_id
), final AS (
  SELECT
    u.username,
    u.display_name,
    u.email,
    COALESCE(links.linked, FALSE) AS linked,
    u.role,
    COALESCE(districts.districts, '') AS districts,
    u.active,
    u.must_change_password,
    COALESCE(locks.locked, FALSE) AS locked,
    sign_ins.last_sign_in,
    u.version
  FROM live.users AS u
  LEFT JOIN districts
    ON districts.user_id = u.id
  LEFT JOIN locks
    ON locks.username = u.username
  LEFT JOIN sign_ins
    ON sign_ins.username = u.username
  LEFT JOIN links
    ON links.user_id = u.id
)
SELECT
  *
FROM final
ORDER BY
  role,
  REGEXP_REPLACE(username, '[0-9]+$', ''),
  CASE
    WHEN CAST(CASE
      WHEN username IS NULL
      THEN NULL
      ELSE COALESCE((
        REGEXP_MATCH(username, '([0-9]+$)')
      )[1], '')
    END AS TEXT) ~ '^\s*[+-]?[0-9]{1,18}\s*$'
    THEN CAST(CASE
      WHEN username IS NULL
      THEN NULL
      ELSE COALESCE((
        REGEXP_MATCH(username, '([0-9]+$)')
      )[1], '')
    END AS BIGINT)
  END NULLS FIRST,
  username
