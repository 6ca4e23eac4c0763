-- metric_concerns_by_status: the concerns received in a period, by their current status.
-- glossary: The concerns received in the period, by where each of them stands today.
-- params: start_date, end_date (date, inclusive), all_districts (boolean), districts (list of district ids)
-- columns: status, concerns
with received as (
    select c.status
    from live.scoped_concerns($all_districts, $districts, null) as c
    where c.received_on between $start_date::date and $end_date::date
),

final as (
    select status, count(*) as concerns
    from received
    group by status
    order by case status when 'new' then 1 when 'assigned' then 2 when 'in_progress' then 3
                         when 'referred' then 4 when 'resolved' then 5 else 6 end
)

select * from final
