-- event_partners_of: partner organizations of one event.
-- params: event_id (integer)
-- columns: organization_id
select organization_id from live.event_partners where event_id = $event_id order by organization_id
