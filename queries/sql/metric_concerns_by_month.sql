-- metric_concerns_by_month: concerns received and resolved per month, and open at each month's end.
-- Same definitions as metric_concerns; every month of the period appears.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: month (date), concerns_received, concerns_resolved, concerns_open_end
with months as (
    select m::date as month,
           greatest(m::date, $start_date::date) as first_day,
           least((m + interval 1 month - interval 1 day)::date, $end_date::date) as last_day
    from (select unnest(generate_series(date_trunc('month', $start_date::date)::date,
                                        $end_date::date, interval 1 month)) as m)
),

final as (
    select
        m.month,
        count(c.id) filter (where c.received_on between m.first_day and m.last_day) as concerns_received,
        count(c.id) filter (where c.resolved_on between m.first_day and m.last_day) as concerns_resolved,
        count(c.id) filter (where c.received_on <= m.last_day
                              and (c.resolved_on is null or c.resolved_on > m.last_day)) as concerns_open_end
    from months as m
    left join live.scoped_concerns($all_districts, $districts, $district_id) as c on true
    group by m.month
)

select * from final
order by month
