-- metric_concerns_by_month: concerns received and resolved per month, and open at each month's end.
-- Same definitions as metric_concerns; every month of the period appears.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: month (date), concerns_received, concerns_resolved, concerns_open_end
with months as (
    select unnest(generate_series(date_trunc('month', $start_date::date)::date,
                                  $end_date::date, interval 1 month))::date as month
),

concerns as (
    select received_on, resolved_on
    from live.scoped_concerns($all_districts, $districts, $district_id)
    where received_on <= $end_date::date
),

-- Each concern is counted once, in the month it arrived and the month it was resolved, instead of
-- once per month of the period. What arrived or was resolved before the period goes into its
-- first month's running totals, not into its received and resolved counts.
arrived as (
    select date_trunc('month', greatest(received_on, $start_date::date))::date as month,
           count(*) filter (where received_on >= $start_date::date) as received,
           count(*) as arrived
    from concerns
    group by 1
),

settled as (
    select date_trunc('month', greatest(resolved_on, $start_date::date))::date as month,
           count(*) filter (where resolved_on >= $start_date::date) as resolved,
           count(*) as settled
    from concerns
    where resolved_on <= $end_date::date
    group by 1
),

-- open at a month's last day: arrived by then less resolved by then (a concern is resolved on or
-- after the day it arrived: a check on the table)
final as (
    select
        m.month,
        coalesce(a.received, 0) as concerns_received,
        coalesce(s.resolved, 0) as concerns_resolved,
        (sum(coalesce(a.arrived, 0)) over (order by m.month)
         - sum(coalesce(s.settled, 0)) over (order by m.month))::bigint as concerns_open_end
    from months as m
    left join arrived as a on a.month = m.month
    left join settled as s on s.month = m.month
)

select * from final
order by month
