-- users_for_sign_in: active accounts handed to the login form.
-- columns: username, display_name, email, password_hash, role
select username, display_name, email, password_hash, role
from live.users
where active
order by username
