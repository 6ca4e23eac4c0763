-- incident_stage_coordinate_counts: the staged incidents that will be stored, counted by the class of
-- their point (core/coordinates.py).
-- params: none
-- columns: coordinates, n
select coordinates, count(*) as n
from incident_stage
where ok and last_in_file
group by coordinates
order by coordinates
