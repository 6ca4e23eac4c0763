-- program_evaluation_row: the stored evaluation of one program for one year, if any.
-- params: program_id (integer), year (integer)
-- columns: every column of program_evaluations
select * from live.program_evaluations where program_id = $program_id and year = $year
