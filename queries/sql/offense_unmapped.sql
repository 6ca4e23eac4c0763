-- offense_unmapped: offense descriptions of stored incidents that map to no crime type, most common first.
-- params: none
-- columns: offense_description, incidents
with unmapped as (
    select upper(regexp_replace(trim(coalesce(offense_description, offense)), '\s+', ' ', 'g')) as offense_description
    from live.incidents
    where crime_type_code is null
),

final as (
    select coalesce(offense_description, '(blank)') as offense_description, count(*) as incidents
    from unmapped
    group by 1
)

select * from final
order by incidents desc, offense_description
