-- crime_types_list: the department's crime types for pickers.
-- params: none
-- columns: code, label, category
select code, label, category from live.crime_types order by category, label
