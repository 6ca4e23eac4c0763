-- incident_stage_problems: the first rows of an incident file that cannot be imported, with why.
-- params: limit (integer)
-- columns: line, field, value, problem
with stage as (
    select * from incident_stage
),

final as (
    select
        line,
        case when incident_number is null then 'incident_number' else 'occurred_at' end as field,
        case when incident_number is null then null else occurred_text end as value,
        case when incident_number is null then 'no incident number'
             when occurred_text is null then 'no date/time'
             else 'date/time not understood' end as problem
    from stage
    where not ok
)

select * from final
order by line
limit $limit
