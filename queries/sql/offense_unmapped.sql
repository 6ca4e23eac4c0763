-- offense_unmapped: offense descriptions of stored incidents that map to no crime type, most common first.
-- params: none
-- columns: offense_description, incidents
-- Counted per stored description first and normalised after (few distinct texts, many incidents).
with raw as (
    select coalesce(offense_description, offense) as raw_description, count(*) as incidents
    from live.incidents
    where crime_type_code is null
    group by 1
),

unmapped as (
    select upper(regexp_replace(trim(raw_description), '\s+', ' ', 'g')) as offense_description, incidents
    from raw
),

final as (
    select coalesce(offense_description, '(blank)') as offense_description, sum(incidents)::bigint as incidents
    from unmapped
    group by 1
)

select * from final
order by incidents desc, offense_description
