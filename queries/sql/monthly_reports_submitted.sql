-- monthly_reports_submitted: the history of submitted reports, newest period first, with who
-- acknowledged them and whether the asking user has.
-- params: user_id (integer or null)
-- columns: id, period_label, period_start, period_end, submitted_by (by name), submitted_at (UTC), acknowledgements,
--          acknowledged_by, last_acknowledged_at (UTC), acknowledged_by_me
with acks as (
    select a.report_id,
           count(*) as acknowledgements,
           string_agg(u.display_name, ', ' order by a.acknowledged_at) as acknowledged_by,
           max(a.acknowledged_at) as last_acknowledged_at,
           bool_or(a.user_id = $user_id::integer) as acknowledged_by_me
    from live.report_acknowledgements as a
    join live.users as u on u.id = a.user_id
    group by a.report_id
),

final as (
    select r.id, r.period_label, r.period_start, r.period_end,
           coalesce(s.display_name, r.submitted_by) as submitted_by, r.submitted_at,
           coalesce(a.acknowledgements, 0) as acknowledgements,
           a.acknowledged_by,
           a.last_acknowledged_at,
           coalesce(a.acknowledged_by_me, false) as acknowledged_by_me
    from live.monthly_reports as r
    left join acks as a on a.report_id = r.id
    left join live.users as s on s.username = r.submitted_by
    where r.status = 'submitted'
    order by r.period_start desc, r.period_end desc
)

select * from final
