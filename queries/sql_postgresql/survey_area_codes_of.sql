-- Generated from queries/sql/survey_area_codes_of.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- survey_area_codes_of: the codes of one area lookup (a survey's ZIP or council ward column) and the
-- district each names.
-- params: lookup (varchar)
-- columns: id, version, code, district_id, district_code, district_name

SELECT
  a.id,
  a.version,
  a.code,
  a.district_id,
  d.code AS district_code,
  d.name AS district_name
FROM live.survey_area_codes AS a
LEFT JOIN live.districts AS d
  ON d.id = a.district_id
WHERE
  a.lookup = %(lookup)s
ORDER BY
  a.code
