-- metric_contacts: patrol officers' community contacts in one period (the contacts family), in all
-- and per district (the first row is the total, then one row per district).
-- Non-enforcement contacts: the number of people contacted in contact-log entries marked
-- non-enforcement, dated in the period. A shift logged is one officer on one date and shift with
-- at least one entry. Contacts are not tied to programs: category and program filters do not apply.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, contacts, contacts_all, contact_entries,
--          shifts_logged, contacts_per_shift
with counted as (
    select
        grouping(district_id) = 1 as total,
        district_id,
        coalesce(sum(contact_count) filter (where non_enforcement), 0) as contacts,
        coalesce(sum(contact_count), 0) as contacts_all,
        count(*) as contact_entries,
        count(distinct (officer_id, contact_date, shift)) as shifts_logged
    from live.scoped_contacts($all_districts, $districts, $start_date, $end_date, $district_id)
    group by grouping sets ((), (district_id))
),

final as (
    select total, district_id, contacts, contacts_all, contact_entries, shifts_logged,
           contacts / nullif(shifts_logged, 0) as contacts_per_shift
    from counted
)

select * from final
order by total desc, district_id nulls last
