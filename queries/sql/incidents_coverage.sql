-- incidents_coverage: the first and last day of the imported crime incidents (null when none).
-- params: none
-- columns: first_day, last_day
select min(occurred_at)::date as first_day, max(occurred_at)::date as last_day
from live.incidents
