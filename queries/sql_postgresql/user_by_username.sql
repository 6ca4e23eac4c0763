-- Generated from queries/sql/user_by_username.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- user_by_username: one account with its assigned districts.
-- params: username
-- columns: id, username, display_name, role, email, badge_number, password_hash,
--          must_change_password, active, version, district_ids (list), district_codes (list)

WITH districts AS (
  SELECT
    ud.user_id,
    ARRAY_AGG(d.id ORDER BY d.code) AS district_ids,
    ARRAY_AGG(d.code ORDER BY d.code) AS district_codes
  FROM live.user_districts AS ud
  JOIN live.districts AS d
    ON d.id = ud.district_id
  GROUP BY
    ud.user_id
), final AS (
  SELECT
    u.id,
    u.username,
    u.display_name,
    u.role,
    u.email,
    u.badge_number,
    u.password_hash,
    u.must_change_password,
    u.active,
    u.version,
    COALESCE(districts.district_ids, CAST(ARRAY[] AS INT[])) AS district_ids,
    COALESCE(districts.district_codes, CAST(ARRAY[] AS TEXT[])) AS district_codes
  FROM live.users AS u
  LEFT JOIN districts
    ON districts.user_id = u.id
  WHERE
    u.username = LOWER(%(username)s)
)
SELECT
  *
FROM final
