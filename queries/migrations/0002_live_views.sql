-- 0002_live_views: the `live` schema that every named query reads.
--
-- Soft-deleted rows are invisible here, so no query can forget the filter.
-- Tables without soft delete get a plain view, so queries name one schema only.
-- audit_log is deliberately absent: it is read through its own queries.

create schema live;

create view live.settings as select * from main.settings where deleted_at is null;
create view live.districts as select * from main.districts where deleted_at is null;
create view live.users as select * from main.users where deleted_at is null;
create view live.organizations as select * from main.organizations where deleted_at is null;
create view live.org_meetings as select * from main.org_meetings where deleted_at is null;
create view live.programs as select * from main.programs where deleted_at is null;
create view live.program_goals as select * from main.program_goals where deleted_at is null;
create view live.course_cohorts as select * from main.course_cohorts where deleted_at is null;
create view live.events as select * from main.events where deleted_at is null;
create view live.participants as select * from main.participants where deleted_at is null;
create view live.enrolments as select * from main.enrolments where deleted_at is null;
create view live.roster_attendance as select * from main.roster_attendance where deleted_at is null;
create view live.businesses as select * from main.businesses where deleted_at is null;
create view live.business_contacts as select * from main.business_contacts where deleted_at is null;
create view live.contact_log as select * from main.contact_log where deleted_at is null;
create view live.concerns as select * from main.concerns where deleted_at is null;
create view live.offense_mappings as select * from main.offense_mappings where deleted_at is null;
create view live.program_evaluations as select * from main.program_evaluations where deleted_at is null;
create view live.monthly_reports as select * from main.monthly_reports where deleted_at is null;

create view live.crime_types as select * from main.crime_types;
create view live.outcome_measures as select * from main.outcome_measures;
create view live.user_districts as select * from main.user_districts;
create view live.program_target_districts as select * from main.program_target_districts;
create view live.program_target_crime_types as select * from main.program_target_crime_types;
create view live.program_partners as select * from main.program_partners;
create view live.program_outcome_measures as select * from main.program_outcome_measures;
create view live.event_officers as select * from main.event_officers;
create view live.event_outcomes as select * from main.event_outcomes;
create view live.event_partners as select * from main.event_partners;
create view live.concern_updates as select * from main.concern_updates;
create view live.incidents as select * from main.incidents;
create view live.report_acknowledgements as select * from main.report_acknowledgements;
