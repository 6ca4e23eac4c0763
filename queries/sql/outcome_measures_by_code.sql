-- outcome_measures_by_code: one outcome measure.
-- params: code (varchar)
-- columns: code, label, unit, at_most
select code, label, unit, at_most from live.outcome_measures where code = $code
