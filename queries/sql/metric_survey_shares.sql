-- metric_survey_shares: one survey wave's headline share on each measure (and, for the 'problem'
-- measure, each subject asked about), in all and per district: the first row of a measure is the
-- total, then one row per district. A respondent counts in the district their area names, rolled up
-- to its top district; answers whose area names no district count in the total only. Don't-know and
-- missing answers are not stored, so they are outside every base.
-- Share: sum of the weights of the answers that count toward the measure (feels safe, trusts, is
-- satisfied, rates the problem serious, yes) over the sum of the weights of all answers in the base
-- (every weight is 1 in an unweighted wave). Answers: the unweighted number of answers in the base.
-- Margin: the 95 per cent margin of error, 1.96 * sqrt(share * (1 - share) / n_eff), with the
-- effective sample size n_eff = (sum of weights)^2 / (sum of squared weights) (Kish).
-- A cell with fewer than min_answers answers is suppressed: no share and no margin.
-- glossary: The share of residents answering favourably on a survey measure (they feel safe, trust
--   the police, are satisfied, rate a problem as serious, or say yes), weighted by the survey's own
--   weights where it has them. Answers of "don't know" and unanswered questions are left out.
--   The margin of error: the share plus or minus this margin holds the true share in 95 surveys out
--   of 100, allowing for the weights. A district with fewer than 10 answers on a measure is shown as "too
--   few answers", never as a figure. A change between two waves is marked only where it is larger
--   than the margin of error of the difference: the square root of the sum of the two waves' squared
--   margins.
-- params: wave_id (integer), min_answers (integer); all_districts, districts
-- columns: wave_id, measure, subject (null except for 'problem'), district_id (null on the total row),
--          total (true on a measure's first row), answers, share (0-1), margin (0-1), suppressed
with answers as (
    select a.measure, a.subject, r.top_district_id as district_id, a.weight, a.top_answer
    from live.survey_answers as a
    left join live.district_rollup as r on r.district_id = a.district_id
    where a.wave_id = $wave_id::integer
      and live.in_scope($all_districts, $districts, a.district_id)
),

cells as (
    select
        grouping(district_id) = 1 as total,
        measure,
        subject,
        district_id,
        count(*) as answers,
        sum(weight) as weights,
        sum(weight * weight) as squared_weights,
        coalesce(sum(weight) filter (where top_answer), 0) as top_weights
    from answers
    group by grouping sets ((measure, subject), (measure, subject, district_id))
),

shares as (
    select
        total,
        measure,
        subject,
        district_id,
        answers,
        answers < $min_answers::integer as suppressed,
        top_weights / weights as share,
        weights * weights / squared_weights as effective_answers
    from cells
    where total or district_id is not null
),

final as (
    select
        $wave_id::integer as wave_id,
        measure,
        subject,
        district_id,
        total,
        answers,
        case when not suppressed then share end as share,
        case when not suppressed then 1.96 * sqrt(greatest(share * (1 - share), 0) / effective_answers) end as margin,
        suppressed
    from shares
)

select * from final
order by measure, subject nulls first, total desc, district_id
