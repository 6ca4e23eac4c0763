-- contact_log_mine: one officer's contact log lines, newest first.
-- params: officer_id (integer), date_from (date), date_to (date)
-- columns: id, version, contact_date, shift, district, kind, contact_count, location, non_enforcement, notes
select c.id, c.version, c.contact_date, c.shift, d.code as district, c.kind, c.contact_count, c.location,
       c.non_enforcement, c.notes
from live.contact_log as c
left join live.districts as d on d.id = c.district_id
where c.officer_id = $officer_id and c.contact_date between $date_from and $date_to
order by c.contact_date desc, c.created_at desc, c.id desc
