-- business_district: the district of a business (for permission checks; a deleted business has none).
-- params: id; columns: district_id
select district_id from live.businesses where id = $id
