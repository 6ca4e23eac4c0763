-- metric_participants_by_district: unique course participants per district of the session.
-- Same definition as metric_participants (a participant present in two districts counts in each).
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: district_id, participants
with filtered_events as (
    select e.*
    from live.events as e
    inner join live.programs as p on p.id = e.program_id
    where e.starts_at::date between $start_date::date and $end_date::date
      and ($all_districts or list_contains($districts, e.district_id))
      and ($district_id::integer is null or e.district_id = $district_id::integer)
      and ($category::varchar is null or p.category = $category::varchar)
      and ($program_id::integer is null or e.program_id = $program_id::integer)
),

final as (
    select e.district_id, count(distinct n.participant_id) as participants
    from live.roster_attendance as r
    inner join filtered_events as e on e.id = r.event_id
    inner join live.enrolments as n on n.id = r.enrolment_id
    where r.present
    group by e.district_id
)

select * from final
order by district_id nulls last
