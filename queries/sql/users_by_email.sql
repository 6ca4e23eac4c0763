-- users_by_email: the accounts whose e-mail address (as an administrator entered it) is this one,
-- letter case aside: a provider's verified address links an identity to exactly one of them.
-- params: email; columns: id, username, active
select id, username, active
from live.users
where lower(trim(email)) = lower(trim($email))
order by id
