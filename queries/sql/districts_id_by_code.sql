-- districts_id_by_code: a district's id from its code (null when unknown).
-- params: code; columns: id
select id from live.districts where code = $code
