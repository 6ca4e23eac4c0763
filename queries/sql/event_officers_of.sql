-- event_officers_of: officers present at one event and their hours.
-- params: event_id (integer)
-- columns: user_id, hours
select user_id, hours from live.event_officers where event_id = $event_id order by user_id
