-- metric_program_feedback: participant feedback recorded at a program's events in one period.
-- Responses: the sum of feedback forms returned at events that start in the period. Average rating:
-- the mean of the events' average ratings (1-5) weighted by their number of responses, so every
-- returned form weighs the same. Events without feedback are left out.
-- glossary: Feedback forms returned by participants at the program's events in the year, and their
--   average rating from 1 to 5, each returned form weighing the same.
-- params: start_date, end_date (date); program_id (integer); all_districts, districts
-- columns: events_with_feedback, responses, average_rating (null when none)
with rated as (
    select e.feedback_responses, e.feedback_avg_rating
    from live.events as e
    where e.program_id = $program_id::integer
      and e.starts_at::date between $start_date::date and $end_date::date
      and live.in_scope($all_districts, $districts, e.district_id)
      and e.feedback_responses > 0
),

final as (
    select
        count(*) as events_with_feedback,
        coalesce(sum(feedback_responses), 0) as responses,
        round(sum(feedback_responses * feedback_avg_rating) / nullif(sum(feedback_responses), 0), 2) as average_rating
    from rated
)

select * from final
