-- concern_people: who reported and who is assigned a concern (for permission checks).
-- params: id; columns: reported_by_id, assigned_officer_id
select reported_by_id, assigned_officer_id from live.concerns where id = $id
