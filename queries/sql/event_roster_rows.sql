-- event_roster_rows: the live roster attendance rows of one event (copied when an event is replaced).
-- params: event_id (integer)
-- columns: enrolment_id, present
select enrolment_id, present from live.roster_attendance where event_id = $event_id order by enrolment_id
