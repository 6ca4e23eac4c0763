-- entry_organizations: organizations for partner and reporter pickers.
-- params: none
-- columns: id, name, org_type, district_id, active
select id, name, org_type, district_id, active
from live.organizations
order by name
