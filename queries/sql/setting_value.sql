-- setting_value: one setting by key (null when unset).
-- params: key; columns: value
select value from live.settings where key = $key
