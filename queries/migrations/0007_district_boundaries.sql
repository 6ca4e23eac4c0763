-- 0007_district_boundaries: replaceable district boundaries, and each district's top-level district.
--
-- Why a second table: re-imported boundaries (and the names and populations that come with
-- them) replace the shapes without touching the district rows that records refer to, and the
-- source of each shape is kept. (It was first needed because an early draft of 0001 had a check
-- naming `id`, which made DuckDB refuse every update of a referenced district; that check was
-- removed before release.) `live.districts` shows the imported values in place of the originals.

create table district_boundaries (
    district_id  integer primary key references districts (id),
    geometry     varchar not null,          -- GeoJSON geometry (Polygon / MultiPolygon), lon/lat
    name         varchar,
    population   integer check (population is null or population >= 0),
    source       varchar,
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp
);

create view live.district_boundaries as select * from main.district_boundaries where deleted_at is null;

create or replace view live.districts as
select
    d.* replace (
        coalesce(b.name, d.name) as name,
        coalesce(b.population, d.population) as population,
        coalesce(b.geometry, d.geometry) as geometry
    )
from main.districts as d
left join main.district_boundaries as b on b.district_id = d.id and b.deleted_at is null
where d.deleted_at is null;

-- Records may name a beat or a sector (an incident's district column, an event's place); maps and
-- the targeting analysis count them under their district. Up to two levels (district > sector > beat).
create view live.district_rollup as
select
    d.id as district_id,
    coalesce(gp.id, p.id, d.id) as top_district_id
from main.districts as d
left join main.districts as p on p.id = d.parent_id
left join main.districts as gp on gp.id = p.parent_id
where d.deleted_at is null;
