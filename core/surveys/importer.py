"""Importing a resident survey export (CSV or XLSX, one row per respondent) as a wave.

Read through core/tabular.py; every row checked against the question map before anything is written
(an answer off its declared scale, an area code that names no district and is not declared unknown,
a bad weight: each refused with its row, column and reason, and nothing written); then the wave, its
answers and its free-text comments in one unit of work, with one 'import' audit row. A wave imported
again under its name keeps its id, gets a new version and has its answers and comments replaced.

Only what the figures need is kept: per respondent (numbered by their line in the file, header = 1)
the district, the weight, and one row per answer on a measured question's scale. Don't-know and
missing answers are counted and left out. Columns the map does not name (identifiers, addresses, ...)
are never read into the database.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from core.businesses import load_places
from core.formatting import plural
from core.importing.shape import Option, Outcome, Refused, Upload
from core.surveys import areas, question_map
from core.surveys.question_map import QuestionMap
from core.tabular import UPLOAD, Limits, read_path, read_table
from queries import access
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError, ValidationError

PROBLEM_COLUMNS = ["row", "column", "reason"]
ANSWER_COLUMNS = ["respondent", "district_id", "weight", "measure", "subject", "answer", "top_answer"]
PREVIEW_COLUMNS = ["column", "measure", "value", "label", "counted", "count"]
HEADLINE, ANSWER, NOT_KEPT, REFUSED = "headline answer", "answer", "not kept", "refused"


@dataclass
class SurveyCheck:
    """What a check found (or an import wrote): the rows to store, the problems, and a preview of what
    each column measures with its value counts."""
    filename: str
    respondents: int
    problems: pd.DataFrame
    answers: pd.DataFrame
    comments: pd.DataFrame
    preview: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)
    written: bool = False
    wave: str | None = None
    replaced: bool = False

    @property
    def ok(self) -> bool:
        return self.problems.empty

    def lines(self) -> list[str]:
        c = self.counts
        out = [plural(c.get("respondents", 0), "respondent") + ", " + plural(c.get("answers", 0), "answer") + " kept"
               + (", " + plural(c["comments"], "free-text comment") if c.get("comments") else ""),
               plural(c.get("dont_know", 0), "don't-know answer") + " and " + plural(c.get("missing", 0),
                                                                                    "missing answer") + " left out",
               plural(c.get("area_unknown", 0), "respondent") + " with no known district"]
        if self.written:
            out.append(("Replaced the earlier answers of wave " if self.replaced else "New wave ") + str(self.wave))
        return out


def read_survey(data: bytes, filename: str, limits: Limits = UPLOAD) -> pd.DataFrame:
    """The export's rows as text (core/tabular.py)."""
    return read_table(data, filename, limits=limits)


def read_survey_file(path) -> pd.DataFrame:
    """A file the administrator names on the command line."""
    return read_path(path)


def _problems(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series([r[name] for r in rows], dtype=object) for name in PROBLEM_COLUMNS})


def _cells(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].map(areas.normal_code)


def _written(frame: pd.DataFrame, column: str) -> pd.Series:
    """The cells as the file writes them, spaces around them dropped."""
    return frame[column].map(lambda v: "" if v is None else str(v).strip())


def _lines(frame: pd.DataFrame) -> np.ndarray:
    return np.arange(2, len(frame) + 2)          # the header is line 1


# -- area -----------------------------------------------------------------------------------------

