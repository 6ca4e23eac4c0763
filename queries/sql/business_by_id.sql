-- business_by_id: one business, only when it lies within the caller's district scope.
-- params: id, all_districts (boolean), districts (list of district ids)
-- columns: every column of businesses, plus district_code
with scoped as (
    select b.*
    from live.businesses as b
    where b.id = $id
      and live.in_scope($all_districts, $districts, b.district_id)
),

final as (
    select s.*, d.code as district_code
    from scoped as s
    left join live.districts as d on d.id = s.district_id
)

select * from final
