-- districts_by_code: a live district by its code (case-insensitive), for validating entries.
-- params: code (varchar)
-- columns: id, code, name
select id, code, name from live.districts where upper(code) = upper(trim($code))
