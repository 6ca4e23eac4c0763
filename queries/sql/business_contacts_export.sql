-- business_contacts_export: businesses and their contact persons (one row per contact, or one row
-- for a business without contacts) within the caller's scope, for the printable list and downloads.
-- params: all_districts (boolean), districts (list of district ids),
--         district_id (integer or null = every district in scope)
-- columns: district_code, business_id, name, dba, address, category, main_phone, last_verified_on,
--          outside_districts, contact_name, contact_role, contact_phone, contact_alt_phone,
--          contact_email, contact_after_hours
with scoped as (
    select b.*
    from live.businesses as b
    where live.in_scope($all_districts, $districts, b.district_id)
      and ($district_id::integer is null or b.district_id = $district_id)
),

final as (
    select d.code as district_code, s.id as business_id, s.name, s.dba, s.address, s.category,
           s.main_phone, s.last_verified_on, s.outside_districts,
           c.name as contact_name, c.role as contact_role, c.phone as contact_phone,
           c.alt_phone as contact_alt_phone, c.email as contact_email,
           c.after_hours as contact_after_hours
    from scoped as s
    left join live.districts as d on d.id = s.district_id
    left join live.business_contacts as c on c.business_id = s.id
)

select * from final
order by district_code nulls last, name, address, business_id, contact_after_hours desc nulls last, contact_name
