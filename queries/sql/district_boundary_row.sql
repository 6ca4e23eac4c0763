-- district_boundary_row: a district's replacement boundary row, if any (deleted or not).
-- params: district_id; columns: district_id, version, deleted_at
select district_id, version, deleted_at from main.district_boundaries where district_id = $district_id
