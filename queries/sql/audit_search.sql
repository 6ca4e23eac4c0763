-- audit_search: audit rows, newest first, filtered; a null filter matches everything.
-- params: username, action, table_name (text or null), date_from, date_to (dates, inclusive), row_limit
-- columns: at_utc, username, role, action, table_name, record_id, detail, before, after
select at_utc, username, role, action, table_name, record_id, detail, before, after
from audit_log
where ($username is null or username = $username)
  and ($action is null or action = $action)
  and ($table_name is null or table_name = $table_name)
  and at_utc >= $date_from
  and at_utc < $date_to + interval 1 day
order by at_utc desc, id desc
limit $row_limit
