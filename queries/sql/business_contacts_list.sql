-- business_contacts_list: the contact persons of one business within the caller's district scope.
-- params: business_id, all_districts (boolean), districts (list of district ids)
-- columns: id, version, business_id, name, role, phone, alt_phone, email, after_hours
with scoped_business as (
    select b.id
    from live.businesses as b
    where b.id = $business_id
      and live.in_scope($all_districts, $districts, b.district_id)
),

final as (
    select c.id, c.version, c.business_id, c.name, c.role, c.phone, c.alt_phone, c.email, c.after_hours
    from live.business_contacts as c
    join scoped_business as b on b.id = c.business_id
)

select * from final order by after_hours desc, name, id
