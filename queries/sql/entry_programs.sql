-- entry_programs: programs for pickers in entry forms (archived ones last).
-- params: none
-- columns: id, name, category, status, delivery_kind
with programs as (
    select id, name, category, status, delivery_kind
    from live.programs
),

final as (
    select * from programs
    order by status = 'archived', name
)

select * from final
