-- login_locks_lift_all: lift every lock still in force (after a restore, the backup's are stale).
-- params: now, by
update login_locks set unlocked_at = $now, unlocked_by = $by
where unlocked_at is null
