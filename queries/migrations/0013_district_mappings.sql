-- 0013_district_mappings: district texts of incident exports mapped to a district once and for all.
--
-- An export may name its districts in a way no matching rule reads ("Out of SF", "HQ", a retired
-- code): an administrator or crime-prevention officer maps such a text to a district once, and
-- every later import (and the stored incidents stating it) follow. The key is the text trimmed,
-- upper-cased, spaces collapsed (core/district_codes.mapping_key). district_id is edited, so it
-- carries no foreign key; queries/references.py checks it on every write.

create table district_mappings (
    district_text        varchar primary key,
    district_id          integer   not null,
    version              integer   not null default 1,
    created_by           varchar   not null,
    created_at           timestamp not null,
    updated_by           varchar,
    updated_at           timestamp,
    deleted_by           varchar,
    deleted_at           timestamp
);

create view live.district_mappings as select * from main.district_mappings where deleted_at is null;
