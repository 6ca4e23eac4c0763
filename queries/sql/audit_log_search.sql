-- audit_log_search: audit rows, newest first, filtered; a null filter matches everything.
-- params: username, action, table_name (text or null), from_utc, until_utc (timestamps, UTC: the span of the
--         department's dates asked for, core/clock.py day_bounds_utc), row_limit
-- columns: at_utc, username, role, action, way_in (sign-ins, sign-outs and refusals: password or provider),
--          table_name, record_id, detail, before, after
select at_utc, username, role, action, way_in, table_name, record_id, detail, before, after
from audit_log
where ($username::varchar is null or username = $username)
  and ($action::varchar is null or action = $action)
  and ($table_name::varchar is null or table_name = $table_name)
  and at_utc >= $from_utc::timestamp
  and at_utc < $until_utc::timestamp
order by at_utc desc, id desc
limit $row_limit
