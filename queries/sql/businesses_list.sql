-- businesses_list: the business contact list within the caller's district scope, for the grid.
-- params: all_districts (boolean), districts (list of district ids), today (date)
-- columns: id, version, name, dba, address, category, main_phone, district_id, district_code,
--          latitude, longitude, outside_districts, notes, last_verified_on, last_verified_by (by name),
--          overdue (not verified in the 12 months up to today), contacts, after_hours_contacts
with scoped as (
    select b.*
    from live.businesses as b
    where live.in_scope($all_districts, $districts, b.district_id)
),

contact_counts as (
    select c.business_id,
           count(*) as contacts,
           count(*) filter (where c.after_hours) as after_hours_contacts
    from live.business_contacts as c
    group by c.business_id
),

final as (
    select s.id, s.version, s.name, s.dba, s.address, s.category, s.main_phone,
           s.district_id, d.code as district_code, s.latitude, s.longitude, s.outside_districts,
           s.notes, s.last_verified_on, coalesce(u.display_name, s.last_verified_by) as last_verified_by,
           (s.last_verified_on is null
            or s.last_verified_on <= $today::date - interval 12 month) as overdue,
           coalesce(cc.contacts, 0) as contacts,
           coalesce(cc.after_hours_contacts, 0) as after_hours_contacts
    from scoped as s
    left join live.districts as d on d.id = s.district_id
    left join contact_counts as cc on cc.business_id = s.id
    left join live.users as u on u.username = s.last_verified_by
)

select * from final order by name, address, id
