-- incidents_last_import: the audit row of the latest incident import (its detail holds the import's
-- figures as JSON: rows placed by district column and by location, in no district, and the rows whose
-- location lies in another district than the one they state).
-- params: none
-- columns: at_utc, username, detail
select at_utc, username, detail
from audit_log
where action = 'import' and table_name = 'incidents'
order by id desc
limit 1
