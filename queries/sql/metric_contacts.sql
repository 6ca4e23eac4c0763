-- metric_contacts: patrol officers' community contacts in one period (the contacts family).
-- Non-enforcement contacts: the number of people contacted in contact-log entries marked
-- non-enforcement, dated in the period. A shift logged is one officer on one date and shift with
-- at least one entry. Contacts are not tied to programs: category and program filters do not apply.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: contacts, contacts_all, contact_entries, shifts_logged, contacts_per_shift
with filtered_log as (
    select c.*
    from live.contact_log as c
    where c.contact_date between $start_date::date and $end_date::date
      and ($all_districts or list_contains($districts, c.district_id))
      and ($district_id::integer is null or c.district_id = $district_id::integer)
),

totals as (
    select
        coalesce(sum(contact_count) filter (where non_enforcement), 0) as contacts,
        coalesce(sum(contact_count), 0) as contacts_all,
        count(*) as contact_entries
    from filtered_log
),

shifts as (
    select count(*) as shifts_logged
    from (select distinct officer_id, contact_date, shift from filtered_log) as logged
),

final as (
    select t.contacts, t.contacts_all, t.contact_entries, s.shifts_logged,
           t.contacts / nullif(s.shifts_logged, 0) as contacts_per_shift
    from totals as t
    cross join shifts as s
)

select * from final
