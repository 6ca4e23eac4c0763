-- crime_types_by_code: one crime type.
-- params: code (varchar)
-- columns: code, label
select code, label from live.crime_types where code = lower(trim($code))
