-- event_duplicate: an event of the same program starting at the same time (not the one being edited).
-- params: program_id (integer), starts_at (timestamp), exclude_id (integer or null)
-- columns: id
select id
from live.events
where program_id = $program_id and starts_at = $starts_at
  and ($exclude_id is null or id <> $exclude_id)
limit 1
