-- organization_by_id: one live organization.
-- params: id (integer)
-- columns: every organizations column
select * from live.organizations where id = $id
