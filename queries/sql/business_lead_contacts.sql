-- business_lead_contacts: for each of the given businesses within the caller's district scope that
-- has a contact person, the one to call first (an owner before a manager, a keyholder, security,
-- an employee, anyone else; then the first entered) and how many contact persons it has.
-- params: ids (list of business ids), all_districts (boolean), districts (list of district ids)
-- columns: business_id, contact_name, contact_role, contact_phone, contact_after_hours, contacts
with scoped as (
    select b.id
    from live.businesses as b
    where list_contains($ids, b.id)
      and live.in_scope($all_districts, $districts, b.district_id)
),

ranked as (
    select c.business_id, c.name, c.role, c.phone, c.after_hours,
           count(*) over (partition by c.business_id) as contacts,
           row_number() over (
               partition by c.business_id
               order by case c.role when 'owner' then 1 when 'manager' then 2 when 'keyholder' then 3
                                    when 'security' then 4 when 'employee' then 5 else 6 end,
                        c.id
           ) as place
    from live.business_contacts as c
    join scoped as s on s.id = c.business_id
),

final as (
    select business_id, name as contact_name, role as contact_role, phone as contact_phone,
           after_hours as contact_after_hours, contacts
    from ranked
    where place = 1
)

select * from final order by business_id
