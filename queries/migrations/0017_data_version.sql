-- 0017_data_version: one number that says whether cached figures are still current.
--
-- Pages keep figures and lists cached until the next save. With one app process on DuckDB the
-- process counts its own saves in memory (queries/db.py, write_count) and leaves this row as it
-- is. With several processes on PostgreSQL each must learn of the others' saves: every unit of
-- work that changes what pages count or list adds one to this row in its own transaction, and
-- each process reads the row once per rerun (queries/postgresql_db.py). The table is here too so
-- that both engines have the same schema at the same version.

create table data_version (
    id      integer primary key check (id = 1),   -- the one row
    version bigint  not null                       -- committed units of work that changed figures
);

insert into data_version values (1, 0);
