-- 0010_business_verifications: every verification of a business's contact details, not only the latest.
--
-- businesses.last_verified_on keeps only the latest check, so "verified within 12 months" for a past
-- month undercounted every business verified again since, and the overview and the monthly report
-- could not compare it with an earlier period. Each verification is now a row here, written in
-- the same unit of work that stamps businesses.last_verified_on (core/business_writes.py); the
-- figures read this history. Existing latest verifications are the first rows.

create sequence seq_business_verifications start 1;

create table business_verifications (
    id           integer primary key default nextval('seq_business_verifications'),
    business_id  integer not null references businesses (id),   -- never changes after insert
    verified_on  date not null,
    verified_by  varchar,
    created_by   varchar   not null,
    created_at   timestamp not null
);

insert into business_verifications (business_id, verified_on, verified_by, created_by, created_at)
select id, last_verified_on, last_verified_by, 'migration 0010', current_timestamp::timestamp
from main.businesses
where last_verified_on is not null
order by id;

create index business_verifications_business on business_verifications (business_id);

-- append-only: every row is live
create view live.business_verifications as select * from main.business_verifications;

-- Each business's latest verification on or before a day; the figures of a period count from it.
create macro live.business_last_checks(as_of) as table
    select business_id, max(verified_on) as verified_on
    from main.business_verifications
    where verified_on <= as_of
    group by business_id;