def _area(db: Database, frame: pd.DataFrame, qmap: QuestionMap, found: list) -> tuple[pd.Series, pd.DataFrame]:
    """The district id of each respondent (None: area unknown), and the preview rows of the area."""
    area = qmap.area
    lines = _lines(frame)
    unknown_codes = set(area.unknown)
    if area.kind == "point":
        lat_text, lon_text = _written(frame, area.latitude), _written(frame, area.longitude)
        unknown = (lat_text.map(areas.normal_code).isin(unknown_codes)
                   | lon_text.map(areas.normal_code).isin(unknown_codes))
        lat = pd.to_numeric(lat_text.where(~unknown), errors="coerce")
        lon = pd.to_numeric(lon_text.where(~unknown), errors="coerce")
        unreadable = ~unknown & (lat.isna() | lon.isna() | ~lat.between(-90, 90) | ~lon.between(-180, 180))
        for i in np.nonzero(unreadable.to_numpy())[0]:
            found.append((lines[i], 0, area.latitude,
                          f"{lat_text.iloc[i] or 'a blank'}, {lon_text.iloc[i] or 'a blank'} is not a latitude "
                          "and longitude."))
        places = load_places(db)
        ids = pd.Series([None] * len(frame), dtype=object)
        todo = ~unknown & ~unreadable
        if todo.any() and places.locator is None:
            found.append((None, 0, area.latitude, "no district has a boundary drawn, so a point cannot be placed "
                                                  "in one; draw the districts first."))
        elif todo.any():
            codes = places.locator.locate_many(lon[todo].to_numpy(), lat[todo].to_numpy())
            where = np.nonzero(todo.to_numpy())[0]
            for i, code in zip(where, codes):
                if code is None:
                    found.append((lines[i], 0, area.latitude,
                                  f"the point {lat_text.iloc[i]}, {lon_text.iloc[i]} lies in no district."))
                else:
                    ids.iloc[i] = places.ids_by_code[code]
        names = {row["id"]: row["name"] for row in db.rows("districts_list")}
        shown = ids.map(lambda d: names.get(d, "Area unknown") if d is not None else "Area unknown")
        preview = _counts_preview(area.latitude, "Area (from the point)", shown.where(~unreadable, "unreadable"))
        return ids, preview
    codes = _cells(frame, area.column)
    unknown = codes.isin(unknown_codes)
    if area.kind == "lookup":
        lookup = areas.codes(db, area.lookup)
        ids = codes.map(lambda c: lookup.get(c))
        reason = "area code {code} is not in the " + area.lookup + " lookup and is not declared as area unknown."
    else:
        by_code = {row["code"].upper(): row["id"] for row in db.rows("districts_list")}
        ids = codes.map(lambda c: by_code.get(c.upper()))
        reason = "{code} is not a district code and is not declared as area unknown."
    ids = ids.astype(object).where(ids.notna() & ~unknown, None)
    for i in np.nonzero((ids.isna() & ~unknown).to_numpy())[0]:
        found.append((lines[i], 0, area.column, reason.format(code=codes.iloc[i] or "a blank")))
    names = {row["id"]: f"{row['code']} {row['name']}" for row in db.rows("districts_list")}
    rows = []
    for code, count in codes.value_counts(sort=False).sort_index().items():
        district = lookup.get(code) if area.kind == "lookup" else by_code.get(code.upper())
        if code in unknown_codes:
            label, counted = "Area unknown", "kept with no district"
        elif district is None:
            label, counted = "names no district", REFUSED
        else:
            label, counted = names.get(district, ""), "district"
        rows.append({"column": area.column, "measure": "Area", "value": code or "(blank)", "label": label,
                     "counted": counted, "count": int(count)})
    return ids, pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


def _counts_preview(column: str, measure: str, shown: pd.Series) -> pd.DataFrame:
    rows = [{"column": column, "measure": measure, "value": str(value), "label": str(value), "counted": "district",
             "count": int(count)} for value, count in shown.value_counts(sort=False).sort_index().items()]
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


# -- weight ---------------------------------------------------------------------------------------

def _weights(frame: pd.DataFrame, qmap: QuestionMap, found: list) -> tuple[pd.Series, pd.DataFrame]:
    if not qmap.weight:
        return pd.Series(np.ones(len(frame))), pd.DataFrame(columns=PREVIEW_COLUMNS)
    text = _written(frame, qmap.weight)
    numbers = pd.to_numeric(text, errors="coerce").astype(float)
    lines = _lines(frame)
    for i, (cell, number) in enumerate(zip(text, numbers)):
        if not cell:
            found.append((lines[i], 1, qmap.weight, "the weight is missing."))
        elif not math.isfinite(number):
            found.append((lines[i], 1, qmap.weight, f"weight {cell} is not a number."))
        elif number <= 0:
            found.append((lines[i], 1, qmap.weight, f"weight {cell} is not above zero."))
    good = numbers[np.isfinite(numbers) & (numbers > 0)]
    label = (f"from {good.min():.2f} to {good.max():.2f}, summing to {good.sum():,.1f}" if len(good) else "none")
    preview = pd.DataFrame([{"column": qmap.weight, "measure": "Weight", "value": "", "label": label,
                             "counted": "weight", "count": int(len(good))}], columns=PREVIEW_COLUMNS)
    return numbers, preview


