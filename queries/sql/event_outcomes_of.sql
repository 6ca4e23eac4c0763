-- event_outcomes_of: the outcome figures recorded for one event.
-- params: event_id (integer)
-- columns: measure_code, value
select measure_code, value from live.event_outcomes where event_id = $event_id order by measure_code
