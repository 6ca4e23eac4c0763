-- identity_links_insert: link a person at the identity provider to an account.
-- params: issuer, subject, user_id, email, now (UTC)
insert into identity_links (issuer, subject, user_id, email, linked_at, roles_from_groups)
values ($issuer, $subject, $user_id, $email, $now, false)
