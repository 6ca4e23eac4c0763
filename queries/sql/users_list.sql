-- users_list: every account for the administrator, with districts and lock state.
-- params: now (UTC)
-- order: role, then username with a trailing number counted (officer2 before officer10)
-- columns: username, display_name, email, linked (to an identity at the identity provider), role,
--          districts, active, must_change_password, locked, last_sign_in, version
with districts as (
    select ud.user_id, string_agg(d.code, ', ' order by d.code) as districts
    from live.user_districts as ud
    join live.districts as d on d.id = ud.district_id
    group by ud.user_id
),

locks as (
    select username, true as locked
    from live.login_locks
    where unlocked_at is null and locked_until > $now
),

sign_ins as (
    select username, max(started_at) as last_sign_in
    from live.auth_sessions
    group by username
),

links as (
    select user_id, true as linked
    from live.identity_links
    group by user_id
),

final as (
    select u.username, u.display_name, u.email, coalesce(links.linked, false) as linked, u.role,
           coalesce(districts.districts, '') as districts,
           u.active, u.must_change_password, coalesce(locks.locked, false) as locked,
           sign_ins.last_sign_in, u.version
    from live.users as u
    left join districts on districts.user_id = u.id
    left join locks on locks.username = u.username
    left join sign_ins on sign_ins.username = u.username
    left join links on links.user_id = u.id
)

-- officer2 before officer10: a trailing number is ordered as a number
select * from final
order by role, regexp_replace(username, '[0-9]+$', ''),
         try_cast(regexp_extract(username, '[0-9]+$') as bigint) nulls first, username
