-- entry_outcome_measures: every outcome figure a program may record.
-- params: none
-- columns: code, label, unit, at_most
select code, label, unit, at_most
from live.outcome_measures
order by label
