-- metric_program_concerns: the community concerns raised where a program works, by category, in one period.
-- Concerns received in the period in one of the program's target districts (whatever their category).
-- Resolved: those of them resolved or closed by end_date.
-- glossary: Community concerns received in the year in the program's target districts, by category,
--   and how many of them were resolved or closed by the end of the year.
-- params: start_date, end_date (date); program_id (integer); all_districts, districts
-- columns: category, received, resolved
with target_districts as (
    select district_id
    from live.program_target_districts
    where program_id = $program_id::integer
      and live.in_scope($all_districts, $districts, district_id)
),

received as (
    select c.category, c.resolved_on
    from live.concerns as c
    inner join target_districts as t on t.district_id = c.district_id
    where c.received_on between $start_date::date and $end_date::date
),

final as (
    select category,
           count(*) as received,
           count(*) filter (where resolved_on is not null and resolved_on <= $end_date::date) as resolved
    from received
    group by category
)

select * from final
order by received desc, category
