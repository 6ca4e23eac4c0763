-- metric_concerns_by_category: community concerns per category over a period.
-- received: received_on within the period; resolved: resolved_on within the period (status resolved
-- or closed); open_at_end: received on or before the period's end and not resolved by then.
-- glossary: Community concerns by category: those received in the period, those resolved or closed in
--   the period, and those still open at its end (received by then and not yet resolved).
-- params: start_date, end_date (date, inclusive), all_districts (boolean), districts (list of district ids)
-- columns: category, received, resolved, open_at_end
with counted as (
    select
        category,
        count(*) filter (where received_on between $start_date::date and $end_date::date) as received,
        count(*) filter (where resolved_on between $start_date::date and $end_date::date) as resolved,
        count(*) filter (where received_on <= $end_date::date
                           and (resolved_on is null or resolved_on > $end_date::date)) as open_at_end
    from live.scoped_concerns($all_districts, $districts, null)
    group by category
),

final as (
    select category, received, resolved, open_at_end
    from counted
    where received + resolved + open_at_end > 0
)

select * from final
order by received desc, open_at_end desc, category
