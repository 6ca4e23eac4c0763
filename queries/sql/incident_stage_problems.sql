-- incident_stage_problems: the first rows of an incident file that cannot be imported, with why.
-- params: limit (integer)
-- columns: line, field, value, problem
with stage as (
    select * from incident_stage
),

final as (
    select
        line,
        case when incident_number is null then 'incident_number' else occurred_field end as field,
        case when incident_number is null then null
             when occurred_field = 'occurred_time' then time_text
             else occurred_text end as value,
        case when incident_number is null then 'no incident number' else occurred_problem end as problem
    from stage
    where not ok
)

select * from final
order by line
limit $limit
