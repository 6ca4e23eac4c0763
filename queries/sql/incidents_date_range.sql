-- incidents_date_range: the first and last day with a stored incident (for default periods).
-- columns: first_day, last_day, incidents
select min(occurred_at)::date as first_day, max(occurred_at)::date as last_day, count(*) as incidents
from live.incidents
