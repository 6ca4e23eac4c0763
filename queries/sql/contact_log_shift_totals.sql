-- contact_log_shift_totals: one officer's contacts per shift worked (date and shift).
-- params: officer_id (integer), date_from (date), date_to (date)
-- columns: contact_date, shift, entries, contacts, non_enforcement_contacts, kinds
with lines as (
    select *
    from live.contact_log
    where officer_id = $officer_id and contact_date between $date_from and $date_to
),

final as (
    select contact_date, shift, count(*) as entries, sum(contact_count) as contacts,
           sum(case when non_enforcement then contact_count else 0 end) as non_enforcement_contacts,
           string_agg(distinct kind, ', ' order by kind) as kinds
    from lines
    group by contact_date, shift
    order by contact_date desc, shift
)

select * from final
