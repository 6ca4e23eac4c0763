-- incidents_apply_offense_mappings: re-derive every stored incident's crime type from the saved mapping
-- (after the mapping was edited). Incidents are imported records, not referenced by other tables.
-- params: none
update main.incidents as i
set crime_type_code = m.crime_type_code
from (
    select i2.id, m2.crime_type_code
    from main.incidents as i2
    left join live.offense_mappings as m2
        on m2.offense_description = upper(regexp_replace(trim(coalesce(i2.offense_description, i2.offense)), '\s+', ' ', 'g'))
    where i2.crime_type_code is distinct from m2.crime_type_code
) as m
where i.id = m.id
