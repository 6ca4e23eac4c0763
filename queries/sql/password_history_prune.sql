-- password_history_prune: forget all but an account's newest `keep` earlier hashes.
-- params: user_id, keep
delete from password_history
where user_id = $user_id
  and id not in (
      select id
      from password_history
      where user_id = $user_id
      order by replaced_at desc, id desc
      limit $keep
  )
