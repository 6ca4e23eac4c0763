-- metric_contacts_by_month: non-enforcement contacts and shifts logged per month and shift.
-- Same definition as metric_contacts; every month of the period appears for every shift.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: month (date), shift, contacts, shifts_logged, contacts_per_shift (null when no shift)
with months as (
    select unnest(generate_series(date_trunc('month', $start_date::date)::date,
                                  $end_date::date, interval 1 month))::date as month
),

shift_names as (
    select unnest(['day', 'evening', 'night']) as shift
),

-- one row per shift logged (an officer on a date and shift with at least one entry): grouping
-- by the shift's columns and counting rows costs less than counting distinct tuples
logged as (
    select contact_date, shift, officer_id,
           sum(contact_count) filter (where non_enforcement) as contacts
    from live.scoped_contacts($all_districts, $districts, $start_date, $end_date, $district_id)
    group by contact_date, shift, officer_id
),

counted as (
    select date_trunc('month', contact_date)::date as month, shift,
           sum(contacts)::bigint as contacts, count(*) as shifts_logged
    from logged
    group by 1, 2
),

final as (
    select m.month, s.shift,
           coalesce(c.contacts, 0) as contacts,
           coalesce(c.shifts_logged, 0) as shifts_logged,
           coalesce(c.contacts, 0) / nullif(c.shifts_logged, 0) as contacts_per_shift
    from months as m
    cross join shift_names as s
    left join counted as c on c.month = m.month and c.shift = s.shift
)

select * from final
order by month, shift
