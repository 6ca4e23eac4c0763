-- 0007_district_rollup: the top-level district of every district, sector or beat.
--
-- Records may name a beat or a sector (an incident's district column, an event's
-- place); maps and the targeting analysis count them under their district.
-- Up to two levels below a district (district > sector > beat).

create view live.district_rollup as
select
    d.id as district_id,
    coalesce(gp.id, p.id, d.id) as top_district_id
from main.districts as d
left join main.districts as p on p.id = d.parent_id
left join main.districts as gp on gp.id = p.parent_id
where d.deleted_at is null;
