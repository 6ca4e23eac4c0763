-- 0018_server_indexes (PostgreSQL): twin of queries/migrations/0018_server_indexes.sql.
--
-- PostgreSQL reads a table row by row unless an index points at the rows a query wants. In the
-- large city (2 million contact log lines, 2.5 million incidents) these reads scanned the whole
-- table each time.

-- an officer's own contact log for a period (contact_log_mine, the Contact log page)
create index contact_log_officer_date on main.contact_log (officer_id, contact_date);

-- the first and last incident date (incidents_coverage, in every monthly report and program
-- evaluation): read from the two ends of the index
create index incidents_occurred_at on main.incidents (occurred_at);

-- incidents whose offense maps to no crime type yet (offense_unmapped, the offense mapping
-- editor): few rows once the mappings are set, so a partial index holds only those
create index incidents_unmapped on main.incidents (id) where crime_type_code is null;
