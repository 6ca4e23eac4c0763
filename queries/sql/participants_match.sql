-- participants_match: a live participant with the same name and e-mail (to avoid double records).
-- params: first_name, last_name, email (varchar or null)
-- columns: id
select id from live.participants
where lower(first_name) = lower($first_name) and lower(last_name) = lower($last_name)
  and coalesce(lower(email), '') = coalesce(lower($email), '')
order by id
limit 1
