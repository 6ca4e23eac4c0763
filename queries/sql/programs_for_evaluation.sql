-- programs_for_evaluation: programs to pick from on the evaluation page.
-- params: none
-- columns: id, name, status
select id, name, status from live.programs order by name
