"""Program results: one program's figures over time against its goals, its events, its outcome
figures, its course cohorts and its evaluation history."""

import streamlit as st

from components import charts, say
from components.database import get_database
from components.figures import cached, figures
from components.navigation import page_guard
from components.palette import category_label
from components.period_picker import PRESETS, period_picker
from components.program_sections import cohort_table, evaluation_history, event_table, goal_table
from core import clock, program_results as results
from core.entry.programs import figure_programs
from core.metrics import Filters, trend_period
from core import formatting
from core.text import md
from core.vocabulary import label as word

user = page_guard("program-results")
db = get_database()
actor = user.actor
today = clock.department_today(db)

st.title("Program results")
programs = cached(figure_programs, db)
if programs.empty:
    st.info("No programs have been set up yet.")
    st.stop()
names = dict(zip(programs["id"].astype(int), programs["name"]))
asked = st.query_params.get("program")
start = list(names).index(int(asked)) if asked and asked.isdigit() and int(asked) in names else 0

with st.container(border=True):
    left, right = st.columns([2, 1])
    program_id = left.selectbox("Program", list(names), index=start, format_func=names.get, key="program_pick")
    with right:
        period = period_picker("program", today, menu=PRESETS, default="last_12_months")
st.query_params["program"] = str(program_id)

info = results.program(programs, program_id)
st.subheader(md(info["name"]))
lead = say.text(" · lead: {who}", who=info["lead_officer"]) if info.get("lead_officer") else ""
say.caption("{category} · {kind} · {status}{lead}", category=category_label(info["category"]),
            kind=word("delivery_kind", info["delivery_kind"]), status=word("program_status", info["status"]),
            lead=lead)
if info.get("description"):
    st.markdown(md(info["description"]))

filters = Filters(program_id=program_id)
now = figures("headline", db, actor, period, filters)
period_outcomes = figures("outcomes", db, actor, period, filters)
cards = [("Events held", formatting.count(now["events"])), ("Attendance", formatting.count(now["attendance"])),
         ("Officer-hours", f"{formatting.hours(now['officer_hours'])} h")]
if info["delivery_kind"] == "course":
    cards += [("Participants", formatting.count(now["participants"])),
              ("Completions", formatting.count(now["completions"]))]
for row in period_outcomes.itertuples():
    shown = formatting.amount(row.value, row.unit)
    if isinstance(row.base_measure, str) and row.share == row.share:
        shown += f" ({formatting.percent(100 * row.share)})"
    cards.append((row.label, shown))
for start in range(0, len(cards), 5):
    for column, (label, value) in zip(st.columns(5), cards[start:start + 5]):
        column.metric(md(label), value)

say.markdown("**Goals in {period}**", period=period.label)
goal_table(cached(results.goals, db, program_id), figures("goal_attainment", db, actor, period, filters), period)

st.markdown("**Figures over time against the goals**")
trend = trend_period(period)
monthly = cached(results.monthly, db, actor, trend, program_id)
goals = cached(results.goals, db, program_id)
targets = {g.measure: results.monthly_target(g.target_value, g.per_period) for g in goals.itertuples()}
outcomes = figures("outcomes", db, actor, trend, filters)
labels = {"events": ("Events held", "Events"), "attendance": ("Attendance", "People attending")}
labels.update({row.measure_code: (row.label, row.label + {"dollars": " ($)", "hours": " (hours)"}.get(row.unit, ""))
               for row in outcomes.itertuples()})
units = {row.measure_code: row.unit for row in outcomes.itertuples()}
shown = [m for m in ["events", "attendance", *sorted(set(monthly["measure"]) - {"events", "attendance"})]
         if m in labels]
# one figure's trend drawn at a time: only the open tab runs and is sent (drawing charts is most of
# the browser's work on a page switch, and a program has up to six of them)
tabs = st.tabs([md(labels[measure][0]) for measure in shown], key="program_trend_tab", on_change="rerun")
for tab, measure in zip(tabs, shown):
    if not tab.open:
        continue
    title, axis = labels[measure]
    with tab:
        charts.show(charts.program_trend(monthly[monthly["measure"] == measure], "value",
                                         f"{title} each month, {trend.label}", axis, targets.get(measure),
                                         units.get(measure, "count")),
                    f"No {title.lower()} recorded in {trend.label}.", key=f"program_trend_{measure}")

shares = cached(results.shares_by_month, db, actor, trend, program_id)
for measure, group in (shares.groupby("measure_code") if not shares.empty else []):
    label = group["label"].iloc[0]
    base = outcomes.set_index("measure_code").loc[group["base_measure"].iloc[0], "label"]
    charts.show(charts.share_over_time(group, f"{label}: share of {base.lower()} each month, {trend.label}",
                                       f"Share of {base.lower()}"),
                f"No {base.lower()} in {trend.label}.", key=f"program_share_{measure}")

say.markdown("**Events in {period}**", period=period.label)
event_table(cached(results.events, db, actor, period, program_id), period)

cohort_frame = cached(results.cohorts, db, program_id)
if info["delivery_kind"] == "course" or not cohort_frame.empty:
    st.markdown("**Course cohorts**")
    cohort_table(cohort_frame)

st.markdown("**Evaluation history**")
evaluations = cached(results.evaluations, db, program_id)
evaluations["submitted_at"] = clock.column_to_department(evaluations["submitted_at"], db)   # stored in UTC
evaluation_history(evaluations)
