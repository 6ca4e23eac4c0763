-- districts_watch_coverage: per district, how many active block watch and business watch groups it has.
-- params: none
-- columns: district, name, block_watch, business_watch, missing
with districts as (
    select id, code, name from live.districts where kind = 'district'
),

groups as (
    select district_id,
           count(*) filter (where org_type = 'block_watch') as block_watch,
           count(*) filter (where org_type = 'business_watch') as business_watch
    from live.organizations
    where active
    group by district_id
),

final as (
    select d.code as district, d.name, coalesce(g.block_watch, 0) as block_watch,
           coalesce(g.business_watch, 0) as business_watch,
           concat_ws(' and ',
               case when coalesce(g.block_watch, 0) = 0 then 'no block watch' end,
               case when coalesce(g.business_watch, 0) = 0 then 'no business watch' end) as missing
    from districts as d
    left join groups as g on g.district_id = d.id
    order by d.code
)

select * from final
