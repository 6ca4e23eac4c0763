"""The sections of the Community perception page: the wave picker, each measure by district and wave,
the results table with its changes, and perception beside the record. Each table is shown in words
(a suppressed cell reads "too few answers", never a figure) and downloaded as it is shown."""

from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from components import charts, say, survey_import
from components.entry_form import export_buttons
from components.figures import cached
from components.survey_charts import perception_beside_record, shares_by_district
from components.tables import table as show_table
from core import formatting
from core.surveys import comments, results, shown
from queries.access import can
from queries.actor import Actor
from queries.db import Database

CHART_WAVES = 3         # the chosen wave and the waves before it, at most this many in the chart


def no_waves_yet(can_import: bool) -> None:
    """What to do before the first wave: import one (here, for a role that may), or ask for it."""
    if can_import:
        st.info("No resident survey has been imported yet. Open Import a wave above and upload the survey's "
                "export (a CSV or Excel file, one row per respondent) with its fieldwork dates and what each "
                "question measures; its results then show here by district, and each later wave beside the one "
                "before.")
    else:
        st.info("No resident survey has been imported yet. The Crime Prevention officer or an administrator "
                "imports the survey's export (a CSV or Excel file, one row per respondent) as a wave, with its "
                "fieldwork dates and what each question measures; its results then show here by district, and "
                "each later wave beside the one before.")


def wave_picker(waves: list[dict]) -> tuple[dict, dict | None]:
    """The wave to show (newest first) and the wave before it (None for the first wave)."""
    ids = [wave["id"] for wave in waves]
    by_id = {wave["id"]: wave for wave in waves}
    chosen = st.selectbox("Survey wave", ids, key="surveys_wave", format_func=lambda i: by_id[i]["name"])
    wave = by_id[chosen]
    position = ids.index(chosen)
    earlier = waves[position + 1] if position + 1 < len(waves) else None
    say.caption("Fieldwork {start} to {end} · {respondents} · {weighted}", start=formatting.day(wave["fieldwork_start"]),
                end=formatting.day(wave["fieldwork_end"]),
                respondents=formatting.plural(wave["respondents"], "respondent"),
                weighted="weighted by the survey's own weights" if wave["weighted"] else "not weighted "
                "(every answer counts the same)")
    return wave, earlier


def measure_chart(db: Database, actor: Actor, waves: list[dict], wave: dict) -> None:
    """A picker of the wave's measures and the chosen one's chart by district and wave."""
    position = [w["id"] for w in waves].index(wave["id"])
    shown_waves = list(reversed(waves[position:position + CHART_WAVES]))        # oldest first
    data = pd.concat([cached(shown.named_shares, db, actor, shown_wave["id"]).assign(wave=shown_wave["name"])
                      for shown_wave in shown_waves], ignore_index=True)
    current = data[data["wave_id"] == wave["id"]]
    measures = list(dict.fromkeys(current["what"]))
    if not measures:
        st.info("This wave holds no answers in your districts.")
        return
    what = st.selectbox("Measure", measures, key="surveys_measure")
    chosen = data[data["what"] == what]
    places = list(dict.fromkeys(chosen[chosen["wave_id"] == wave["id"]]["place"]))
    chosen = chosen[chosen["place"].isin(places)]
    title = f"{what}, by district" + (" and wave" if len(shown_waves) > 1 else f", {wave['name']}")
    charts.show(shares_by_district(chosen[["place", "wave", "share", "margin", "answers"]], title),
                "No answers to show.", key="surveys_chart")
    st.caption("Each bar is the share of the answers, weighted where the survey has weights; the line across "
               "its end is the 95% margin of error. A district with fewer than 10 answers shows \"too few "
               "answers\" instead of a bar.")


def results_table(db: Database, actor: Actor, wave: dict, earlier: dict | None) -> pd.DataFrame:
    """Every measure by district: share, margin of error, answers and the change since the wave before."""
    table = cached(shown.results_in_words, db, actor, wave["id"], None if earlier is None else earlier["id"])
    say.subheader("Every measure by district, {wave}", wave=wave["name"])
    if earlier is not None:
        say.caption("Changes are since {earlier}. A change is marked (up or down) only where it is larger than "
                    "the margin of error of the difference between the two waves; a smaller one may be chance.",
                    earlier=earlier["name"])
    show_table(table)
    return table


