-- event_is_referenced: whether any row points at this event (officers, figures, partners, roster).
-- params: event_id (integer)
-- columns: referenced (boolean)
-- main.* on purpose: DuckDB's foreign-key check counts every stored row.
select exists (select 1 from main.event_officers where event_id = $event_id)
    or exists (select 1 from main.event_outcomes where event_id = $event_id)
    or exists (select 1 from main.event_partners where event_id = $event_id)
    or exists (select 1 from main.roster_attendance where event_id = $event_id) as referenced
