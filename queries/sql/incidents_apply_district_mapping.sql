-- incidents_apply_district_mapping: stored incidents that state a given district text take the
-- mapped district (the stated district wins over the location).
-- params: source_districts (varchar[]: the stored texts with this key), district_id (integer)
update main.incidents
set district_id = $district_id::integer
where list_contains($source_districts::varchar[], source_district)
  and district_id is distinct from $district_id::integer
