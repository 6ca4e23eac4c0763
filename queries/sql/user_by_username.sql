-- user_by_username: one account with its assigned districts.
-- params: username
-- columns: id, username, display_name, role, email, badge_number, password_hash,
--          must_change_password, active, version, district_ids (list), district_codes (list)
with districts as (
    select ud.user_id, list(d.id order by d.code) as district_ids, list(d.code order by d.code) as district_codes
    from live.user_districts as ud
    join live.districts as d on d.id = ud.district_id
    group by ud.user_id
),

final as (
    select u.id, u.username, u.display_name, u.role, u.email, u.badge_number, u.password_hash,
           u.must_change_password, u.active, u.version,
           coalesce(districts.district_ids, []::integer[]) as district_ids,
           coalesce(districts.district_codes, []::varchar[]) as district_codes
    from live.users as u
    left join districts on districts.user_id = u.id
    where u.username = lower($username)
)

select * from final
