-- identity_links_clear: unlink every identity of an account (an administrator's act; the next
-- sign-in through the provider links again by the account's verified e-mail address).
-- params: user_id; columns: Count (identities unlinked)
delete from identity_links where user_id = $user_id