# -- questions ------------------------------------------------------------------------------------

def _question(frame: pd.DataFrame, question, order: int, found: list, subject_words: dict):
    """The answers of one measured question, its counts and its preview rows."""
    scale = question.scale
    codes = _cells(frame, question.column)
    blank = codes == ""
    dont_know = codes.isin(scale.dont_know)
    missing = codes.isin(scale.missing) | blank
    on_scale = codes.isin(scale.codes)
    off = ~(on_scale | dont_know | missing)
    lines = _lines(frame)
    for i in np.nonzero(off.to_numpy())[0]:
        found.append((lines[i], order, question.column,
                      f"{codes.iloc[i]} is not on the question's scale ({scale.describe()})."))
    numbers = scale.answers()
    kept = codes[on_scale]
    answers = pd.DataFrame({"index": kept.index, "measure": question.measure, "subject": question.subject,
                            "answer": kept.map(numbers).astype(float).to_numpy(),
                            "top_answer": kept.isin(scale.top_answer).to_numpy()})
    counts = codes.value_counts()
    words = question_map.measure_words(question, subject_words)
    rows = [{"column": question.column, "measure": words, "value": code, "label": label,
             "counted": HEADLINE if code in scale.top_answer else ANSWER, "count": int(counts.get(code, 0))}
            for code, label in scale.values]
    rows += [{"column": question.column, "measure": words, "value": code, "label": "Don't know",
              "counted": NOT_KEPT, "count": int(counts.get(code, 0))} for code in scale.dont_know]
    rows += [{"column": question.column, "measure": words, "value": code, "label": "Missing",
              "counted": NOT_KEPT, "count": int(counts.get(code, 0))} for code in scale.missing]
    if blank.any():
        rows.append({"column": question.column, "measure": words, "value": "(blank)", "label": "Missing",
                     "counted": NOT_KEPT, "count": int(blank.sum())})
    for code in sorted(set(codes[off])):
        rows.append({"column": question.column, "measure": words, "value": code, "label": "not on the scale",
                     "counted": REFUSED, "count": int(counts[code])})
    return answers, int(dont_know.sum()), int(missing.sum()), rows


def _comments(frame: pd.DataFrame, question) -> tuple[pd.DataFrame, dict]:
    text = _written(frame, question.column)
    kept = text[(text != "") & ~text.map(areas.normal_code).isin(question.missing)]
    comments = pd.DataFrame({"respondent": (kept.index + 2).astype("int64"), "question": question.column,
                             "answer": kept.to_numpy()})
    row = {"column": question.column, "measure": question_map.measure_words(question, {}), "value": "",
           "label": "kept for the crime-prevention officer and administrators", "counted": "comment",
           "count": len(kept)}
    return comments, row


# -- check and write ------------------------------------------------------------------------------

def check_survey(db: Database, actor: Actor, frame: pd.DataFrame, qmap, filename: str = "") -> SurveyCheck:
    """Every row judged against the question map; nothing written. A map naming a subject or lookup
    that does not exist raises ValidationError; the rows' problems are in `problems`."""
    qmap = question_map.parse(qmap)
    question_map.check_names(db, qmap)
    found: list[tuple] = []
    absent = [c for c in dict.fromkeys(qmap.columns()) if c not in frame.columns]
    for column in absent:
        found.append((None, -1, column, f"the file has no column {column}."))
    if absent:
        return _result(filename, frame, found, _empty_answers(), _empty_comments(),
                       pd.DataFrame(columns=PREVIEW_COLUMNS), {})
    frame = frame.reset_index(drop=True)
    district_ids, area_preview = _area(db, frame, qmap, found)
    weights, weight_preview = _weights(frame, qmap, found)
    subject_words = question_map.subjects(db)
    parts, previews, comment_parts = [], [area_preview, weight_preview], []
    dont_know = missing = 0
    for order, question in enumerate(qmap.questions, start=2):
        if question.free_text:
            comments, row = _comments(frame, question)
            comment_parts.append(comments)
            previews.append(pd.DataFrame([row], columns=PREVIEW_COLUMNS))
            continue
        answers, unknown, absent_answers, rows = _question(frame, question, order, found, subject_words)
        parts.append(answers)
        dont_know += unknown
        missing += absent_answers
        previews.append(pd.DataFrame(rows, columns=PREVIEW_COLUMNS))
    answers = pd.concat(parts, ignore_index=True) if parts else _empty_answers()
    if len(answers):
        index = answers.pop("index").to_numpy()
        answers.insert(0, "respondent", (index + 2).astype("int64"))
        answers.insert(1, "district_id", pd.array(district_ids.to_numpy()[index], dtype="Int64"))
        answers.insert(2, "weight", weights.to_numpy()[index])
        answers = answers.sort_values(["respondent", "measure", "subject"], kind="stable", ignore_index=True)
    else:
        answers = _empty_answers()
    comments = pd.concat(comment_parts, ignore_index=True) if comment_parts else _empty_comments()
    counts = {"respondents": len(frame), "answers": len(answers), "comments": len(comments),
              "dont_know": dont_know, "missing": missing,
              "area_unknown": int(pd.Series(district_ids).isna().sum())}
    preview = pd.concat([p for p in previews if len(p)], ignore_index=True) if previews else None
    return _result(filename, frame, found, answers, comments, preview, counts)


