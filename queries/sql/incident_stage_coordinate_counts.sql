-- incident_stage_coordinate_counts: the staged incidents that will be stored, counted by the class of
-- their point (core/coordinates.py); a row the reading left as the stage read it is ok with a point,
-- else missing.
-- params: none
-- columns: coordinates, n
select
    coalesce(coordinates, case when latitude is null then 'missing' else 'ok' end) as coordinates,
    count(*) as n
from incident_stage
where ok and last_in_file
group by 1
order by 1
