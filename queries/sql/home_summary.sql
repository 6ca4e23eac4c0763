-- home_summary: a few figures for the home page, within the caller's district scope.
-- params: all_districts (boolean), districts (list of district ids), today (date)
-- columns: programs_active, events_this_month, attendance_this_month, concerns_open,
--          businesses, businesses_verified_12m
with scoped_events as (
    select e.*
    from live.events as e
    where ($all_districts or list_contains($districts, e.district_id))
      and e.starts_at >= date_trunc('month', $today::date) and e.starts_at < $today::date + interval 1 day
),

scoped_concerns as (
    select c.*
    from live.concerns as c
    where ($all_districts or list_contains($districts, c.district_id))
      and c.status not in ('resolved', 'closed')
),

scoped_businesses as (
    select b.*
    from live.businesses as b
    where ($all_districts or list_contains($districts, b.district_id))
),

final as (
    select
        (select count(*) from live.programs where status = 'active') as programs_active,
        (select count(*) from scoped_events) as events_this_month,
        (select coalesce(sum(headcount_youth + headcount_adult + headcount_senior + headcount_business), 0)
           from scoped_events) as attendance_this_month,
        (select count(*) from scoped_concerns) as concerns_open,
        (select count(*) from scoped_businesses) as businesses,
        (select count(*) from scoped_businesses where last_verified_on > $today::date - interval 1 year) as businesses_verified_12m
)

select * from final
