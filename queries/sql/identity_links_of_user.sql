-- identity_links_of_user: the identities linked to one account, newest first.
-- params: user_id; columns: issuer, subject, email, linked_at, roles_from_groups
select issuer, subject, email, linked_at, roles_from_groups
from live.identity_links
where user_id = $user_id
order by linked_at desc
