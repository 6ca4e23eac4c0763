-- audit_log_filter_values: the distinct values offered in the audit log filters.
-- columns: kind ('username' | 'action' | 'table_name'), value
select distinct 'username' as kind, username as value from audit_log
union all
select distinct 'action', action from audit_log
union all
select distinct 'table_name', table_name from audit_log where table_name is not null
order by kind, value
