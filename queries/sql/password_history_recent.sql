-- password_history_recent: the hashes of an account's earlier passwords, newest first.
-- params: user_id, keep (how many); columns: password_hash
select password_hash
from live.password_history
where user_id = $user_id
order by replaced_at desc, id desc
limit $keep
