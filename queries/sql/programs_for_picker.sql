-- programs_for_picker: programs (not archived) for filters, with their start date.
-- columns: id, name, status, start_date
select id, name, status, start_date from live.programs where status <> 'archived' order by name
