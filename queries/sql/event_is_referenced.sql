-- event_is_referenced: whether any row points at this event (officers, figures, partners, roster).
-- params: event_id (integer)
-- columns: referenced (boolean)
select exists (select 1 from live.event_references where event_id = $event_id) as referenced