def _empty_answers() -> pd.DataFrame:
    return pd.DataFrame(columns=ANSWER_COLUMNS)


def _empty_comments() -> pd.DataFrame:
    return pd.DataFrame(columns=["respondent", "question", "answer"])


def _result(filename, frame, found, answers, comments, preview, counts) -> SurveyCheck:
    found.sort(key=lambda p: (p[0] if p[0] is not None else 0, p[1]))
    problems = _problems([{"row": None if r is None else int(r), "column": c, "reason": why}
                          for r, _, c, why in found])
    return SurveyCheck(filename, len(frame), problems, answers, comments,
                       preview if preview is not None else pd.DataFrame(columns=PREVIEW_COLUMNS), counts)


def clean_wave(wave, fieldwork_start, fieldwork_end) -> tuple[str, date, date]:
    """The wave's name and fieldwork dates, or one ValidationError naming each bad one."""
    problems: dict[str, str] = {}
    name = str(wave or "").strip()
    if not name:
        problems["wave"] = "give the wave a name, such as Spring 2026."
    elif len(name) > 100:
        problems["wave"] = f"is {len(name)} characters long; the limit is 100."
    dates = {}
    for label, value in (("fieldwork start", fieldwork_start), ("fieldwork end", fieldwork_end)):
        if isinstance(value, date):
            dates[label] = value
            continue
        try:
            dates[label] = date.fromisoformat(str(value or "").strip())
        except ValueError:
            problems[label] = "give the date as 2026-03-31."
    if len(dates) == 2 and dates["fieldwork end"] < dates["fieldwork start"]:
        problems["fieldwork end"] = "the fieldwork ends before it starts."
    if problems:
        raise ValidationError(problems)
    return name, dates["fieldwork start"], dates["fieldwork end"]


def import_survey(db: Database, actor: Actor, frame: pd.DataFrame, qmap, *, wave, fieldwork_start,
                  fieldwork_end, filename: str) -> SurveyCheck:
    """Check every row, then write the wave, its answers and comments in one unit of work. Refused
    rows raise ImportRefused (row, column, reason) with nothing written."""
    name, start, end = clean_wave(wave, fieldwork_start, fieldwork_end)
    checked = check_survey(db, actor, frame, qmap, filename)
    if not checked.ok:
        raise Refused(checked.problems)
    qmap = question_map.parse(qmap)
    values = {"fieldwork_start": start, "fieldwork_end": end, "source_file": filename or None,
              "respondents": checked.respondents, "weighted": qmap.weight is not None}
    with db.unit_of_work(actor) as uow:
        found = uow.execute("survey_waves_by_name", wave_name=name).fetchone()
        if found is None:
            wave_id = uow.insert("survey_waves", {"name": name, **values})["id"]
        else:
            wave_id, version, deleted = found
            if deleted:
                version = uow.restore("survey_waves", wave_id, version)["version"]
            # a new version even when the file and dates are the same: the answers are new
            uow.update("survey_waves", wave_id, version, {**values, "updated_at": uow.now})
            access.authorize_import(actor, "survey_answers")
            access.authorize_import(actor, "survey_comments")
            uow.execute("survey_answers_clear", wave_id=wave_id)
            uow.execute("survey_comments_clear", wave_id=wave_id)
        access.authorize_import(actor, "survey_comments")
        if len(checked.comments):
            uow.cur.register("survey_comment_rows", checked.comments)
            try:
                uow.execute("survey_comments_insert", wave_id=wave_id)
            finally:
                uow.cur.unregister("survey_comment_rows")
        answers = checked.answers.copy()
        answers.insert(0, "wave_id", wave_id)
        detail = json.dumps({"wave": name, "file": filename, "respondents": checked.respondents,
                             "comments": len(checked.comments), "replaced": found is not None})
        uow.bulk_insert("survey_answers", answers, detail=detail)
    checked.written, checked.wave, checked.replaced = True, name, found is not None
    return checked


