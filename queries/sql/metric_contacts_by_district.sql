-- metric_contacts_by_district: the metric_contacts figures per district.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: district_id, contacts, shifts_logged, contacts_per_shift
with filtered_log as (
    select c.*
    from live.contact_log as c
    where c.contact_date between $start_date::date and $end_date::date
      and ($all_districts or list_contains($districts, c.district_id))
      and ($district_id::integer is null or c.district_id = $district_id::integer)
),

final as (
    select district_id,
           coalesce(sum(contact_count) filter (where non_enforcement), 0) as contacts,
           count(distinct (officer_id, contact_date, shift)) as shifts_logged,
           coalesce(sum(contact_count) filter (where non_enforcement), 0)
             / nullif(count(distinct (officer_id, contact_date, shift)), 0) as contacts_per_shift
    from filtered_log
    group by district_id
)

select * from final
order by district_id
