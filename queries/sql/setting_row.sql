-- setting_row: one setting with its version (for an edit form).
-- params: key; columns: key, value, version
select key, value, version from live.settings where key = $key