# -- the import of the one shape (core/importing/shape.py), kind "surveys" -----------------------------

def resolve_map(db: Database, given, mapping: dict | None = None) -> QuestionMap:
    """The question map an import names: a map itself (dict, JSON text, QuestionMap), an uploaded JSON
    file, a path to a .json file, or the name of a saved map; else a saved map chosen as the mapping."""
    if isinstance(given, Upload):
        return question_map.parse(given.read())
    if isinstance(given, (dict, QuestionMap, bytes)):
        return question_map.parse(given)
    if isinstance(given, str) and given.strip():
        text = given.strip()
        if text.startswith("{"):
            return question_map.parse(text)
        if text.lower().endswith(".json"):
            path = Upload.of_path(text)          # refuses a path with no file
            return question_map.parse(path.read())
        return question_map.load(db, text)
    if mapping and "questions" in mapping:
        return question_map.parse(mapping)
    raise DataError("Give the question map: a JSON file (--question-map FILE.json) or the name of a saved map.")


class SurveyImporter:
    """A survey export as a wave: the question map says what each column means (there is no column
    mapping); the wave's name and fieldwork dates are given with the file."""
    kind, title, table = "surveys", "Survey waves", "survey_answers"
    fields: tuple[str, ...] = ()
    required: frozenset[str] = frozenset()
    suffixes = ("csv", "xlsx")
    fills_unmapped = False
    options = (
        Option("wave", "the wave's name, such as 'Spring 2026'; a wave imported again under its name keeps its "
                       "place and has its answers replaced", metavar="NAME"),
        Option("fieldwork_start", "the first day of the survey's fieldwork", metavar="YYYY-MM-DD"),
        Option("fieldwork_end", "the last day of the survey's fieldwork", metavar="YYYY-MM-DD"),
        Option("question_map", "what each column measures: a question map JSON file, or the name of a map saved "
                               "in the app", metavar="FILE.json|NAME"),
    )

    def describe(self, field: str) -> str:
        return field

    def columns(self, upload: Upload) -> list[str]:
        return upload.columns()

    def guess(self, columns: list[str]) -> dict[str, str]:
        return {}

    def saved(self, db: Database) -> dict[str, dict]:
        return question_map.saved(db)

    def check(self, db: Database, actor: Actor, upload: Upload, mapping: dict, *, progress=None, wave=None,
              fieldwork_start=None, fieldwork_end=None, question_map=None) -> Outcome:
        qmap = resolve_map(db, question_map, mapping)
        if wave or fieldwork_start or fieldwork_end:
            clean_wave(wave, fieldwork_start, fieldwork_end)
        checked = check_survey(db, actor, upload.frame(), qmap, upload.filename)
        heading = (f"All {checked.respondents:,} respondents of {upload.filename} are fine; nothing written."
                   if checked.ok else f"{len(checked.problems):,} problem(s) in {upload.filename}; nothing written.")
        return Outcome(False, heading, checked.lines(), problems=checked.problems, counts=checked.counts,
                       preview=checked.preview, refused=not checked.ok, detail=checked)

    def write(self, db: Database, actor: Actor, upload: Upload, mapping: dict, *, progress=None, wave=None,
              fieldwork_start=None, fieldwork_end=None, question_map=None) -> Outcome:
        qmap = resolve_map(db, question_map, mapping)
        done = import_survey(db, actor, upload.frame(), qmap, wave=wave, fieldwork_start=fieldwork_start,
                             fieldwork_end=fieldwork_end, filename=upload.filename)
        heading = f"Imported survey wave {done.wave} from {upload.filename}."
        return Outcome(True, heading, done.lines(), counts=done.counts, preview=done.preview, detail=done)


SURVEYS = SurveyImporter()

