-- 0017_data_version (PostgreSQL): twin of queries/migrations/0017_data_version.sql.
--
-- Every unit of work that changes what pages count or list adds one to this row before it
-- commits (queries/postgresql_db.py), so the update holds the row until the commit and the
-- number never runs ahead of the data: a process that reads version n and then reads figures sees
-- at least every save up to n. Each app process reads the row once per rerun, and its cached
-- figures are keyed on it, so a save in any process makes them stale in every process.

create table main.data_version (
    id      integer primary key check (id = 1),   -- the one row
    version bigint  not null                       -- committed units of work that changed figures
);

insert into main.data_version values (1, 0);
