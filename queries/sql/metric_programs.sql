-- metric_programs: programs for the figure filters and the program results page, newest status first.
-- params: none
-- columns: id, name, category, delivery_kind, status, start_date, end_date, description, lead_officer
with final as (
    select p.id, p.name, p.category, p.delivery_kind, p.status, p.start_date, p.end_date, p.description,
           u.display_name as lead_officer
    from live.programs as p
    left join live.users as u on u.id = p.lead_officer_id
)

select * from final
order by status = 'archived', name
