-- settings_all: every setting with its version (for the settings page).
-- columns: key, value, version, updated_by, updated_at
select key, value, version, updated_by, updated_at
from live.settings
order by key
