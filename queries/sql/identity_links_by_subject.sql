-- identity_links_by_subject: the account a person at the identity provider is linked to.
-- params: issuer, subject; columns: issuer, subject, user_id, email, linked_at, roles_from_groups, username
select l.issuer, l.subject, l.user_id, l.email, l.linked_at, l.roles_from_groups, u.username
from live.identity_links as l
left join live.users as u on u.id = l.user_id
where l.issuer = $issuer and l.subject = $subject
