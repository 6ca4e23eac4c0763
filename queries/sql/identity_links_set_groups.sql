-- identity_links_set_groups: whether this sign-in took role and districts from the groups claim.
-- params: issuer, subject, roles_from_groups
update identity_links set roles_from_groups = $roles_from_groups
where issuer = $issuer and subject = $subject
