-- programs_by_name: a program (deleted or not: names are unique in the table) by name, case-insensitive.
-- params: program_name (varchar)
-- columns: id, name
select id, name from live.program_names where lower(name) = lower(trim($program_name))