def perception_section(db: Database, actor: Actor, wave: dict) -> pd.DataFrame:
    """How serious residents rate each problem beside what is on record, and the candidate districts."""
    st.subheader("Perception beside the record")
    period = results.record_period(wave)
    table, words = cached(shown.perception_in_words, db, actor, wave["id"], period)
    if table.empty:
        st.info("This wave asks residents about no particular problem (such as burglary or speeding), so there "
                "is nothing to set beside the record.")
        return pd.DataFrame()
    say.caption("How serious residents rate each problem, beside the incidents of that crime type and the "
                "concerns of that category on record in {period}, per 1,000 residents.", period=period.label)
    _candidates(table)
    problems = list(dict.fromkeys(table["problem"]))
    problem = st.selectbox("Problem", problems, key="surveys_problem")
    one = table[table["problem"] == problem]
    points = pd.DataFrame({"place": one["place"], "share": one["share"], "margin": one["margin"],
                           "rate": one["recorded_per_1000"], "candidate": one["candidate"], "total": one["total"]})
    charts.show(perception_beside_record(points, f"{problem}: rated serious against the record, by district",
                                         shown.all_places(actor)),
                "No district has both enough answers and a population on record to draw.", key="surveys_record_chart")
    st.caption("Each point is a district, its line the margin of error; the dashed lines are all districts "
               "together. Orange, upper left: seen as serious, little on record; purple, lower right: much on "
               "record, seen as less serious. A district with too few answers or no population on record is in "
               "the table only.")
    show_table(words[words["Problem"] == problem].drop(columns=["Problem"]),
               column_config={"Candidate for a program": st.column_config.TextColumn("Candidate for a program",
                                                                                     width=240)})
    say.caption("{rule} A district whose population is not on record has no rate and is never a candidate.",
                rule=results.GLOSSARY["candidate"])
    return words


def _candidates(table: pd.DataFrame) -> None:
    totals = table[table["total"]].set_index("subject")
    listed = table[table["candidate"].notna()]
    if listed.empty:
        st.success("No district stands out: where residents rate a problem more or less serious than all districts "
                   "together, the record does not point the other way.")
        return
    for kind, heading in ((results.FEAR_ABOVE_RECORD, "Seen as serious, little on record: a program can "
                                                      "address the fear, such as a crime-prevention talk"),
                          (results.RECORD_ABOVE_FEAR, "Much on record, seen as less serious: a program can "
                                                      "raise awareness, such as a prevention campaign")):
        rows = listed[listed["candidate"] == kind]
        if rows.empty:
            continue
        lines = [say.text("**{place}**, {problem}: {share} rate it serious (all districts {overall}); {rate} on record "
                          "per 1,000 residents (all districts {overall_rate})", place=row["place"],
                          problem=row["problem"], share=results.share_words(row["share"]),
                          overall=results.share_words(totals.loc[row["subject"], "share"]),
                          rate=results.rate_words(row["recorded_per_1000"]),
                          overall_rate=results.rate_words(totals.loc[row["subject"], "recorded_per_1000"]))
                 for row in rows.to_dict("records")]
        say.warning("{heading}\n\n{lines}", heading=heading, lines=say.join("\n\n", lines))


def downloads(sheets: dict[str, pd.DataFrame], wave: dict) -> None:
    """Each table as CSV and XLSX, in the words shown (suppressed cells stay "too few answers")."""
    st.subheader("Download")
    for name, frame in sheets.items():
        if frame is None or frame.empty:
            continue
        say.caption("{name}", name=name)
        export_buttons(frame, f"survey-{name.lower().replace(' ', '-')}-{wave['id']}",
                       f"surveys_export_{name.lower().replace(' ', '_')}")


def reads_comments(actor: Actor) -> bool:
    """Whether the page offers residents' comments: administrators and the Crime Prevention officer
    (queries/access.py; core/surveys/comments.py refuses anyone else)."""
    return can(actor, "read", "survey_comments")


def comments_section(db: Database, actor: Actor) -> None:
    """A wave's free-text answers, residents' own words: district, question and comment, a text filter,
    and the list as shown in CSV and XLSX (each file made is on record)."""
    waves = cached(results.waves, db)
    if not waves:
        st.info("No resident survey has been imported yet. Once a wave is, what residents wrote in its "
                "free-text questions shows here.")
        return
    by_id = {wave["id"]: wave for wave in waves}
    chosen = st.selectbox("Survey wave", list(by_id), key="surveys_comments_wave",
                          format_func=lambda i: by_id[i]["name"])
    wave = by_id[chosen]
    search = st.text_input("Find in the comments", key="surveys_comments_search", type="search",
                           placeholder="A word, a street, a district or a question")
    found = comments.wave_comments(db, actor, chosen, search=search)
    if found.empty:
        if search.strip():
            say.info("No comment of {wave} holds \"{search}\".", wave=wave["name"], search=search.strip())
        else:
            say.info("{wave} holds no free-text answers.", wave=wave["name"])
        return
    say.caption("{count} in {wave}. Residents' own words, shown only to the Crime Prevention officer and "
                "administrators; the district is the respondent's.",
                count=formatting.plural(len(found), "comment"), wave=wave["name"])
    listed = pd.DataFrame({"District": found["district"], "Question": found["question"],
                           "Comment": found["answer"]})
    show_table(listed, column_config={"Comment": st.column_config.TextColumn("Comment", width="large")})
    export_buttons(listed, f"survey-comments-{chosen}", "surveys_export_comments")


def import_section(actor: Actor) -> Callable | None:
    """The survey import's section (components/survey_import.py, `import_section(db, user)`) for the roles
    that may import survey answers; None for the others."""
    return survey_import.import_section if can(actor, "import", "survey_answers") else None
