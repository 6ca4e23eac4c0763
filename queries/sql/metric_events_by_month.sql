-- metric_events_by_month: events and attendance per calendar month and program category.
-- Same definition as metric_events (see there); every month of the period appears for every
-- category that held an event in the period, with zeros where nothing happened.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: month (date, first day), category, events, attendance, officer_hours
with filtered_events as (
    select * from live.scoped_events($all_districts, $districts, $start_date, $end_date,
                                     $district_id, $category, $program_id)
),

hours as (
    select o.event_id, sum(o.hours) as hours
    from live.event_officers as o
    group by o.event_id
),

months as (
    select unnest(generate_series(date_trunc('month', $start_date::date)::date,
                                  $end_date::date, interval 1 month))::date as month
),

categories as (
    select distinct category from filtered_events
),

counted as (
    select date_trunc('month', e.starts_at)::date as month, e.category,
           count(*) as events,
           sum(e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business) as attendance,
           coalesce(sum(h.hours), 0.0) as officer_hours
    from filtered_events as e
    left join hours as h on h.event_id = e.id
    group by 1, 2
),

final as (
    select m.month, c.category,
           coalesce(n.events, 0) as events,
           coalesce(n.attendance, 0) as attendance,
           coalesce(n.officer_hours, 0.0) as officer_hours
    from months as m
    cross join categories as c
    left join counted as n on n.month = m.month and n.category = c.category
)

select * from final
order by month, category
